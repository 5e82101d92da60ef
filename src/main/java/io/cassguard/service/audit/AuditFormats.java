package io.cassguard.service.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The written forms of audit records: one JSON form shared by the file, the log line and {@code GET /audit}, and
 * the CSV of {@code GET /audit?format=csv}. They are stored and exchanged formats, so they do not follow changes to
 * the application's general ObjectMapper. Times are RFC 3339 in UTC, always with milliseconds.
 */
final class AuditFormats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = configure(JsonMapper.builder());
    private static final CsvMapper CSV = configure(CsvMapper.builder());
    private static final CsvSchema CSV_SCHEMA = CSV.schemaFor(AuditRecord.class).withHeader().withArrayElementSeparator(" | ");

    private AuditFormats() {
    }

    static String json(AuditRecord record) {
        return write(() -> JSON.writeValueAsString(record));
    }

    static String json(List<AuditRecord> records) {
        return write(() -> JSON.writeValueAsString(records));
    }

    /** Lists become one cell, their items separated by {@code " | "}; a missing value is an empty cell. */
    static String csv(List<AuditRecord> records) {
        return write(() -> CSV.writer(CSV_SCHEMA).writeValueAsString(records));
    }

    static AuditRecord read(String line) throws JsonProcessingException {
        return JSON.readValue(line, AuditRecord.class);
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configure(B builder) {
        return builder
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule().addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
                    @Override
                    public void serialize(Instant time, JsonGenerator out, SerializerProvider provider) throws IOException {
                        out.writeString(TIME.format(time));
                    }
                }))
                // records written by a later version may carry more fields
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    private interface Writing {
        String write() throws JsonProcessingException;
    }

    private static String write(Writing writing) {
        try {
            return writing.write();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // records are plain data: this does not happen
        }
    }
}
