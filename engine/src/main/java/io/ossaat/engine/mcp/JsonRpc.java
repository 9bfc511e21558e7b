package io.ossaat.engine.mcp;

import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

/** JSON-RPC 2.0 framing: reads and checks one message from a request body; writes error objects. */
final class JsonRpc {
    private JsonRpc() {
    }

    static Map<String, Object> error(Object id, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        body.put("id", id);
        body.put("error", error);
        return body;
    }

    static McpSchema.JSONRPCMessage parse(McpJsonMapper json, byte[] body) throws Invalid {
        Object tree;
        try {
            tree = json.readValue(body, Object.class);
        } catch (IOException | RuntimeException e) {
            throw new Invalid(McpSchema.ErrorCodes.PARSE_ERROR, "Parse error: the body is not valid JSON", null);
        }
        if (tree instanceof List<?>) {
            throw new Invalid(McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: JSON-RPC batches are not supported; send one message per request", null);
        }
        if (!(tree instanceof Map<?, ?> map)) {
            throw new Invalid(McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: a JSON-RPC message is a JSON object", null);
        }
        Object rawId = map.get("id");
        Object id = validId(rawId) ? rawId : null;
        if (!McpSchema.JSONRPC_VERSION.equals(map.get("jsonrpc"))) {
            throw new Invalid(McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: \"jsonrpc\" must be \"2.0\"", id);
        }
        if (map.containsKey("id") && !validId(rawId)) {
            throw new Invalid(McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: \"id\" must be a string or an integer", null);
        }
        Object method = map.get("method");
        if (map.containsKey("method")) {
            if (!(method instanceof String name) || name.isBlank()) {
                throw new Invalid(McpSchema.ErrorCodes.INVALID_REQUEST,
                        "Invalid Request: \"method\" must be a non-empty string", id);
            }
            Object params = map.get("params");
            if (params != null && !(params instanceof Map<?, ?>)) {
                throw new Invalid(McpSchema.ErrorCodes.INVALID_PARAMS,
                        "Invalid params: \"params\" must be an object", id);
            }
            return id == null
                    ? new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, name, params)
                    : new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, name, id, params);
        }
        if (id != null && (map.containsKey("result") || map.containsKey("error"))) {
            try {
                return json.convertValue(map, McpSchema.JSONRPCResponse.class);
            } catch (RuntimeException e) {
                throw new Invalid(McpSchema.ErrorCodes.INVALID_REQUEST,
                        "Invalid Request: malformed JSON-RPC response", id);
            }
        }
        throw new Invalid(McpSchema.ErrorCodes.INVALID_REQUEST,
                "Invalid Request: neither a request, a notification nor a response", id);
    }

    private static boolean validId(Object id) {
        return id instanceof String
                || id instanceof Integer || id instanceof Long || id instanceof BigInteger
                || id instanceof Short;
    }

    static final class Invalid extends Exception {
        final int code;
        final Object id;

        Invalid(int code, String message, Object id) {
            super(message, null, false, false);
            this.code = code;
            this.id = id;
        }
    }
}
