package io.ossaat.engine.runtime;

import java.time.Instant;

/** A step this runtime holds the lease on, with what the worker needs to run it. */
record ClaimedStep(String planId, String stepId, String tool, String capability, int attempt, int timeoutSeconds,
                   Instant runnableSince, String agent, String workspace, java.util.Map<String, Object> inputs) {
    String key() {
        return planId + "/" + stepId;
    }
}
