package io.cassguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.engine.decision.Decision;
import io.cassguard.engine.decision.RuleOutcome;

/** The stable JSON of {@code --output json}; the README's "Check changes in CI" section documents every field. */
final class JsonReport implements Output.Report {

    static final String API_VERSION = "cassguard.io/check/v1";
    private static final ObjectMapper MAPPER = Output.JSON_TREES;

    @Override
    public String render(CheckResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("apiVersion", API_VERSION);
        root.put("exitCode", result.exitCode());
        ObjectNode summary = root.putObject("summary");
        summary.put("changes", result.objects().size());
        summary.put("refused", result.refused());
        summary.put("warned", result.warned());
        summary.put("unchanged", result.unchanged());
        ArrayNode objects = root.putArray("objects");
        result.objects().forEach(checked -> objects.add(object(checked)));
        return Output.print(root);
    }

    private static ObjectNode object(Checked checked) {
        Manifest subject = checked.subject();
        Decision decision = checked.decision();
        ObjectNode object = MAPPER.createObjectNode();
        object.put("file", subject.file());
        object.put("line", subject.line());
        object.put("operation", checked.change().operation().name());
        object.put("apiVersion", subject.apiVersion());
        object.put("kind", subject.key().kind());
        object.put("namespace", subject.key().namespace());
        object.put("name", subject.key().name());
        object.put("allowed", decision.isAllowed());
        object.put("verdict", decision.verdict().label());
        object.put("policy", decision.policy());
        object.put("webhook", checked.webhook());
        object.put("message", decision.isAllowed() ? null : decision.denialMessage());
        ArrayNode warnings = object.putArray("warnings");
        decision.shownWarnings().forEach(warnings::add);
        ArrayNode rules = object.putArray("rules");
        for (RuleOutcome outcome : decision.outcomes()) {
            rules.addObject().put("id", outcome.ruleId()).put("result", outcome.result().label()).put("message", outcome.message());
        }
        ArrayNode passed = object.putArray("passed");
        decision.passed().forEach(passed::add);
        if (checked.mutation() != null) {
            ObjectNode mutation = object.putObject("mutation");
            mutation.put("policy", checked.mutation().policy());
            ArrayNode injected = mutation.putArray("injected");
            checked.mutation().injected().forEach(injected::add);
            ArrayNode mutationWarnings = mutation.putArray("warnings");
            Decision.shown(checked.mutation().warnings()).forEach(mutationWarnings::add);
            mutation.set("patch", checked.mutation().patch() == null ? MAPPER.createArrayNode() : checked.mutation().patch());
        }
        return object;
    }
}
