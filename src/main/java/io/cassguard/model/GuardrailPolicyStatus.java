package io.cassguard.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;

/** Written by the controller's leader: whether the policy is in force, and how much it governs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GuardrailPolicyStatus {

    public Long observedGeneration;
    public List<Condition> conditions = new ArrayList<>();
    public Integer governedObjects;
}
