package io.cassguard.support;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Copies of reviews with one node set, inserted or removed at a JSON pointer, for the tests of odd shapes. */
public final class ReviewEdits {

    private ReviewEdits() {
    }

    /**
     * A copy with the node at {@code pointer} set to {@code value}: added if the parent has no such field, the objects
     * on the way made where missing or not objects.
     */
    public static JsonNode with(JsonNode review, String pointer, JsonNode value) {
        JsonNode copy = review.deepCopy();
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode parent = copy.at(at.head());
        if (parent instanceof ArrayNode array && at.last().getMatchingIndex() >= 0) {
            array.set(at.last().getMatchingIndex(), value);
        } else {
            ((ObjectNode) copy).withObject(at.head(), JsonNode.OverwriteMode.ALL, false)
                    .set(at.last().getMatchingProperty(), value);
        }
        return copy;
    }

    /** A copy with {@code value} inserted into the list at {@code pointer}, before the item now there. */
    public static JsonNode inserted(JsonNode review, String pointer, JsonNode value) {
        JsonNode copy = review.deepCopy();
        JsonPointer at = JsonPointer.compile(pointer);
        ((ArrayNode) copy.at(at.head())).insert(at.last().getMatchingIndex(), value);
        return copy;
    }

    /** A copy without the node at {@code pointer}. */
    public static JsonNode without(JsonNode review, String pointer) {
        JsonNode copy = review.deepCopy();
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode parent = copy.at(at.head());
        if (parent instanceof ArrayNode array) {
            array.remove(at.last().getMatchingIndex());
        } else {
            ((ObjectNode) parent).remove(at.last().getMatchingProperty());
        }
        return copy;
    }
}
