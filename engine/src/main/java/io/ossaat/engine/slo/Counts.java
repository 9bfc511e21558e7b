package io.ossaat.engine.slo;

/** Total and good events over some span of time. */
record Counts(long total, long good) {
    static final Counts ZERO = new Counts(0, 0);

    long bad() {
        return total - good;
    }

    Counts plus(Counts other) {
        return new Counts(total + other.total, good + other.good);
    }

    /** Good over total; 1 when there were no events (nothing failed). */
    double sli() {
        return total == 0 ? 1.0 : (double) good / total;
    }

    /** How many times faster than the objective allows the budget burns: error rate over error budget. */
    double burnRate(double errorBudget) {
        return total == 0 ? 0.0 : ((double) bad() / total) / errorBudget;
    }

    /** Fraction of the budget left (1 = untouched, 0 = spent, negative = overspent); 1 with no events. */
    double budgetRemaining(double errorBudget) {
        return total == 0 ? 1.0 : 1.0 - bad() / (errorBudget * total);
    }

    /** Bad events the budget still allows (negative when overspent). */
    double budgetRemainingEvents(double errorBudget) {
        return errorBudget * total - bad();
    }
}
