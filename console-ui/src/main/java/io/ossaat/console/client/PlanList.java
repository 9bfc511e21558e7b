package io.ossaat.console.client;

import java.util.List;

/** One page of {@code GET /v1/plans}: newest first; {@code nextCursor} is null on the last page. */
public record PlanList(List<Plan> items, String nextCursor) {
    public PlanList {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
