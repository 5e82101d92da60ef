package io.cassguard.service.controller;

import io.cassguard.engine.policy.PolicyStore;
import io.cassguard.support.InCluster;
import io.cassguard.support.KubernetesApiMock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static io.cassguard.service.controller.LiveClusterStateTest.CACHE_DELAY;
import static io.cassguard.support.Admission.fixture;
import static io.cassguard.engine.fixtures.EngineFixtures.inNamespace;
import static io.cassguard.support.Admission.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Only the replica that holds the Lease writes status and PolicyReports (docs/architecture.md). */
@QuarkusTest
@TestProfile(InCluster.class)
class LeadershipTest {

    private static final String LEASE = "cassguard-leader";

    @KubernetesApiMock.Api
    KubernetesApiMock api;

    @Inject
    Leadership leadership;

    @Inject
    PolicyStore policies;

    @Inject
    RecentDenials denials;

    @Test
    void aReplicaThatDoesNotHoldTheLeaseWritesNothingUntilItDoes() throws InterruptedException {
        await().atMost(CACHE_DELAY).until(leadership::isLeader);
        holdLeaseAs("another-replica", Duration.ofHours(1));
        await().atMost(CACHE_DELAY).until(() -> !leadership.isLeader());
        int before = api.writes().size();

        // Work for a leader: a policy whose status must be written and a denial for the PolicyReport.
        api.create("cluster-policies/follower-deletions.yaml");
        post("/validate", inNamespace(fixture("reviews/statefulset-delete-unprotected.yaml"), "follower-denials"));
        await().atMost(CACHE_DELAY).until(() -> policies.policies().stream().anyMatch(p -> p.name().equals("follower-deletions"))
                && !denials.in("follower-denials").isEmpty());
        Thread.sleep(3_000); // several reconcile intervals: a leader would have written by now

        List<String> writes = api.writes().subList(before, api.writes().size());
        assertThat(writes).as("nothing but the test's own policy").noneMatch(w -> w.contains("/status") || w.contains("policyreports"));
        assertThat(api.policyReport("follower-denials")).isNull();

        holdLeaseAs("another-replica", Duration.ZERO); // the other replica goes away and its lease expires
        await().atMost(CACHE_DELAY).until(leadership::isLeader);
        await().atMost(CACHE_DELAY).until(() -> api.policyReport("follower-denials") != null);
        assertThat(api.writes()).contains("PUT /apis/cassguard.io/v1alpha1/guardrailpolicies/follower-deletions/status");
    }

    /** Writes the Lease as another replica would, retrying when this replica renewed it in between. */
    private void holdLeaseAs(String holder, Duration duration) {
        await().atMost(CACHE_DELAY).ignoreExceptions().untilAsserted(() -> {
            Lease lease = api.client().leases().inNamespace(KubernetesApiMock.NAMESPACE).withName(LEASE).get();
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            lease.getSpec().setHolderIdentity(holder);
            lease.getSpec().setLeaseDurationSeconds((int) Math.max(1, duration.toSeconds()));
            lease.getSpec().setAcquireTime(now.minus(duration.isZero() ? Duration.ofMinutes(1) : Duration.ZERO));
            lease.getSpec().setRenewTime(now.minus(duration.isZero() ? Duration.ofMinutes(1) : Duration.ZERO));
            api.client().resource(lease).update();
        });
    }
}
