package io.cassguard.engine.cluster;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.FieldError;
import io.cassguard.model.MalformedObjectException;
import io.cassguard.model.Operation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Decides whether cassguard guards a request and reads its objects into their kind's type. */
public class GuardedRequestReader {

    private final ObjectMapper mapper;
    private final LiveState liveState;

    public GuardedRequestReader(ObjectMapper mapper, LiveState liveState) {
        this.mapper = strict(mapper);
        this.liveState = liveState;
    }

    /**
     * Reads an object as the API server has it, so that no rule or mutation meets a shape the API could not store: a
     * number or true/false only from a JSON number or boolean (a blank string or "null" is not an absent number), no
     * null item in a list nor null value in a map. A null field is the same as no field, as in Kubernetes.
     */
    private static ObjectMapper strict(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy();
        strict.coercionConfigDefaults().setAcceptBlankAsEmpty(false);
        for (LogicalType scalar : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            strict.coercionConfigFor(scalar)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        strict.setDefaultSetterInfo(JsonSetter.Value.construct(Nulls.SKIP, Nulls.FAIL));
        return strict;
    }

    /** The guarded request, or empty when cassguard does not guard this object and must let it pass untouched. */
    public Optional<GuardedRequest> read(AdmissionRequest request) throws MalformedObjectException {
        Optional<GuardedKind> kind = GuardedKind.of(request);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        HasMetadata oldObject = read(kind.get(), request.oldObject(), "oldObject");
        HasMetadata newObject = read(kind.get(), request.object(), "object");
        if (oldObject == null && newObject == null) {
            throw new MalformedObjectException("the request carries neither object nor oldObject");
        }
        GuardedRequest guarded = new GuardedRequest(request, kind.get(), oldObject, newObject);
        if (!isGuarded(guarded)) {
            return Optional.empty();
        }
        requireObjectsOf(guarded);
        return Optional.of(guarded);
    }

    /** The rules compare what the operation carries: an update both objects, a delete the old, a create the new. */
    private static void requireObjectsOf(GuardedRequest request) throws MalformedObjectException {
        Operation operation = request.operation();
        if ((operation == Operation.UPDATE || operation == Operation.DELETE) && request.oldObject() == null) {
            throw new MalformedObjectException("oldObject: an " + operation + " must carry the object as it was");
        }
        if ((operation == Operation.UPDATE || operation == Operation.CREATE) && request.newObject() == null) {
            throw new MalformedObjectException("object: an " + operation + " must carry the object as it will be");
        }
    }

    /**
     * Paths in the object under review are the ones its author knows ({@code spec.replicas}); those in the stored
     * object start with {@code oldObject}.
     */
    private HasMetadata read(GuardedKind kind, JsonNode node, String field) throws MalformedObjectException {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw new MalformedObjectException(field + ": must be an object");
        }
        String prefix = "object".equals(field) ? "" : field;
        HasMetadata object;
        try {
            object = mapper.treeToValue(node, kind.type());
        } catch (JsonMappingException e) {
            throw new MalformedObjectException(FieldError.of(prefix, e, node).toString());
        } catch (Exception e) {
            throw new MalformedObjectException(field + ": cannot be read as " + kind.displayName());
        }
        String metadata = prefix.isEmpty() ? "metadata" : prefix + ".metadata";
        if (object.getMetadata() == null) {
            throw new MalformedObjectException(new FieldError(metadata, "is missing").toString());
        }
        if (object.getMetadata().getName() == null || object.getMetadata().getName().isBlank()) {
            throw new MalformedObjectException(new FieldError(metadata + ".name", "is missing").toString());
        }
        return object;
    }

    private boolean isGuarded(GuardedRequest request) {
        return switch (request.kind()) {
            case CASSANDRA_CLUSTER, CASSANDRA_DATACENTER, K8SSANDRA_CLUSTER, GUARDRAIL_POLICY -> true;
            case STATEFULSET -> CassandraStatefulSets.isCassandra(request.newAs(StatefulSet.class))
                    || CassandraStatefulSets.isCassandra(request.oldAs(StatefulSet.class));
            case STATEFULSET_SCALE -> isCassandraScale(request);
        };
    }

    /** A Scale names its StatefulSet: the cache knows it in-cluster; standalone, the Scale's selector labels decide. */
    private boolean isCassandraScale(GuardedRequest request) {
        String namespace = request.request().namespace();
        String name = request.request().name();
        return liveState.statefulSet(namespace, name)
                .map(CassandraStatefulSets::isCassandra)
                .orElseGet(() -> CassandraStatefulSets.hasCassandraLabels(selectorLabels(request)));
    }

    private static Map<String, String> selectorLabels(GuardedRequest request) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (HasMetadata object : Arrays.asList(request.oldObject(), request.newObject())) {
            if (object instanceof Scale scale && scale.getStatus() != null && scale.getStatus().getSelector() != null) {
                for (String term : scale.getStatus().getSelector().split(",")) {
                    String[] pair = term.trim().split("=", 2);
                    if (pair.length == 2 && !pair[0].endsWith("!")) {
                        labels.put(pair[0].trim(), pair[1].trim());
                    }
                }
            }
        }
        return labels;
    }
}
