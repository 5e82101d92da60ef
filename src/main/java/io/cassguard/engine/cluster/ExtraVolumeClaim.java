package io.cassguard.engine.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;

/**
 * A named extra volume of every node and the claim that backs it, as the operators declare one: CassKop's
 * {@code storageConfigs[]}, cass-operator's {@code storageConfig.additionalVolumes[]} and k8ssandra-operator's
 * {@code extraVolumes.pvcs[]} share this shape. An entry without {@code pvcSpec} (cass-operator's {@code volumeSource}
 * of a ConfigMap, say) claims no persistent volume.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExtraVolumeClaim {
    public String name;
    public String mountPath;
    public PersistentVolumeClaimSpec pvcSpec;
}
