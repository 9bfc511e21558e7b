package io.ossaat.engine.mcp;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the MCP endpoint needs from the engine: the plan service, the approvals and the SLO monitor, seen through
 * JSON-able values.
 *
 * <p>The engine implements this on top of its plan service; the MCP package never touches storage itself.
 * Every value handed back is a JSON-able tree ({@code Map}, {@code List}, {@code String}, {@code Number},
 * {@code Boolean}, {@code null}) in the shape of the HTTP API v1 (DESIGN.md), because it is sent to MCP clients
 * as-is:
 * <ul>
 *   <li>a plan is {@code {id, goal, agent, workspace?, inputs, state, createdAt, updatedAt, steps:[step]}};
 *       {@code id}, {@code state} and {@code steps} are required, each step needs at least {@code id} and
 *       {@code state}; states are the lower-case names of DESIGN.md;</li>
 *   <li>a plan page is {@code {items:[plan], nextCursor}} ({@code nextCursor} null on the last page; items may
 *       leave out their steps);</li>
 *   <li>an SLO status is {@code {slos:[{name, ...}]}}.</li>
 * </ul>
 *
 * <p>Failures the caller can act on are thrown as {@link NotFound}, {@link Conflict} or {@link InvalidInput}
 * (an {@link IllegalArgumentException} counts as invalid input). The MCP tools turn them into tool results with
 * {@code isError: true} and the exception's message, so write messages for the agent that reads them. Any other
 * exception is logged and reported as an internal error without details.
 *
 * <p>Methods are called on virtual threads and may block.
 */
public interface McpBackend {

    /**
     * Creates a plan, as {@code POST /v1/plans} does.
     *
     * @param request the validated tool arguments
     * @return the new plan with its steps
     */
    Map<String, Object> createPlan(CreatePlan request);

    /**
     * Lists plans newest first, as {@code GET /v1/plans} does.
     *
     * @param state  plan state to filter by, or null for all
     * @param limit  page size, 1..100
     * @param cursor the {@code nextCursor} of the previous page, or null for the first page
     * @return {@code {items, nextCursor}}
     */
    Map<String, Object> listPlans(String state, int limit, String cursor);

    /** One plan with its steps; throws {@link NotFound} when there is none. */
    Map<String, Object> getPlan(String planId);

    /**
     * Approves a step that waits for approval.
     *
     * @return the plan after the approval
     * @throws NotFound when plan or step do not exist
     * @throws Conflict when the step does not wait for approval
     */
    Map<String, Object> approve(String planId, String stepId, String rationale);

    /** Rejects a step that waits for approval; same contract as {@link #approve}. */
    Map<String, Object> reject(String planId, String stepId, String rationale);

    /**
     * Cancels what has not finished in a plan.
     *
     * @return the plan after the cancellation
     * @throws NotFound when the plan does not exist
     * @throws Conflict when the plan has already finished, if the engine chooses to refuse that
     */
    Map<String, Object> cancel(String planId);

    /** The SLO statuses, {@code {slos:[...]}}. */
    Map<String, Object> sloStatus();

    /**
     * Registers a listener for plan changes (one call per step transition, on any instance of the engine).
     * The listener must be called after the change is committed, so that {@link #getPlan} already shows it; it
     * does not block for long (the MCP side hands the event to a virtual thread).
     *
     * @return a handle that removes the listener
     */
    Subscription subscribe(Consumer<PlanEvent> listener);

    /** Arguments of {@code create_plan}, already checked against its schema. */
    record CreatePlan(String goal, String agent, String workspace, Map<String, Object> inputs) {
        public CreatePlan {
            Objects.requireNonNull(goal, "goal");
            inputs = inputs == null ? Map.of() : inputs;
        }
    }

    /**
     * A plan changed: one of its steps moved to {@code stepState}.
     *
     * @param planId    the plan
     * @param stepId    the step that moved, or null when the change concerns the plan only
     * @param stepState the step's new state (or the plan's, when {@code stepId} is null)
     */
    record PlanEvent(String planId, String stepId, String stepState) {
        public PlanEvent {
            Objects.requireNonNull(planId, "planId");
        }
    }

    /** Removes a listener registered with {@link #subscribe}. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** The plan or step does not exist. */
    final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message, null, false, false);
        }
    }

    /** The request does not fit the current state (e.g. approving a step that does not wait for approval). */
    final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message, null, false, false);
        }
    }

    /** The arguments are wrong (unknown agent, bad cursor, ...). */
    final class InvalidInput extends RuntimeException {
        public InvalidInput(String message) {
            super(message, null, false, false);
        }
    }
}
