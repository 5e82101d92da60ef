package io.cassguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The old side of {@code --live}: the objects of {@code --new} as the cluster of {@code KUBECONFIG} has them now,
 * read with GETs only. The client is made only here, so that no other check pays for it. Like kubectl, it does not
 * retry: a CI job whose cluster is unreachable learns so at once, not after the client's ten back-offs (about 20 s).
 */
final class LiveCluster {

    static final String SOURCE = "(live)";

    private LiveCluster() {
    }

    static List<Manifest> read(List<Manifest> wanted, ObjectMapper mapper) throws InputException {
        List<Manifest> live = new ArrayList<>();
        Config config = new ConfigBuilder(Config.autoConfigure(null)).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            for (Manifest manifest : wanted) {
                GenericKubernetesResource object;
                try {
                    object = client.genericKubernetesResources(context(manifest))
                            .inNamespace(manifest.key().namespace()).withName(manifest.key().name()).get();
                } catch (KubernetesClientException e) {
                    throw new InputException("--live: cannot read " + manifest.key().displayName() + " from the cluster of"
                            + " KUBECONFIG (" + client.getMasterUrl() + "): " + reason(e));
                }
                if (object != null) {
                    ObjectNode tree = mapper.valueToTree(object);
                    if (tree.path("metadata").isObject()) {
                        ((ObjectNode) tree.get("metadata")).remove("managedFields");
                    }
                    live.add(new Manifest(manifest.key(), object.getApiVersion(), SOURCE, 1, tree));
                }
            }
        }
        return live;
    }

    private static ResourceDefinitionContext context(Manifest manifest) {
        return new ResourceDefinitionContext.Builder().withGroup(manifest.group()).withVersion(manifest.version())
                .withKind(manifest.key().kind()).withPlural(manifest.key().resource()).withNamespaced(true).build();
    }

    private static String reason(KubernetesClientException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getMessage() : e.getMessage() + " (" + root + ")";
    }
}
