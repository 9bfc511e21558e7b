package io.ossaat.engine.slo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ossaat.engine.config.YamlNode;

/**
 * Reads SLOs from YAML in the OpenSLO v1 shape: one {@code kind: SLO} document per SLO ({@code ---} between them;
 * {@code kind: Service} documents are skipped). Supported subset:
 * <ul>
 *   <li>{@code metadata.name}; {@code spec.service}, {@code spec.description}, {@code spec.budgetingMethod}
 *   ({@code Occurrences} only);</li>
 *   <li>{@code spec.indicator.spec.ratioMetric} with {@code total} and either {@code good} or {@code bad}, or
 *   {@code spec.indicator.spec.thresholdMetric}; every {@code metricSource} has {@code type: ossaat} and a
 *   {@code spec} with {@code event} ({@code http_request}, {@code step_dispatch}), optional {@code method}
 *   (string or list), {@code routes} (or {@code route}), and in {@code good}/{@code bad} sources {@code status}
 *   and/or {@code excludeStatus} lists of codes and classes ({@code 503}, {@code 5xx});</li>
 *   <li>{@code spec.timeWindow}: one entry, {@code duration} like {@code 30d}/{@code 12h} with
 *   {@code isRolling: true}, or {@code 1M}/{@code 1w} with {@code isRolling: false} (calendar, UTC);</li>
 *   <li>{@code spec.objectives}: one entry with {@code target} (0..1) or {@code targetPercent}; for a threshold
 *   metric also {@code op: lte} (or {@code lt}) and {@code value} in seconds.</li>
 * </ul>
 */
public final class SloConfig {
    /** Class-path location of the shipped defaults. */
    public static final String DEFAULT_RESOURCE = "slo/slo.yaml";

    private static final Pattern DURATION = Pattern.compile("(\\d+)([mhdwMQY])");

    private SloConfig() {
    }

    /** The shipped defaults. */
    public static List<SloDefinition> loadDefault() {
        try (InputStream in = SloConfig.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new SloConfigException("classpath:" + DEFAULT_RESOURCE + ": not found");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new SloConfigException("classpath:" + DEFAULT_RESOURCE + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** The override file when it is given and exists (e.g. {@code <data-dir>/slo.yaml}), else the defaults. */
    public static List<SloDefinition> loadOrDefault(Path override) {
        return override != null && Files.exists(override) ? load(override) : loadDefault();
    }

    /** The SLOs of one file. */
    public static List<SloDefinition> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SloConfigException(file + ": cannot be read: " + e, e);
        }
        return parse(text, file.toString());
    }

    /**
     * The SLOs of a YAML text.
     *
     * @param source names the text in error messages (a file path)
     * @throws SloConfigException naming the source, the SLO and the problem
     */
    public static List<SloDefinition> parse(String yaml, String source) {
        List<SloDefinition> slos = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (YamlNode document : YamlNode.parseAll(yaml, source, 1, SloConfigException::new)) {
            YamlNode doc = document.named("document " + ++index);
            doc.entries(); // a mapping
            String kind = doc.get("kind").string();
            if ("Service".equals(kind)) {
                continue;
            }
            if (!"SLO".equals(kind)) {
                throw doc.get("kind").problem("only kind SLO (and Service, skipped) is supported, got '" + kind + "'");
            }
            String apiVersion = doc.get("apiVersion").string();
            if (!"openslo/v1".equals(apiVersion)) {
                throw doc.get("apiVersion").problem("expected openslo/v1, got '" + apiVersion + "'");
            }
            String name = doc.get("metadata").get("name").string();
            YamlNode slo = document.named("SLO '" + name + "'");
            SloDefinition definition = definition(slo, name);
            if (!names.add(name)) {
                throw slo.problem("the name is used by an earlier SLO in the file");
            }
            slos.add(definition);
        }
        if (slos.isEmpty()) {
            throw new SloConfigException(source + ": declares no SLO");
        }
        return List.copyOf(slos);
    }

    private static SloDefinition definition(YamlNode slo, String name) {
        YamlNode spec = slo.get("spec");
        YamlNode budgeting = spec.opt("budgetingMethod");
        if (budgeting != null && !"Occurrences".equals(budgeting.string())) {
            throw budgeting.problem("only Occurrences is supported, got '" + budgeting.string() + "'");
        }
        if (spec.opt("indicatorRef") != null) {
            throw spec.opt("indicatorRef").problem("indicatorRef is not supported: declare the indicator inline");
        }
        YamlNode objectives = spec.get("objectives");
        List<YamlNode> objectiveList = objectives.list();
        if (objectiveList.size() != 1) {
            throw objectives.problem("exactly one objective is supported, got " + objectiveList.size());
        }
        YamlNode objective = objectiveList.getFirst();
        double target = target(objective);
        SloIndicator indicator = indicator(spec.get("indicator").get("spec"), objective);
        SloWindow window = window(spec.get("timeWindow"));
        try {
            return new SloDefinition(name, spec.optString("service", ""), spec.optString("description", ""), indicator,
                                     target, window);
        } catch (IllegalArgumentException e) {
            throw slo.problem(e.getMessage());
        }
    }

    private static double target(YamlNode objective) {
        YamlNode target = objective.opt("target");
        YamlNode percent = objective.opt("targetPercent");
        if ((target == null) == (percent == null)) {
            throw objective.problem("give exactly one of target (0..1) or targetPercent (0..100)");
        }
        double value = target != null ? target.number() : percent.number() / 100.0;
        YamlNode which = target != null ? target : percent;
        if (!(value > 0 && value < 1)) {
            throw which.problem("must be above 0 and below " + (target != null ? "1" : "100") + ", got "
                                + which.value());
        }
        return value;
    }

    private static SloIndicator indicator(YamlNode spec, YamlNode objective) {
        YamlNode ratio = spec.opt("ratioMetric");
        YamlNode threshold = spec.opt("thresholdMetric");
        if ((ratio == null) == (threshold == null)) {
            throw spec.problem("give exactly one of ratioMetric or thresholdMetric");
        }
        if (threshold != null) {
            Source source = source(threshold.get("metricSource"), false);
            String op = objective.get("op").string();
            if (!op.equals("lte") && !op.equals("lt")) {
                throw objective.get("op").problem("a threshold objective supports op lte or lt, got '" + op + "'");
            }
            YamlNode value = objective.get("value");
            double seconds = value.number();
            if (!(seconds > 0) || seconds > 3600) {
                throw value.problem("the threshold in seconds must be above 0 and at most 3600, got " + value.value());
            }
            long nanos = Math.round(seconds * 1e9) - (op.equals("lt") ? 1 : 0);
            return SloIndicator.latency(source.event, source.methods, source.routes, Duration.ofNanos(nanos));
        }
        YamlNode totalNode = ratio.get("total").get("metricSource");
        Source total = source(totalNode, false);
        YamlNode good = ratio.opt("good");
        YamlNode bad = ratio.opt("bad");
        if ((good == null) == (bad == null)) {
            throw ratio.problem("give exactly one of good or bad beside total");
        }
        YamlNode partNode = (good != null ? good : bad).get("metricSource");
        Source part = source(partNode, true);
        if (total.event != EventKind.HTTP_REQUEST || part.event != EventKind.HTTP_REQUEST) {
            throw ratio.problem("a ratioMetric counts http_request events (by status); "
                                + "use a thresholdMetric for step_dispatch");
        }
        if (!part.methods.isEmpty() && !part.methods.equals(total.methods)
                || !part.routes.isEmpty() && !part.routes.equals(total.routes)) {
            throw partNode.problem("must select the same method and routes as total (or leave them out)");
        }
        if (part.statuses == null) {
            throw partNode.get("spec").problem("needs status and/or excludeStatus to tell good from bad events");
        }
        StatusSet badStatuses = good != null ? part.statuses.complementSet() : part.statuses.set();
        return SloIndicator.ratio(total.methods, total.routes, badStatuses);
    }

    /** The statuses a good/bad source lists: {@code status} entries, or all but {@code excludeStatus} entries. */
    private record Statuses(List<String> include, List<String> exclude) {
        StatusSet set() {
            return include.isEmpty() ? StatusSet.allBut(exclude) : StatusSet.of(include);
        }

        StatusSet complementSet() {
            return include.isEmpty() ? StatusSet.of(exclude) : StatusSet.allBut(include);
        }
    }

    private record Source(EventKind event, Set<String> methods, Set<String> routes, Statuses statuses) {
    }

    private static Source source(YamlNode metricSource, boolean statusAllowed) {
        String type = metricSource.get("type").string();
        if (!"ossaat".equals(type)) {
            throw metricSource.get("type").problem("only metric source type ossaat is supported, got '" + type + "'");
        }
        YamlNode spec = metricSource.get("spec");
        String eventName = spec.get("event").string();
        EventKind event = switch (eventName) {
            case "http_request" -> EventKind.HTTP_REQUEST;
            case "step_dispatch" -> EventKind.STEP_DISPATCH;
            default -> throw spec.get("event").problem("expected http_request or step_dispatch, got '" + eventName
                                                       + "'");
        };
        Set<String> methods = new LinkedHashSet<>();
        for (String m : spec.strings("method")) {
            methods.add(m.toUpperCase(Locale.ROOT));
        }
        Set<String> routes = new LinkedHashSet<>(spec.strings("routes"));
        routes.addAll(spec.strings("route"));
        for (String route : routes) {
            if (!route.startsWith("/")) {
                throw spec.problem("route '" + route + "' must start with /");
            }
        }
        if (event == EventKind.STEP_DISPATCH && (!methods.isEmpty() || !routes.isEmpty())) {
            throw spec.problem("step_dispatch events have no method or route");
        }
        List<String> include = spec.strings("status");
        List<String> exclude = spec.strings("excludeStatus");
        Statuses statuses = null;
        if (!include.isEmpty() || !exclude.isEmpty()) {
            if (!statusAllowed) {
                throw spec.problem("status and excludeStatus belong in the good or bad source of a ratioMetric");
            }
            if (!include.isEmpty() && !exclude.isEmpty()) {
                throw spec.problem("give status or excludeStatus, not both");
            }
            statuses = new Statuses(include, exclude);
            try {
                statuses.set();
            } catch (IllegalArgumentException e) {
                throw spec.problem(e.getMessage());
            }
        }
        return new Source(event, methods, routes, statuses);
    }

    private static SloWindow window(YamlNode timeWindow) {
        List<YamlNode> windows = timeWindow.list();
        if (windows.size() != 1) {
            throw timeWindow.problem("exactly one time window is supported, got " + windows.size());
        }
        YamlNode window = windows.getFirst();
        YamlNode durationNode = window.get("duration");
        String duration = durationNode.string();
        Matcher m = DURATION.matcher(duration);
        if (!m.matches()) {
            throw durationNode.problem("expected a number and a unit (m, h, d, w, M, Q, Y) like 30d, got '"
                                       + duration + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2);
        YamlNode rollingNode = window.opt("isRolling");
        boolean rolling = rollingNode == null || rollingNode.bool();
        if (!rolling) {
            YamlNode calendar = window.opt("calendar");
            if (calendar != null && calendar.opt("timeZone") != null
                    && !"UTC".equals(calendar.get("timeZone").string())) {
                throw calendar.get("timeZone").problem("calendar windows are in UTC only");
            }
            if (amount == 1 && unit.equals("M")) {
                return SloWindow.calendar(ChronoUnit.MONTHS);
            }
            if (amount == 1 && unit.equals("w")) {
                return SloWindow.calendar(ChronoUnit.WEEKS);
            }
            throw durationNode.problem("a calendar window (isRolling: false) is 1M or 1w, got '" + duration + "'");
        }
        Duration length = switch (unit) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            case "w" -> Duration.ofDays(7 * amount);
            default -> throw durationNode.problem("a rolling window is given in m, h, d or w, got '" + duration + "'");
        };
        try {
            return SloWindow.rolling(length);
        } catch (IllegalArgumentException e) {
            throw durationNode.problem(e.getMessage());
        }
    }

    /** A YAML value with its path, for messages like {@code file: SLO 'x': spec.objectives[0].target: ...}. */
}
