package io.cassguard.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.cassguard.engine.rules.upward.RuleThatImportsTheService;
import io.cassguard.service.kubernetes.ClusterMode;
import io.cassguard.service.upward.PackageThatUsesItsSubPackage;
import io.cassguard.service.upward.child.SubPackageThatUsesItsParent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layers of docs/architecture.md: model at the bottom, the plain-Java engine above it (cluster
 * view, then rules and mutations, then policies, then decisions), the Quarkus service and the CLI on top. No package
 * uses one above it, no packages depend on each other in a cycle, and the engine knows nothing of the container.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.cassguard");

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("Model").definedBy("io.cassguard.model..")
            .layer("Cluster").definedBy("io.cassguard.engine.cluster..")
            .layer("Live").definedBy("io.cassguard.engine.live..")
            .layer("Rules").definedBy("io.cassguard.engine.rules..")
            .layer("Mutations").definedBy("io.cassguard.engine.mutations..")
            .layer("Policy").definedBy("io.cassguard.engine.policy..")
            .layer("Decision").definedBy("io.cassguard.engine.decision..")
            .layer("Service").definedBy("io.cassguard.service..")
            .layer("Cli").definedBy("io.cassguard.cli..")
            .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("Service").mayNotBeAccessedByAnyLayer()
            .whereLayer("Decision").mayOnlyBeAccessedByLayers("Service", "Cli")
            .whereLayer("Policy").mayOnlyBeAccessedByLayers("Decision", "Service", "Cli")
            .whereLayer("Rules").mayOnlyBeAccessedByLayers("Policy", "Decision", "Service", "Cli")
            .whereLayer("Mutations").mayOnlyBeAccessedByLayers("Policy", "Decision", "Service", "Cli")
            .whereLayer("Cluster").mayOnlyBeAccessedByLayers("Rules", "Mutations", "Policy", "Decision", "Service", "Cli")
            .whereLayer("Live").mayOnlyBeAccessedByLayers("Cluster", "Rules", "Mutations", "Policy", "Decision", "Service", "Cli");

    static final ArchRule ENGINE_WITHOUT_CONTAINER = noClasses()
            .that().resideInAnyPackage("io.cassguard.model..", "io.cassguard.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta.enterprise..", "jakarta.inject..",
                    "jakarta.ws..", "org.eclipse.microprofile..", "io.smallrye..", "io.micrometer..", "io.vertx..",
                    "io.fabric8.kubernetes.client.dsl..", "io.fabric8.kubernetes.client.informers..")
            .because("the engine runs without the Quarkus container, in cassguard check and in plain unit tests");

    /** The engine's tests and fixtures, without the deliberate violation the rules are shown to catch. */
    private static final JavaClasses ENGINE_TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .withImportOption(location -> !location.contains("/upward/"))
            .importPackages("io.cassguard.engine", "io.cassguard.model");

    static final ArchRule ENGINE_TESTS_WITHOUT_THE_SERVICE = noClasses()
            .that().resideInAnyPackage("io.cassguard.model..", "io.cassguard.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("io.cassguard.service..", "io.cassguard.cli..",
                    "io.cassguard.support..", "io.quarkus..", "io.restassured..")
            .because("the engine is tested as plain Java, without the service or the container it runs in");

    static final ArchRule NO_CYCLES_IN_THE_ENGINE = slices().matching("io.cassguard.engine.(*)..").should().beFreeOfCycles();

    /** Every package its own slice, so that a sub-package (the audit's read side) and its parent may not use each other. */
    static final ArchRule NO_CYCLES_IN_THE_SERVICE = slices().matching("io.cassguard.service.(**)").should().beFreeOfCycles();

    @Test
    void noPackageUsesALayerAboveIt() {
        LAYERS.check(MAIN);
    }

    @Test
    void theEngineKnowsNothingOfTheContainer() {
        ENGINE_WITHOUT_CONTAINER.check(MAIN);
    }

    @Test
    void theEnginesPackagesHaveNoCycle() {
        NO_CYCLES_IN_THE_ENGINE.check(MAIN);
    }

    @Test
    void theServicesPackagesHaveNoCycle() {
        NO_CYCLES_IN_THE_SERVICE.check(MAIN);
    }

    @Test
    void theEnginesTestsUseNeitherTheServiceNorTheContainer() {
        assertThat(ENGINE_TESTS.size()).as("engine test classes imported").isGreaterThan(30);
        ENGINE_TESTS_WITHOUT_THE_SERVICE.check(ENGINE_TESTS);
    }

    @Test
    void anEngineClassThatImportsTheServiceIsCaught() {
        JavaClasses withViolation = new ClassFileImporter().importClasses(RuleThatImportsTheService.class, ClusterMode.class);

        assertThat(LAYERS.evaluate(withViolation).getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains(RuleThatImportsTheService.class.getName())
                        .contains(ClusterMode.class.getName()));
        assertThat(ENGINE_WITHOUT_CONTAINER.evaluate(withViolation).hasViolation()).isFalse();
        assertThat(ENGINE_TESTS_WITHOUT_THE_SERVICE.evaluate(withViolation).hasViolation()).isTrue();
    }

    @Test
    void aCycleBetweenAServicePackageAndItsSubPackageIsCaught() {
        JavaClasses cycle = new ClassFileImporter().importClasses(PackageThatUsesItsSubPackage.class,
                SubPackageThatUsesItsParent.class);

        assertThat(NO_CYCLES_IN_THE_SERVICE.evaluate(cycle).hasViolation()).isTrue();
    }
}
