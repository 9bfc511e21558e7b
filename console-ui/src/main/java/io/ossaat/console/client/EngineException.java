package io.ossaat.console.client;

/** Every failure of an {@link EngineClient} call: the engine answered with an error, or could not be reached. */
public sealed class EngineException extends RuntimeException
        permits EngineException.Api, EngineException.Unreachable, EngineException.BadResponse {

    EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The engine answered with an error status; {@link #problem()} holds its problem document. */
    public static final class Api extends EngineException {
        private final Problem problem;

        public Api(Problem problem) {
            super(problem.message() + " (HTTP " + problem.status() + ")", null);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }

        public int status() {
            return problem.status();
        }
    }

    /** The request did not get an answer (connection refused, timeout, interrupted). */
    public static final class Unreachable extends EngineException {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The engine answered with something that is not the documented JSON. */
    public static final class BadResponse extends EngineException {
        public BadResponse(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
