package io.ossaat.engine.slo;

/** Alert state of one SLO by the SRE Workbook's multi-window, multi-burn-rate rules. */
public enum AlertState {
    /** No burn-rate rule fires (or too few events to judge). */
    NONE,
    /** Slow burn: 3x over 1d and 2h, or 1x over 3d and 6h. */
    TICKET,
    /** Fast burn: 14.4x over 1h and 5m, or 6x over 6h and 30m. */
    PAGE
}
