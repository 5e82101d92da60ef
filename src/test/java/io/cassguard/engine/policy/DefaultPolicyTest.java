package io.cassguard.engine.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cassguard.engine.mutations.Mutation;
import io.cassguard.engine.rules.Rule;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** policies/default.yaml names every rule and mutation, each with exactly its built-in default. */
@QuarkusTest
class DefaultPolicyTest {

    @Inject
    PolicyCompiler compiler;
    @Inject
    Catalog catalog;
    @Inject
    ObjectMapper mapper;

    @Test
    void theDefaultPolicyCarriesEveryRuleAndMutationAtItsDefault() throws Exception {
        JsonNode document = new YAMLMapper().readTree(new File("policies/default.yaml"));
        CompiledPolicy shipped = compiler.compile(document, "policies/default.yaml");
        CompiledPolicy builtIn = compiler.builtInDefaults();

        for (Rule<?> rule : catalog.rules()) {
            assertThat(document.at("/spec/rules/" + rule.policyName()).isObject()).as(rule.policyName() + " is listed").isTrue();
            assertThat(shipped.settings(rule).action()).as(rule.id()).isEqualTo(builtIn.settings(rule).action());
            assertThat(json(shipped.settings(rule).parameters())).as(rule.id()).isEqualTo(json(builtIn.settings(rule).parameters()));
        }
        for (Mutation<?> mutation : catalog.mutations()) {
            assertThat(document.at("/spec/mutations/" + mutation.policyName()).isObject()).as(mutation.policyName()).isTrue();
            assertThat(shipped.settings(mutation).enabled()).as(mutation.id()).isTrue();
            assertThat(json(shipped.settings(mutation).parameters())).as(mutation.id())
                    .isEqualTo(json(builtIn.settings(mutation).parameters()));
        }
    }

    @Test
    void everyRuleAndMutationIsInTheCatalog() {
        assertThat(catalog.rules()).extracting(Rule::id).contains("deletion-protection");
        assertThat(catalog.mutations()).extracting(Mutation::id).contains("drain-hook");
    }

    private JsonNode json(Object parameters) throws IOException {
        return mapper.valueToTree(parameters);
    }
}
