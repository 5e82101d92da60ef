package io.cassguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cassguard.model.Operation;

/**
 * What kubectl would print for each change: the webhook's warnings as {@code Warning:} lines, then its refusal as
 * {@code Error from server (Forbidden): ... admission webhook "..." denied the request: <status.message>} or the
 * object's name with what would happen to it.
 */
final class TextReport implements Output.Report {

    @Override
    public String render(CheckResult result) {
        StringBuilder text = new StringBuilder();
        for (Checked checked : result.objects()) {
            checked.warnings().forEach(warning -> text.append("Warning: ").append(warning).append('\n'));
            if (checked.refused()) {
                text.append("Error from server (Forbidden): ").append(clause(checked.change()))
                        .append("admission webhook \"").append(checked.webhook()).append("\" denied the request: ")
                        .append(checked.decision().denialMessage()).append('\n');
            } else {
                text.append(checked.subject().key().displayName()).append(' ').append(done(checked.change().operation()))
                        .append(" (cassguard check)\n");
            }
            if (checked.mutation() != null && checked.mutation().patch() != null) {
                text.append("  mutated by policy ").append(checked.mutation().policy()).append(": ")
                        .append(String.join(", ", checked.mutation().injected())).append('\n');
                for (JsonNode operation : checked.mutation().patch()) {
                    text.append("    ").append(operation.path("op").asText()).append(' ')
                            .append(operation.path("path").asText()).append('\n');
                }
            }
        }
        text.append(summary(result)).append('\n');
        return text.toString();
    }

    /** kubectl's words for the file a refused change came from. */
    private static String clause(ManifestChange change) {
        String verb = switch (change.operation()) {
            case CREATE -> "creating";
            case DELETE -> "deleting";
            default -> "patching";
        };
        return "error when " + verb + " \"" + change.subject().file() + "\": ";
    }

    private static String done(Operation operation) {
        return switch (operation) {
            case CREATE -> "created";
            case DELETE -> "deleted";
            default -> "configured";
        };
    }

    private static String summary(CheckResult result) {
        int objects = result.objects().size();
        return "cassguard check: " + objects + (objects == 1 ? " change" : " changes") + ", " + result.refused()
                + " refused, " + result.warned() + " allowed with warnings, " + result.unchanged() + " unchanged";
    }
}
