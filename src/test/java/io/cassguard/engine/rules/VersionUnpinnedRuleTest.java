package io.cassguard.engine.rules;

import org.junit.jupiter.api.Test;

import static io.cassguard.engine.fixtures.EngineFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code version-unpinned}: images that could pull another Cassandra version, and those whose version is unknown. */
class VersionUnpinnedRuleTest {

    private static final String RULE = "version-unpinned";

    @Test
    void refusesAnImageTaggedLatestAndSuggestsTheImageItRanBefore() {
        assertThat(violations(RULE, "cassandracluster-image-latest-refused")).containsExactly(Violation.refuse(
                "image cassandra:latest is tagged latest: any restart could pull another Cassandra version; "
                + "pin a version tag, e.g. cassandra:4.1.5"));
    }

    @Test
    void refusesAnImageWithoutATag() {
        assertThat(violations(RULE, "cassandracluster-image-without-tag-refused")).containsExactly(Violation.refuse(
                "image cassandra has no tag, which means cassandra:latest: any restart could pull another "
                + "Cassandra version; pin a version tag, e.g. cassandra:4.1.5"));
    }

    @Test
    void refusesACreateWithLatestAndSuggestsAVersionPlaceholder() {
        assertThat(violations(RULE, "cassandracluster-create-with-latest-image-refused")).containsExactly(Violation.refuse(
                "image cassandra:latest is tagged latest: any restart could pull another Cassandra version; "
                + "pin a version tag, e.g. cassandra:<MAJOR.MINOR.PATCH>"));
    }

    @Test
    void suggestsTheServerVersionOfAV2Cluster() {
        assertThat(violations(RULE, "cassandracluster-v2-server-version-with-latest-image-refused")).containsExactly(Violation.refuse(
                "image cassandra:latest is tagged latest: any restart could pull another Cassandra version; "
                + "pin a version tag, e.g. cassandra:4.0.11"));
    }

    @Test
    void onlyWarnsOfAnImagePinnedByDigestOnly() {
        assertThat(violations(RULE, "cassandracluster-image-digest-only-warned")).containsExactly(Violation.warn(
                "image cassandra@sha256:3f2a9c0e1b7d… is pinned by digest only; version rules cannot check it"));
    }

    @Test
    void passesAnUnpinnedImageThatDoesNotChange() {
        assertThat(violations(RULE, "cassandracluster-unpinned-image-kept-allowed")).isEmpty();
    }

    @Test
    void passesACreateWithAPinnedImage() {
        assertThat(violations(RULE, "cassandracluster-create-pinned-allowed")).isEmpty();
    }

    @Test
    void refusesAStatefulSetCreatedWithoutATag() {
        assertThat(violations(RULE, "statefulset-create-with-unpinned-image-refused")).containsExactly(Violation.refuse(
                "image cassandra has no tag, which means cassandra:latest: any restart could pull another "
                + "Cassandra version; pin a version tag, e.g. cassandra:<MAJOR.MINOR.PATCH>"));
    }

    @Test
    void refusesAStatefulSetImageTaggedLatest() {
        assertThat(violations(RULE, "statefulset-image-latest-refused")).containsExactly(Violation.refuse(
                "image cassandra:latest is tagged latest: any restart could pull another Cassandra version; "
                + "pin a version tag, e.g. cassandra:4.1.5"));
    }

    @Test
    void onlyWarnsOfATagWithoutAVersion() {
        assertThat(violations(RULE, "statefulset-image-tag-without-version-warned")).containsExactly(Violation.warn(
                "image registry.example.com/cassandra:v13 has no version in its tag; version rules cannot "
                + "check it"));
    }
}
