package io.cassguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The status the API server would hand the webhook, which manifests do not carry. A change is checked against a
 * cluster that is settled and healthy when it is applied (what the pipeline cannot know; {@code --live} reads the real
 * status): a CassandraCluster that CassKop reports Running, a CassandraDatacenter that cass-operator reports Ready
 * (each datacenter of a K8ssandraCluster, as k8ssandra-operator copies it), a StatefulSet whose pods are all ready. On
 * an UPDATE the new object keeps the old one's status, as the API server keeps it on a write of the main resource.
 */
final class SettledStatus {

    private SettledStatus() {
    }

    static ManifestChange fill(ManifestChange change) {
        if (change.older() == null) {
            return change;
        }
        ObjectNode older = change.older().object();
        if (!older.has("status")) {
            JsonNode settled = settled(change.older());
            if (settled == null) {
                return change;
            }
            older = older.deepCopy();
            older.set("status", settled);
        }
        Manifest newer = change.newer();
        if (newer != null && !newer.object().has("status") && older.has("status")) {
            ObjectNode copy = newer.object().deepCopy();
            copy.set("status", older.get("status"));
            newer = new Manifest(newer.key(), newer.apiVersion(), newer.file(), newer.line(), copy);
        }
        Manifest old = change.older();
        return new ManifestChange(change.operation(), newer, new Manifest(old.key(), old.apiVersion(), old.file(), old.line(), older));
    }

    /** The settled status of the object's kind; null for a kind whose status no rule reads. */
    private static JsonNode settled(Manifest manifest) {
        ObjectNode status = manifest.object().objectNode();
        JsonNode spec = manifest.object().path("spec");
        switch (manifest.group() + "/" + manifest.key().kind()) {
            case "db.orange.com/CassandraCluster" -> status.put("phase", "Running");
            case "apps/StatefulSet" -> {
                int replicas = spec.path("replicas").asInt(1);
                status.put("replicas", replicas).put("readyReplicas", replicas).put("currentReplicas", replicas)
                        .put("updatedReplicas", replicas);
            }
            case "cassandra.datastax.com/CassandraDatacenter" -> ready(status);
            case "k8ssandra.io/K8ssandraCluster" -> {
                // k8ssandra-operator reports each datacenter's CassandraDatacenter status under its metadata.name
                ObjectNode datacenters = status.putObject("datacenters");
                for (JsonNode dc : spec.path("cassandra").path("datacenters")) {
                    String name = dc.path("metadata").path("name").asText("");
                    if (!name.isEmpty()) {
                        ready(datacenters.putObject(name).putObject("cassandra"));
                    }
                }
            }
            default -> {
                return null;
            }
        }
        return status;
    }

    /** A CassandraDatacenter's status once cass-operator has nothing left to do: Ready, no work under way. */
    private static void ready(ObjectNode status) {
        status.putArray("conditions").addObject().put("type", "Ready").put("status", "True");
        status.put("cassandraOperatorProgress", "Ready");
    }
}
