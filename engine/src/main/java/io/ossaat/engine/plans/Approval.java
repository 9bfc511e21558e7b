package io.ossaat.engine.plans;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ossaat.engine.tools.ApprovalDetails;

/**
 * What a human approves on a step and the last decision, as the API shows it: the exact command the step runs
 * and the SHA-256 of the patch it applies (fixed when the plan was made), then who decided (the token's label and
 * role), how, why and when. Only on steps that wait for a human or were decided.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Approval(String command, String patchSha256, String decision, String decidedBy, String decidedByRole,
                       String rationale, Instant decidedAt) {

    /** Before any decision: null when the step does not wait for a human. */
    static Approval of(boolean required, ApprovalDetails details) {
        return required ? new Approval(details.command(), details.patchSha256(), null, null, null, null, null) : null;
    }
}
