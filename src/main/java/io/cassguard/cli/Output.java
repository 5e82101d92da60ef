package io.cassguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.function.Supplier;

/** The formats of {@code --output}. */
enum Output {
    TEXT(TextReport::new), JSON(JsonReport::new), JUNIT(JunitReport::new), SARIF(SarifReport::new);

    private final Supplier<Report> report;

    Output(Supplier<Report> report) {
        this.report = report;
    }

    Report report() {
        return report.get();
    }

    /** Builds the trees of the JSON formats. */
    static final ObjectMapper JSON_TREES = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A JSON report as it is printed: indented, with a final newline. */
    static String print(JsonNode tree) {
        try {
            return JSON_TREES.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }

    /** Writes a {@link CheckResult} in one format. */
    interface Report {
        String render(CheckResult result);
    }
}
