package io.cassguard.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an AdmissionReview body into an {@link AdmissionRequest}, refusing anything that is not one. Plain Java: the
 * webhook reads its bodies with it, and the engine's tests read their fixtures with it, as the webhook would.
 */
public class AdmissionReviewReader {

    public static final String API_VERSION = "admission.k8s.io/v1";
    public static final String KIND = "AdmissionReview";

    private final ObjectMapper mapper;
    private final StreamReadConstraints limits;

    /** @param maxDepth the deepest nesting of JSON read; a deeper body is refused while it is read */
    public AdmissionReviewReader(ObjectMapper mapper, int maxDepth) {
        // A dedicated parser limit: a deeply nested body is refused while it is read, before it costs memory.
        this.limits = StreamReadConstraints.builder().maxNestingDepth(maxDepth).build();
        this.mapper = mapper.copyWith(JsonFactory.builder().streamReadConstraints(limits).build());
    }

    public AdmissionRequest parse(byte[] body) throws BadReviewException {
        JsonNode review = readTree(body);
        if (!API_VERSION.equals(review.path("apiVersion").asText()) || !KIND.equals(review.path("kind").asText())) {
            throw new BadReviewException("expected apiVersion " + API_VERSION + " and kind " + KIND);
        }
        JsonNode request = review.get("request");
        if (request == null || !request.isObject()) {
            throw new BadReviewException("the AdmissionReview has no request");
        }
        String uid = request.path("uid").asText("");
        if (uid.isBlank()) {
            throw new BadReviewException("request.uid is missing");
        }
        JsonNode kind = request.path("kind");
        JsonNode resource = request.path("resource");
        JsonNode userInfo = request.path("userInfo");
        return new AdmissionRequest(
                uid,
                kind.path("group").asText(""),
                kind.path("version").asText(""),
                kind.path("kind").asText(""),
                resource.path("resource").asText(""),
                request.path("subResource").asText(""),
                operation(request.path("operation").asText("")),
                request.path("namespace").asText(""),
                request.path("name").asText(""),
                userInfo.path("username").asText(""),
                texts(userInfo.path("groups")),
                request.path("dryRun").asBoolean(false),
                withoutManagedFields(nullIfAbsent(request.get("object"))),
                withoutManagedFields(nullIfAbsent(request.get("oldObject"))));
    }

    private JsonNode readTree(byte[] body) throws BadReviewException {
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new BadReviewException("the body is not a JSON object");
            }
            return tree;
        } catch (StreamConstraintsException e) {
            throw new BadReviewException(exceeded(e));
        } catch (JsonProcessingException e) {
            throw new BadReviewException("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadReviewException("the body could not be read");
        }
    }

    /** Which parser limit the body exceeds; Jackson tells it only in its message, by the name of the limit's getter. */
    private String exceeded(StreamConstraintsException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("getMaxNameLength")) {
            return "a key in the body is longer than " + limits.getMaxNameLength() + " characters";
        }
        if (message.contains("getMaxStringLength")) {
            return "a string in the body is longer than " + limits.getMaxStringLength() + " characters";
        }
        if (message.contains("getMaxNumberLength")) {
            return "a number in the body is longer than " + limits.getMaxNumberLength() + " characters";
        }
        if (message.contains("getMaxNestingDepth")) {
            return "the body is nested deeper than " + limits.getMaxNestingDepth() + " levels";
        }
        return "the body exceeds a limit of the JSON parser";
    }

    private static Operation operation(String value) throws BadReviewException {
        try {
            return Operation.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new BadReviewException("request.operation must be CREATE, UPDATE, DELETE or CONNECT");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return List.copyOf(values);
    }

    private static JsonNode nullIfAbsent(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    /**
     * The API server's record of who set which field ({@code metadata.managedFields}) is often half of the JSON nodes
     * of an object, and no rule, mutation or audit record reads it: dropped here, it costs nothing when the objects
     * are read into their kinds, copied and diffed. A patch never names it, as nothing changes it.
     */
    private static JsonNode withoutManagedFields(JsonNode object) {
        if (object != null && object.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields");
        }
        return object;
    }
}
