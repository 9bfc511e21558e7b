package io.ossaat.engine.plans;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.ossaat.engine.Json;
import io.ossaat.engine.agents.AgentCatalog;
import io.ossaat.engine.agents.AgentProfile;
import io.ossaat.engine.events.EventFeed;
import io.ossaat.engine.events.NewEvent;
import io.ossaat.engine.problems.ApiProblem;
import io.ossaat.engine.storage.Transactions;
import io.ossaat.engine.tools.PlanWorktrees;
import io.ossaat.engine.tools.WorkspaceRules;

/** Creates, finds and lists plans. Each change and its events are written in one transaction. */
public final class PlanService {
    public static final int MAX_LIMIT = 200;
    public static final int DEFAULT_LIMIT = 50;
    /** A page stops early once its plans' inputs add up to this many characters (each plan's inputs are ≤ 1 MiB). */
    public static final long PAGE_INPUT_CHARS = 4L * 1024 * 1024;

    private final Transactions tx;
    private final EventFeed feed;
    private final AgentCatalog agents;
    private final Planner planner;
    private final Clock clock;
    private final Runnable workAppeared;
    private final WorkspaceRules workspaceRules;
    private final PlanWorktrees worktrees;

    /** @param workAppeared told after a plan with a runnable step is committed (wakes the step runners) */
    public PlanService(Transactions tx, EventFeed feed, AgentCatalog agents, Planner planner, Clock clock,
                       Runnable workAppeared, WorkspaceRules workspaceRules, PlanWorktrees worktrees) {
        this.workspaceRules = workspaceRules;
        this.worktrees = worktrees;
        this.workAppeared = workAppeared;
        this.tx = tx;
        this.feed = feed;
        this.agents = agents;
        this.planner = planner;
        this.clock = clock;
    }

    /** The result of a create: the plan, and whether an earlier request with the same key made it. */
    public record Created(Plan plan, boolean replayed) {
    }

    public Created create(NewPlan request, String idempotencyKey) {
        if (request.workspace() != null) {
            checkWorkspace(request);
        }
        AgentProfile agent = agents.find(request.agent()).orElseThrow(() -> new ApiProblem.InvalidInput("agent",
                "unknown agent '" + request.agent() + "'; known agents: "
                        + String.join(", ", agents.all().stream().map(AgentProfile::name).toList())));
        List<Planner.PlannedStep> steps = planner.plan(agent, request.inputs());
        List<StepState> states = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            states.add(i == 0 ? (steps.get(i).approvalRequired() ? StepState.WAITING_APPROVAL : StepState.QUEUED)
                    : StepState.PENDING);
        }
        PlanState planState = PlanState.derive(states);
        String id = PlanIds.newPlanId();
        // Postgres keeps microseconds: the answer must equal what a later read returns
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        List<NewEvent> events = new ArrayList<>();
        events.add(new NewEvent(id, null, planState, 0, "plan created: " + abbreviate(request.goal())));
        for (int i = 0; i < steps.size(); i++) {
            events.add(new NewEvent(id, steps.get(i).id(), states.get(i), 0, null));
        }
        boolean made = tx.oneStatement(c -> PlanStore.insertCreated(c, id, request, planState.wire(), idempotencyKey,
                now, steps, states, events));
        if (!made) {
            return replay(request, idempotencyKey);
        }
        feed.committed();
        if (states.contains(StepState.QUEUED)) {
            workAppeared.run();
        }
        return new Created(asCreated(id, request, steps, states, planState, now), false);
    }

    /** A workspace must pass the {@link WorkspaceRules}; the inputs that name git objects must name real ones. */
    private void checkWorkspace(NewPlan request) {
        try {
            workspaceRules.checkInputs(workspaceRules.check(request.workspace()), request.inputs());
        } catch (WorkspaceRules.Refused e) {
            throw new ApiProblem.InvalidInput(e.field(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the workspace", e);
        }
    }

    /** The plan as this transaction wrote it, without reading it back. */
    private static Plan asCreated(String id, NewPlan request, List<Planner.PlannedStep> steps, List<StepState> states,
                                  PlanState state, Instant now) {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Planner.PlannedStep s = steps.get(i);
            out.add(new Step(s.id(), s.action(), s.tool(), s.capability(), s.capabilityLabel(), s.approvalRequired(),
                    s.timeoutSeconds(), s.dependsOn(), states.get(i).wire(), 0, request.inputs(), null, null, null,
                    null, Approval.of(s.approvalRequired(), s.details())));
        }
        return new Plan(id, request.goal(), request.agent(), request.workspace(), request.inputs(), request.labels(),
                state.wire(), null, now, now, out, null);
    }

    private Created replay(NewPlan request, String key) {
        Plan existing = tx.snapshot(c -> {
                    Optional<String> id = PlanStore.idForIdempotencyKey(c, key);
                    return id.isEmpty() ? Optional.<Plan>empty() : PlanStore.find(c, id.get());
                })
                .orElseThrow(() -> new IllegalStateException("idempotency key " + key + " vanished"));
        if (!existing.goal().equals(request.goal()) || !existing.agent().equals(request.agent())
                || !Objects.equals(existing.workspace(), request.workspace())
                || !sameJson(existing.inputs(), request.inputs()) || !sameJson(existing.labels(), request.labels())) {
            throw new ApiProblem.Conflict("Idempotency-Key '" + key + "' was already used for plan " + existing.id()
                    + " with a different request");
        }
        return new Created(existing, true);
    }

    /** Equal as JSON: {@code 1} read back from the database equals the {@code 1.0} or long a client sent. */
    private static boolean sameJson(Object stored, Object sent) {
        return Json.MAPPER.valueToTree(stored).equals(SAME_NUMBERS, Json.MAPPER.valueToTree(sent));
    }

    private static final java.util.Comparator<com.fasterxml.jackson.databind.JsonNode> SAME_NUMBERS = (a, b) ->
            a.equals(b) || (a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0) ? 0 : 1;

    public Plan get(String id) {
        if (!PlanIds.isPlanId(id)) {
            throw new ApiProblem.NotFound("plan '" + id + "' does not exist");
        }
        Plan plan = tx.snapshot(c -> PlanStore.find(c, id))
                .orElseThrow(() -> new ApiProblem.NotFound("plan '" + id + "' does not exist"));
        return worktrees.location(id).map(p -> plan.withWorktree(p.toString())).orElse(plan);
    }

    public PlanList list(String state, Integer limit, String cursor) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        if (state != null && PlanState.parse(state).isEmpty()) {
            errors.add(new ApiProblem.FieldError("state", "must be one of running, waiting_approval, completed, "
                    + "failed, rejected, cancelled"));
        }
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            errors.add(new ApiProblem.FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        Cursor after = null;
        if (cursor != null) {
            Optional<Cursor> parsed = Cursor.parse(cursor);
            if (parsed.isEmpty()) {
                errors.add(new ApiProblem.FieldError("cursor", "is not a cursor this API handed out"));
            } else {
                after = parsed.get();
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem.InvalidInput(errors);
        }
        Cursor from = after;
        PlanStore.Listed listed = tx.snapshot(c -> PlanStore.list(c, state, from == null ? null : from.createdAt(),
                from == null ? null : from.id(), n, PAGE_INPUT_CHARS));
        if (!listed.more()) {
            return new PlanList(listed.plans(), null);
        }
        Plan last = listed.plans().getLast();
        return new PlanList(listed.plans(), new Cursor(last.createdAt(), last.id()).encode());
    }

    private static String abbreviate(String goal) {
        return goal.length() <= 120 ? goal : goal.substring(0, 119) + "…";
    }

    /** Opaque list position: the last item's creation time and id, base64url. */
    record Cursor(Instant createdAt, String id) {
        String encode() {
            String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        /** Only what {@link #encode} can have written: a time PostgreSQL can hold and a plan id. */
        static Optional<Cursor> parse(String text) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int bar = raw.indexOf('|');
                String[] time = raw.substring(0, bar).split("\\.");
                long seconds = Long.parseLong(time[0]);
                long nanos = Long.parseLong(time[1]);
                String id = raw.substring(bar + 1);
                if (time.length != 2 || nanos < 0 || nanos > 999_999_999 || seconds < MIN_SECONDS
                        || seconds > MAX_SECONDS || !PlanIds.isPlanId(id)) {
                    return Optional.empty();
                }
                return Optional.of(new Cursor(Instant.ofEpochSecond(seconds, nanos), id));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        /** PostgreSQL's timestamp range, 4713 BC to 294276 AD, rounded inwards. */
        private static final long MIN_SECONDS = -210_000_000_000L;
        private static final long MAX_SECONDS = 9_000_000_000_000L;
    }
}
