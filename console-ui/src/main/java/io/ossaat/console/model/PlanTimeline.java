package io.ossaat.console.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ossaat.console.client.PlanEvent;
import io.ossaat.engine.plans.StepState;

/**
 * A plan's history as bars: one row per step attempt, made of the phases that led to it (waiting for a human,
 * queued, retry backoff) and its run, from the plan's events alone. A run's row is its attempt; the phases before
 * a run belong to the attempt they lead to (an event's attempt counts the runs so far). Decisions are read from the
 * approve/reject events' summaries ("approved by LABEL: rationale").
 */
public record PlanTimeline(List<Row> rows, List<Decision> decisions, Instant start, Instant end) {

    /** What a step was doing during a segment. */
    public enum Phase { WAITING, QUEUED, BACKOFF, RUNNING }

    /**
     * @param to     when it ended; null while it lasts
     * @param result the state it ended in when that ends the step (completed, failed, ...), else null
     */
    public record Segment(Phase phase, Instant from, Instant to, StepState result, String summary) {
    }

    public record Row(String stepId, int attempt, List<Segment> segments) {
        public String label() {
            return stepId + " #" + attempt;
        }
    }

    public record Decision(String stepId, Instant at, boolean approved, String who, String rationale) {
    }

    public PlanTimeline {
        rows = List.copyOf(rows);
        decisions = List.copyOf(decisions);
    }

    public static final PlanTimeline EMPTY = new PlanTimeline(List.of(), List.of(), null, null);

    /**
     * @param stepOrder the plan's step ids in plan order (rows follow it); steps not in it come last
     * @param now       where open segments end on the chart
     */
    public static PlanTimeline of(List<PlanEvent> events, List<String> stepOrder, Instant now) {
        Map<String, Open> open = new HashMap<>();
        Map<String, Row> rows = new LinkedHashMap<>();
        Map<String, List<Segment>> segments = new HashMap<>();
        List<Decision> decisions = new ArrayList<>();
        Instant start = null;
        List<PlanEvent> sorted = events.stream().filter(e -> e.stepId() != null && e.state() instanceof StepState)
                .sorted(Comparator.comparingLong(PlanEvent::seq)).toList();
        for (PlanEvent e : sorted) {
            StepState state = (StepState) e.state();
            start = start == null || e.occurredAt().isBefore(start) ? e.occurredAt() : start;
            Open previous = open.remove(e.stepId());
            if (previous != null) {
                segments.get(previous.key).add(new Segment(previous.phase, previous.since, e.occurredAt(),
                        state.isFinal() ? state : null, state.isFinal() ? e.summary() : previous.summary));
            }
            decision(e, state).ifPresent(decisions::add);
            Phase phase = switch (state) {
                case WAITING_APPROVAL -> Phase.WAITING;
                case QUEUED -> Phase.QUEUED;
                case RETRYING -> Phase.BACKOFF;
                case RUNNING -> Phase.RUNNING;
                default -> null;
            };
            if (phase == null) {
                if (previous == null && state.isFinal()) {
                    // ended without a bar (rejected by its agent, cancelled while pending): a mark on its own row
                    int attempt = Math.max(1, e.attempt());
                    String key = key(e.stepId(), attempt);
                    rows.computeIfAbsent(key, k -> new Row(e.stepId(), attempt, segments.computeIfAbsent(k, x -> new ArrayList<>())));
                }
                continue;
            }
            int attempt = phase == Phase.RUNNING ? e.attempt() : e.attempt() + 1;
            String key = key(e.stepId(), attempt);
            rows.computeIfAbsent(key, k -> new Row(e.stepId(), attempt, segments.computeIfAbsent(k, x -> new ArrayList<>())));
            open.put(e.stepId(), new Open(key, phase, e.occurredAt(), e.summary()));
        }
        for (Open o : open.values()) {
            segments.get(o.key).add(new Segment(o.phase, o.since, null, null, o.summary));
        }
        List<Row> ordered = new ArrayList<>(rows.values().stream()
                .map(r -> new Row(r.stepId(), r.attempt(), List.copyOf(segments.get(key(r.stepId(), r.attempt())))))
                .toList());
        ordered.sort(Comparator.comparingInt((Row r) -> {
            int i = stepOrder.indexOf(r.stepId());
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparingInt(Row::attempt));
        Instant end = sorted.isEmpty() ? null : open.isEmpty() ? sorted.getLast().occurredAt() : now;
        return new PlanTimeline(ordered, decisions, start, end);
    }

    private static java.util.Optional<Decision> decision(PlanEvent e, StepState state) {
        String s = e.summary();
        if (s == null) {
            return java.util.Optional.empty();
        }
        boolean approved = state == StepState.QUEUED && s.startsWith("approved by ");
        boolean rejected = state == StepState.REJECTED && s.startsWith("rejected by ");
        if (!approved && !rejected) {
            return java.util.Optional.empty();
        }
        String rest = s.substring((approved ? "approved by " : "rejected by ").length());
        int colon = rest.indexOf(": ");
        return java.util.Optional.of(new Decision(e.stepId(), e.occurredAt(), approved,
                colon < 0 ? rest : rest.substring(0, colon), colon < 0 ? null : rest.substring(colon + 2)));
    }

    private static String key(String stepId, int attempt) {
        return stepId + "\u0000" + attempt;
    }

    private record Open(String key, Phase phase, Instant since, String summary) {
    }
}
