package io.ossaat.engine.web;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.ossaat.engine.Json;
import io.ossaat.engine.problems.ApiProblem;

/** Reads a JSON object body and its fields with precise, per-field error messages. */
final class JsonBody {
    private final ObjectNode node;
    private final List<ApiProblem.FieldError> errors = new ArrayList<>();

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** An empty body counts as {@code {}} when {@code optional}. */
    static JsonBody read(ServerRequest req, boolean optional) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        byte[] bytes = req.content().hasEntity() ? BodyDeadline.read(req) : new byte[0];
        if (bytes.length == 0) {
            if (optional) {
                return new JsonBody(Json.MAPPER.createObjectNode());
            }
            throw new ApiProblem.InvalidInput("the request needs a JSON object body");
        }
        if (!type.isEmpty() && !type.toLowerCase().startsWith("application/json")) {
            throw new UnsupportedType(type);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiProblem.InvalidInput("the body is not valid JSON: " + Problems.safe(e.getOriginalMessage())
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (java.io.IOException e) {
            throw new ApiProblem.InvalidInput("the body could not be read");
        }
        if (root == null || !root.isObject()) {
            throw new ApiProblem.InvalidInput("the body must be a JSON object");
        }
        return new JsonBody((ObjectNode) root);
    }

    /** Records an error for every field not in {@code known}. */
    JsonBody only(Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(new ApiProblem.FieldError(name, "unknown field; known fields: " + String.join(", ", known)));
            }
        }
        return this;
    }

    String string(String field, boolean required, int minLength, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                errors.add(new ApiProblem.FieldError(field, "is required"));
            }
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new ApiProblem.FieldError(field, "must be a string, was " + kind(v)));
            return null;
        }
        String s = v.textValue();
        int length = s.codePointCount(0, s.length());
        if (s.isBlank() && minLength > 0) {
            errors.add(new ApiProblem.FieldError(field, "must not be blank"));
        } else if (length < minLength || length > maxLength) {
            errors.add(new ApiProblem.FieldError(field, "must be " + minLength + " to " + maxLength
                    + " characters long, was " + length));
        }
        return s;
    }

    Map<String, Object> object(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            errors.add(new ApiProblem.FieldError(field, "must be a JSON object, was " + kind(v)));
            return Map.of();
        }
        return Json.MAPPER.convertValue(v, Json.MAPPER.getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, Object.class));
    }

    Map<String, String> stringMap(String field, int maxEntries, int maxKey, int maxValue) {
        JsonNode v = node.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            errors.add(new ApiProblem.FieldError(field, "must be a JSON object of strings, was " + kind(v)));
            return out;
        }
        if (v.size() > maxEntries) {
            errors.add(new ApiProblem.FieldError(field, "may hold at most " + maxEntries + " entries"));
        }
        v.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                errors.add(new ApiProblem.FieldError(field + "." + e.getKey(), "must be a string, was " + kind(e.getValue())));
            } else if (e.getKey().isEmpty() || e.getKey().length() > maxKey) {
                errors.add(new ApiProblem.FieldError(field, "keys must be 1 to " + maxKey + " characters long"));
            } else if (e.getValue().textValue().length() > maxValue) {
                errors.add(new ApiProblem.FieldError(field + "." + e.getKey(), "must be at most " + maxValue + " characters long"));
            } else {
                out.put(e.getKey(), e.getValue().textValue());
            }
        });
        return out;
    }

    void addError(String field, String message) {
        errors.add(new ApiProblem.FieldError(field, message));
    }

    /** Throws the collected field errors, if any. */
    void validate() {
        if (!errors.isEmpty()) {
            throw new ApiProblem.InvalidInput(errors);
        }
    }

    private static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case OBJECT -> "an object";
            case STRING -> "a string";
            default -> v.getNodeType().name().toLowerCase();
        };
    }

    /** The body is not JSON at all. */
    static final class UnsupportedType extends RuntimeException {
        UnsupportedType(String type) {
            super("Content-Type must be application/json, was '" + Problems.safe(type) + "'");
        }
    }
}
