package io.cassguard.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One row of a table of validation cases under {@code src/test/resources/cases/}: an AdmissionReview fixture of
 * {@code reviews/}, named after what it shows, and the exact answer it must get.
 *
 * @param message  the whole {@code status.message} of a denial; null when allowed
 * @param warnings {@code response.warnings}, exactly
 */
public record ValidationCase(String fixture, boolean allowed, String message, List<String> warnings) {

    private static final YAMLMapper YAML = new YAMLMapper();

    public static List<ValidationCase> table(String resource) {
        try (InputStream in = ValidationCase.class.getClassLoader().getResourceAsStream(resource)) {
            return List.of(YAML.readValue(Objects.requireNonNull(in, resource), ValidationCase[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ValidationCase of(String table, String fixture) {
        return table(table).stream().filter(c -> c.fixture.equals(fixture)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no case " + fixture + " in " + table));
    }

    public String review() {
        return "reviews/" + fixture + ".yaml";
    }

    /** Posts the fixture to /validate over HTTPS and checks the answer. */
    public void check() {
        JsonNode response = Admission.validate(review());

        assertThat(response.path("allowed").asBoolean()).as("allowed").isEqualTo(allowed);
        if (allowed) {
            assertThat(response.has("status")).as("status of an allowed request").isFalse();
        } else {
            assertThat(response.at("/status/code").asInt()).isEqualTo(403);
            assertThat(response.at("/status/reason").asText()).isEqualTo("Forbidden");
            assertThat(response.at("/status/message").asText()).isEqualTo(message.strip());
        }
        assertThat(texts(response.path("warnings"))).as("warnings").isEqualTo(warnings == null ? List.of() : warnings);
    }

    public static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Override
    public String toString() {
        return fixture;
    }
}
