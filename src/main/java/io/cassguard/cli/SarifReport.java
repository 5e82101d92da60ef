package io.cassguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cassguard.engine.decision.RuleOutcome;
import io.cassguard.model.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * SARIF 2.1.0 for code-scanning tools: one result per refusal (level error) or warning (level warning) of a rule,
 * located at the file and line where the object starts, so that the pull request is annotated there.
 */
final class SarifReport implements Output.Report {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper MAPPER = Output.JSON_TREES;

    @Override
    public String render(CheckResult result) {
        ObjectNode log = MAPPER.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "cassguard");
        driver.put("version", new CassguardCli.Version().getVersion()[0].substring("cassguard ".length()));
        ArrayNode rules = driver.putArray("rules");
        List<String> ruleIds = new ArrayList<>();
        ArrayNode results = run.putArray("results");
        for (Checked checked : result.objects()) {
            for (RuleOutcome outcome : checked.decision().outcomes()) {
                if (outcome.result() != Verdict.DENIED && !checked.decision().warnings().contains(outcome.line())) {
                    continue; // audited: recorded by the webhook, shown to no one
                }
                if (!ruleIds.contains(outcome.ruleId())) {
                    ruleIds.add(outcome.ruleId());
                    rules.addObject().put("id", outcome.ruleId());
                }
                results.add(result(checked, outcome, ruleIds.indexOf(outcome.ruleId())));
            }
        }
        return Output.print(log);
    }

    private static ObjectNode result(Checked checked, RuleOutcome outcome, int ruleIndex) {
        Manifest subject = checked.subject();
        boolean refused = outcome.result() == Verdict.DENIED;
        ObjectNode result = MAPPER.createObjectNode();
        result.put("ruleId", outcome.ruleId());
        result.put("ruleIndex", ruleIndex);
        result.put("level", refused ? "error" : "warning");
        String hint = checked.decision().overrideHint();
        result.putObject("message").put("text", refused && hint != null ? outcome.line() + "\n" + hint : outcome.line());
        ObjectNode location = result.putArray("locations").addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", subject.file().replace('\\', '/'));
        physical.putObject("region").put("startLine", subject.line());
        location.putArray("logicalLocations").addObject()
                .put("fullyQualifiedName", subject.key().namespace() + "/" + subject.key().displayName())
                .put("kind", "object");
        return result;
    }
}
