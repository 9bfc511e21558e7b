package io.ossaat.engine.slo;

/** Which engine events an SLO counts. */
public enum EventKind {
    /** One HTTP request, recorded when its response is sent. */
    HTTP_REQUEST,
    /** One step going from queued to running; its latency is the wait in the queue. */
    STEP_DISPATCH;

    /** The name used in the SLO file's metric source ({@code http_request}, {@code step_dispatch}). */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
