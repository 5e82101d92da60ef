package io.cassguard.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A cluster-scoped policy that tunes the guardrails (docs/policy.md). */
@Group("cassguard.io")
@Version("v1alpha1")
@Kind("GuardrailPolicy")
@Plural("guardrailpolicies")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GuardrailPolicy extends CustomResource<GuardrailPolicySpec, GuardrailPolicyStatus> {

    public static final String API_VERSION = "cassguard.io/v1alpha1";
}
