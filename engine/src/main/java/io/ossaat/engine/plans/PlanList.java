package io.ossaat.engine.plans;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One page of the plan list; {@code nextCursor} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanList(List<Plan> items, String nextCursor) {
}
