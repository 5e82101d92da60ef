package io.cassguard.support;

import org.jboss.logmanager.ExtLogRecord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The log records of the service under test in a category and the ones below it, while open. */
public final class CapturedLog implements AutoCloseable {

    private final Logger category;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(String category) {
        this.category = Logger.getLogger(category);
        this.category.addHandler(handler);
    }

    /** Captures a category, e.g. a class name; "" for every category that reaches the console. */
    public static CapturedLog of(String category) {
        return new CapturedLog(category);
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** A record's message as the log shows it, its parameters filled in. */
    public static String message(LogRecord record) {
        return record instanceof ExtLogRecord extended ? extended.getFormattedMessage() : record.getMessage();
    }

    @Override
    public void close() {
        category.removeHandler(handler);
    }
}
