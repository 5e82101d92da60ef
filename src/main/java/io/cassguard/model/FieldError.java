package io.cassguard.model;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.IntOrString;

import java.util.Collection;
import java.util.Map;

/** A field that could not be read, as a person reads it: {@code spec.nodesPerRacks: "three" is not an integer}. */
public record FieldError(String path, String problem) {

    /** The longest value a message shows whole. */
    private static final int SHOWN_VALUE_LENGTH = 40;

    /** Describes a Jackson mapping failure; {@code prefix} is the path of the node that was being read. */
    public static FieldError of(String prefix, JsonMappingException e) {
        return of(prefix, e, MissingNode.getInstance());
    }

    /** Describes a Jackson mapping failure of the JSON {@code read}, showing the value that could not be read. */
    public static FieldError of(String prefix, JsonMappingException e, JsonNode read) {
        StringBuilder path = new StringBuilder(prefix);
        JsonPointer pointer = JsonPointer.empty();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
                pointer = pointer.appendProperty(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
                pointer = pointer.appendIndex(reference.getIndex());
            }
        }
        return new FieldError(path.toString(), problem(e, read.at(pointer)));
    }

    private static String problem(JsonMappingException e, JsonNode value) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        if (e.getCause() instanceof InputCoercionException && value.isNumber()) {
            return shown(value) + " is out of range";
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            String expected = describe(mismatched.getTargetType());
            if (value.isValueNode() && !value.isNull()) {
                return shown(value) + " is not " + expected;
            }
            if (e instanceof InvalidFormatException invalid) {
                return shown(TextNode.valueOf(String.valueOf(invalid.getValue()))) + " is not " + expected;
            }
            return "must be " + expected;
        }
        if (e instanceof ValueInstantiationException invalid) {
            return "must be " + describe(invalid.getType().getRawClass());
        }
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        message = newline > 0 ? message.substring(0, newline) : message;
        // Jackson quotes the Java types it names: the reader of a denial knows the field, not the Java type behind it
        return message.contains("`") ? "cannot be read" : message;
    }

    /** A value as JSON, cut short when long, so that a message stays one readable line. */
    private static String shown(JsonNode value) {
        String json = value.toString();
        return json.length() <= SHOWN_VALUE_LENGTH ? json : json.substring(0, SHOWN_VALUE_LENGTH - 3) + "...";
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == IntOrString.class) {
            return "an integer or a string";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList());
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a map";
        }
        return "an object";
    }

    @Override
    public String toString() {
        return path + ": " + problem;
    }
}
