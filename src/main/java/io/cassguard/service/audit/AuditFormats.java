package io.cassguard.service.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;

/**
 * The written forms of audit records: one JSON form shared by the file, the log line and {@code GET /audit}, and
 * the CSV of {@code GET /audit?format=csv}. They are stored and exchanged formats, so they do not follow changes to
 * the application's general ObjectMapper. Times are RFC 3339 in UTC, always with milliseconds.
 */
public final class AuditFormats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = configure(JsonMapper.builder());
    private static final CsvMapper CSV = configure(CsvMapper.builder());
    private static final CsvSchema CSV_SCHEMA = CSV.schemaFor(AuditRecord.class).withHeader();
    /** What a spreadsheet may take for the start of a formula (and OWASP's tab and carriage return). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private AuditFormats() {
    }

    /** A record, a list of them, or an answer that holds them. */
    public static String json(Object records) {
        return write(() -> JSON.writeValueAsString(records));
    }

    /**
     * One row per record, the columns of the JSON form in its order. Lists become one cell, their items separated by
     * {@code " | "}; {@code results} becomes {@code rule=result} items; a missing value is an empty cell. A cell that
     * a spreadsheet would take for a formula ({@code =}, {@code +}, {@code -}, {@code @} first) is neutralised
     * with a leading {@code '}: record fields come from whoever sent the request.
     */
    public static String csv(List<AuditRecord> records) {
        List<List<String>> rows = new ArrayList<>();
        for (AuditRecord record : records) {
            JsonNode fields = JSON.valueToTree(record);
            List<String> row = new ArrayList<>();
            CSV_SCHEMA.forEach(column -> row.add(neutralised(cell(fields.get(column.getName())))));
            rows.add(row);
        }
        return write(() -> CSV.writer(CSV_SCHEMA).writeValueAsString(rows));
    }

    private static String cell(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            return String.join(" | ", items);
        }
        if (value.isObject()) {
            List<String> items = new ArrayList<>();
            value.fields().forEachRemaining(field -> items.add(field.getKey() + "=" + field.getValue().asText()));
            return String.join(" | ", items);
        }
        return value.asText();
    }

    static String neutralised(String cell) {
        return !cell.isEmpty() && FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    /** A JSON array of records, as {@code GET /audit?local=true} answers. */
    public static List<AuditRecord> readAll(String json) {
        try {
            return JSON.readValue(json, JSON.getTypeFactory().constructCollectionType(List.class, AuditRecord.class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
