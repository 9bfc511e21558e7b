package io.ossaat.engine.web;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.ossaat.engine.Json;
import io.ossaat.engine.problems.ApiProblem;

/** Reads a JSON object body and its fields with precise, per-field error messages. */
final class JsonBody {
    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_DIGITS = 100;
    static final int MAX_KEY_LENGTH = 1000;
    private static final int MAX_SCALE = 400;
    private static final int MAX_ERRORS = 20;
    /**
     * Request bodies are read with tight limits (the JSON of a plan is small) and as exactly one document:
     * {@code {"goal":"x"}}} or two documents in a row are refused, not half-read.
     */
    private static final ObjectMapper READER = Json.MAPPER.copyWith(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxNumberLength(MAX_NUMBER_DIGITS)
                            .maxNameLength(MAX_KEY_LENGTH)
                            .build())
                    .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

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
        // a body without a type is what a web page can send without asking (a Blob): it must say it is JSON
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new UnsupportedType(type);
        }
        JsonNode root;
        try {
            root = READER.readTree(bytes);
        } catch (StreamConstraintsException e) {
            throw new ApiProblem.InvalidInput("the body is beyond this API's limits: nesting depth " + MAX_DEPTH
                    + ", numbers of " + MAX_NUMBER_DIGITS + " digits, keys of " + MAX_KEY_LENGTH + " characters");
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw new ApiProblem.InvalidInput("the body is not valid JSON: " + Problems.safe(e.getOriginalMessage())
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
        } catch (java.io.IOException e) {
            throw new ApiProblem.InvalidInput("the body could not be read");
        } catch (NumberFormatException e) { // an exponent beyond what a number can hold
            throw new ApiProblem.InvalidInput("the body holds a number out of range");
        }
        if (root == null || !root.isObject()) {
            throw new ApiProblem.InvalidInput("the body must be a JSON object");
        }
        JsonBody body = new JsonBody((ObjectNode) root);
        body.checkStorable(root, "");
        body.validate();
        return body;
    }

    /**
     * PostgreSQL cannot store a NUL character in text or jsonb, nor a number beyond its range: both are refused
     * here by the field they are in, instead of failing in the database.
     */
    private void checkStorable(JsonNode node, String path) {
        if (errors.size() >= MAX_ERRORS) {
            return;
        }
        if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
            errors.add(new ApiProblem.FieldError(path, "must not contain the NUL character (\\u0000)"));
        } else if (node.isNumber() && !finite(node)) {
            errors.add(new ApiProblem.FieldError(path, "is a number out of range"));
        } else if (node.isContainerNode()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getKey().indexOf('\0') >= 0) {
                    errors.add(new ApiProblem.FieldError(Problems.safe(field), "keys must not contain the NUL character (\\u0000)"));
                } else {
                    checkStorable(e.getValue(), field);
                }
            }
            for (int i = 0; node.isArray() && i < node.size(); i++) {
                checkStorable(node.get(i), path + "[" + i + "]");
            }
        }
    }

    /** Within a double's range and precision limits: what JSON readers everywhere (and jsonb) accept. */
    private static boolean finite(JsonNode n) {
        if (n.isBigDecimal()) {
            java.math.BigDecimal d = n.decimalValue();
            return d.signum() == 0 || (Math.abs(d.scale()) <= MAX_SCALE && Double.isFinite(d.doubleValue()));
        }
        return !n.isDouble() || Double.isFinite(n.doubleValue());
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
            super(type.isEmpty() ? "a request body needs 'Content-Type: application/json'"
                    : "Content-Type must be application/json, was '" + Problems.safe(type) + "'");
        }
    }
}
