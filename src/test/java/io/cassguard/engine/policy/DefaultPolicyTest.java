package io.cassguard.engine.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cassguard.engine.mutations.Mutation;
import io.cassguard.engine.rules.Rule;
import org.junit.jupiter.api.Test;

import java.io.File;

import static org.assertj.core.api.Assertions.assertThat;

/** policies/default.yaml names every rule and mutation, each with exactly its built-in default. */
class DefaultPolicyTest {

    private final Catalog catalog = Catalog.standard();
    private final PolicyCompiler compiler = new PolicyCompiler(catalog);
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theDefaultPolicyCarriesEveryRuleAndMutationAtItsDefault() throws Exception {
        JsonNode document = new YAMLMapper().readTree(new File("policies/default.yaml"));
        CompiledPolicy shipped = compiler.compile(document, "policies/default.yaml");
        CompiledPolicy builtIn = compiler.builtInDefaults();

        for (Rule<?> rule : catalog.rules()) {
            assertThat(document.at("/spec/rules/" + rule.policyName()).isObject()).as(rule.policyName() + " is listed").isTrue();
            assertThat(shipped.rule(rule.id()).action()).as(rule.id()).isEqualTo(builtIn.rule(rule.id()).action());
            assertThat(json(shipped.rule(rule.id()).parameters())).as(rule.id())
                    .isEqualTo(json(builtIn.rule(rule.id()).parameters()));
        }
        for (Mutation<?> mutation : catalog.mutations()) {
            assertThat(document.at("/spec/mutations/" + mutation.policyName()).isObject()).as(mutation.policyName()).isTrue();
            assertThat(shipped.mutation(mutation.id()).enabled()).as(mutation.id()).isTrue();
            assertThat(json(shipped.mutation(mutation.id()).parameters())).as(mutation.id())
                    .isEqualTo(json(builtIn.mutation(mutation.id()).parameters()));
        }
    }

    @Test
    void theCatalogHoldsExactlyTheRulesAndMutationsOfTheDesign() {
        assertThat(catalog.rules()).extracting(Rule::id).containsExactly(
                "dc-decommission", "deletion-protection", "immutable-field", "min-dc-size", "mixed-change",
                "scale-down-step", "scale-to-zero", "storage-shrink", "topology-removal", "unhealthy-cluster",
                "version-downgrade", "version-skip", "version-unpinned");
        assertThat(catalog.mutations()).extracting(Mutation::id).containsExactly(
                "anti-affinity", "drain-hook", "exporter", "seeds");
    }

    private JsonNode json(Object parameters) {
        return mapper.valueToTree(parameters);
    }
}
