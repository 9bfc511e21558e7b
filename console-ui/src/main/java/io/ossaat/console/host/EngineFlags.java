package io.ossaat.console.host;

import io.ossaat.engine.config.ConfigLoader.Setting;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code serve} flags given to {@code ./ossaat console} ({@code --data-dir}, {@code --port}, {@code --bind},
 * {@code --db-url}, {@code --redis-url}, {@code --runners}, {@code --lease-seconds}, {@code --workspace-root},
 * {@code --keep-worktrees}, {@code --insecure-no-auth}):
 * one per engine {@link Setting}, kept as given and resolved by the engine's own {@code ConfigLoader}, so the
 * console and {@code serve} read settings the same way (flags > {@code OSSAAT_*} > {@code ossaat.yaml} > defaults).
 */
public record EngineFlags(List<String> args) {

    public EngineFlags {
        args = List.copyOf(args);
    }

    public static EngineFlags none() {
        return new EngineFlags(List.of());
    }

    /** The setting a flag name ({@code --data-dir}) stands for, if it is an engine flag. */
    public static Optional<Setting> setting(String flag) {
        for (Setting s : Setting.values()) {
            if (flag.equals("--" + s.key())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** True for flags that take no value ({@code --insecure-no-auth}). */
    public static boolean isSwitch(Setting s) {
        return s == Setting.INSECURE_NO_AUTH || s == Setting.KEEP_WORKTREES;
    }

    /** The settings given on the command line (not the environment or the YAML file), by setting. */
    public Map<Setting, String> settings() {
        Map<Setting, String> out = new EnumMap<>(Setting.class);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            Optional<Setting> s = setting(name);
            if (s.isEmpty()) {
                continue;
            }
            if (isSwitch(s.get())) {
                out.put(s.get(), a.contains("=") ? a.substring(a.indexOf('=') + 1) : "true");
            } else if (a.contains("=")) {
                put(out, s.get(), a.substring(a.indexOf('=') + 1));
            } else if (i + 1 < args.size()) {
                put(out, s.get(), args.get(++i));
            }
        }
        return out;
    }

    /** {@code --workspace-root} may be given several times: its values join as in PATH. */
    private static void put(Map<Setting, String> out, Setting s, String value) {
        out.merge(s, value, s == Setting.WORKSPACE_ROOT
                ? (a, b) -> a + java.io.File.pathSeparator + b : (a, b) -> b);
    }
}
