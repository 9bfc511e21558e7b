package io.ossaat.engine.slo;

/**
 * One burn-rate alert rule as clients show it: it fires when the burn rate over both windows reaches {@code factor}
 * and the long window holds at least {@code minimumEvents} events.
 *
 * @param severity      {@code PAGE} or {@code TICKET}
 * @param longWindow    the long window's label, e.g. {@code 1h}
 * @param shortWindow   the short window's label, e.g. {@code 5m}
 * @param factor        the burn rate both windows must reach, e.g. 14.4
 * @param minimumEvents events the long window needs before the rule may fire
 */
public record SloAlertRule(AlertState severity, String longWindow, String shortWindow, double factor,
                           long minimumEvents) {
}
