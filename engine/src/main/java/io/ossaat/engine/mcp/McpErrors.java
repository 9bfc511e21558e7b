package io.ossaat.engine.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.ossaat.engine.problems.ApiProblem;

/**
 * The one place where failures become MCP answers. A tool's {@link ApiProblem} is a result with
 * {@code isError: true} and a message for the agent (it can act on it: another id, another state, other
 * arguments); anything else is logged and reported without details. A resource that does not exist is the
 * JSON-RPC error {@code -32002}.
 */
final class McpErrors {
    private static final System.Logger LOG = System.getLogger(McpErrors.class.getName());

    private McpErrors() {
    }

    static McpSchema.CallToolResult toolError(String tool, RuntimeException e) {
        if (e instanceof ApiProblem problem) {
            return failure(kind(problem) + ": " + problem.getMessage());
        }
        LOG.log(System.Logger.Level.ERROR, "MCP tool " + tool + " failed", e);
        return failure("Internal error in the ossaat engine while running " + tool
                + "; it may or may not have taken effect (check with get_plan or list_plans)");
    }

    static McpError resourceError(String uri, ApiProblem problem) {
        if (problem instanceof ApiProblem.NotFound) {
            return McpError.RESOURCE_NOT_FOUND.apply(uri);
        }
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(problem.getMessage()).build();
    }

    private static String kind(ApiProblem problem) {
        return switch (problem) {
            case ApiProblem.NotFound n -> "Not found";
            case ApiProblem.Conflict c -> "Conflict";
            case ApiProblem.InvalidInput i -> "Invalid input";
            default -> problem.title();
        };
    }

    private static McpSchema.CallToolResult failure(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }
}
