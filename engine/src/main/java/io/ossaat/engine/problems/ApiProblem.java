package io.ossaat.engine.problems;

import java.util.List;

/**
 * A failure a client caused or can act on. Services throw these; the web layer turns them into RFC 9457
 * {@code application/problem+json} in one place, and MCP into tool errors.
 */
public sealed class ApiProblem extends RuntimeException
        permits ApiProblem.NotFound, ApiProblem.Conflict, ApiProblem.InvalidInput, ApiProblem.Forbidden {

    private final int status;
    private final String title;

    ApiProblem(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return List.of();
    }

    /** The named thing does not exist. */
    public static final class NotFound extends ApiProblem {
        public NotFound(String detail) {
            super(404, "Not Found", detail);
        }
    }

    /** The caller's token does not have a role that may do this; the detail names the roles that may. */
    public static final class Forbidden extends ApiProblem {
        public Forbidden(String detail) {
            super(403, "Forbidden", detail);
        }
    }

    /** The thing exists but is not in a state that allows the request. */
    public static final class Conflict extends ApiProblem {
        public Conflict(String detail) {
            super(409, "Conflict", detail);
        }
    }

    /** The one kind of 400: the request cannot be read, or its fields are wrong (then {@code errors} name them). */
    public static final class InvalidInput extends ApiProblem {
        private final List<FieldError> errors;

        public InvalidInput(List<FieldError> errors) {
            super(400, "Invalid request", errors.stream().map(e -> e.field() + ": " + e.message())
                    .reduce((a, b) -> a + "; " + b).orElse("invalid input"));
            this.errors = List.copyOf(errors);
        }

        /** A request that cannot be read at all (malformed JSON, a bad header), with no field to blame. */
        public InvalidInput(String detail) {
            super(400, "Invalid request", detail);
            this.errors = List.of();
        }

        public InvalidInput(String field, String message) {
            this(List.of(new FieldError(field, message)));
        }

        @Override
        public List<FieldError> errors() {
            return errors;
        }
    }

    /** One field's problem. */
    public record FieldError(String field, String message) {
    }
}
