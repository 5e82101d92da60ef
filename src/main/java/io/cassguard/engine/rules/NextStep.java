package io.cassguard.engine.rules;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Function;

/**
 * The next step a refusal suggests, as the object it would write: the decision checks it against every enforced
 * rule before the user reads it, and a step that would be refused in turn is never suggested (docs/rules.md).
 *
 * @param object      the object after the suggested step alone, taken from the old object
 * @param whenRefused the refusal's message when the step is refused too, given what refuses it, e.g.
 *                    {@code min-dc-size of policy default}
 */
public record NextStep(JsonNode object, Function<String, String> whenRefused) {
}
