package io.ossaat.engine.slo;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One service level objective as declared in the SLO file.
 *
 * @param name        unique name, also the {@code slo} label in metrics ({@code [a-z0-9][a-z0-9-]*})
 * @param service     the service it belongs to
 * @param description what it promises, for people
 * @param indicator   which events count and which are good
 * @param objective   the target fraction of good events, strictly between 0 and 1
 * @param window      the window the objective is judged over
 */
public record SloDefinition(String name, String service, String description, SloIndicator indicator,
                            double objective, SloWindow window) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public SloDefinition {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "the name must be lower-case letters, digits and '-' (at most 63), got '" + name + "'");
        }
        service = service == null ? "" : service;
        description = description == null ? "" : description;
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(window, "window");
        if (!(objective > 0 && objective < 1)) {
            throw new IllegalArgumentException("the objective must be between 0 and 1 (exclusive), got " + objective);
        }
    }

    /**
     * The error budget as a fraction of events, {@code 1 - objective}, computed in decimal so that a 99.9 %
     * objective gives exactly the double nearest 0.001 (and a 1.44 % error rate burns at exactly 14.4).
     */
    public double errorBudget() {
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(objective)).doubleValue();
    }
}
