package io.ossaat.engine.plans;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A step's human decision, as the API shows it: who decided (the token's label and role), how, why and when.
 * Absent until someone decided.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Approval(String decision, String decidedBy, String decidedByRole, String rationale, Instant decidedAt) {
}
