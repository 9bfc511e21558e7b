package io.ossaat.engine.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;


/**
 * Resolves {@link EngineConfig} with the precedence flags > {@code OSSAAT_*} environment >
 * {@code <data-dir>/ossaat.yaml} > defaults. Every setting has one name used in all three places:
 * flag {@code --db-url}, variable {@code OSSAAT_DB_URL}, YAML key {@code db-url}.
 */
public final class ConfigLoader {

    /** The settings, by their one name. */
    public enum Setting {
        BIND("bind"), PORT("port"), DATA_DIR("data-dir"), DB_URL("db-url"), REDIS_URL("redis-url"),
        INSECURE_NO_AUTH("insecure-no-auth"), RUNNERS("runners"),
        LEASE_SECONDS("lease-seconds"), WORKSPACE_ROOT("workspace-root"), KEEP_WORKTREES("keep-worktrees"),
        RATE_LIMIT("rate-limit"), RATE_LIMIT_BURST("rate-limit-burst"), IP_RATE_LIMIT("ip-rate-limit"),
        IP_RATE_LIMIT_BURST("ip-rate-limit-burst"), TOKEN_FILE("token-file"),
        MCP_HOST("mcp-host");

        private final String key;

        Setting(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public String envName() {
            // several roots, separated as in PATH
            return switch (this) {
                case WORKSPACE_ROOT -> "OSSAAT_WORKSPACE_ROOTS";
                case MCP_HOST -> "OSSAAT_MCP_HOSTS"; // several, separated by commas
                default -> "OSSAAT_" + key.toUpperCase().replace('-', '_');
            };
        }
    }

    private ConfigLoader() {
    }

    /**
     * @param flags values given on the command line (only those the user set), by setting
     * @param env   the process environment
     */
    public static EngineConfig load(Map<Setting, String> flags, Map<String, String> env) {
        Map<Setting, String> merged = new HashMap<>();
        // data dir first: it says where the YAML file is
        String dataDirText = firstOf(flags.get(Setting.DATA_DIR), env.get(Setting.DATA_DIR.envName()));
        Path dataDir = dataDirText == null
                ? Path.of(System.getProperty("user.home"), ".ossaat")
                : Path.of(expandHome(dataDirText));
        Map<String, Object> yaml = readYaml(dataDir.resolve("ossaat.yaml"));
        for (Setting s : Setting.values()) {
            Object fromYaml = yaml.get(s.key());
            if (fromYaml instanceof java.util.List<?> list) {
                fromYaml = String.join(s == Setting.MCP_HOST ? "," : java.io.File.pathSeparator,
                        list.stream().map(String::valueOf).toList());
            }
            String value = firstOf(flags.get(s), env.get(s.envName()), fromYaml == null ? null : fromYaml.toString());
            if (value != null) {
                merged.put(s, value);
            }
        }
        return new EngineConfig(
                merged.getOrDefault(Setting.BIND, EngineConfig.DEFAULT_BIND),
                parseInt(merged.get(Setting.PORT), Setting.PORT, EngineConfig.DEFAULT_PORT),
                dataDir.toAbsolutePath().normalize(),
                Optional.ofNullable(merged.get(Setting.DB_URL)),
                Optional.ofNullable(merged.get(Setting.REDIS_URL)),
                parseBoolean(merged.get(Setting.INSECURE_NO_AUTH), Setting.INSECURE_NO_AUTH),
                parseInt(merged.get(Setting.RUNNERS), Setting.RUNNERS, EngineConfig.DEFAULT_RUNNERS),
                java.time.Duration.ofSeconds(parseInt(merged.get(Setting.LEASE_SECONDS), Setting.LEASE_SECONDS,
                        (int) EngineConfig.DEFAULT_LEASE.toSeconds())),
                paths(merged.get(Setting.WORKSPACE_ROOT)),
                parseBoolean(merged.get(Setting.KEEP_WORKTREES), Setting.KEEP_WORKTREES),
                rateLimits(merged),
                Optional.ofNullable(merged.get(Setting.TOKEN_FILE)).map(f -> Path.of(expandHome(f))),
                merged.containsKey(Setting.MCP_HOST) ? java.util.Arrays.stream(merged.get(Setting.MCP_HOST).split(","))
                        .map(String::strip).filter(h -> !h.isEmpty()).toList() : java.util.List.of());
    }

    /** A burst left unset is twice the rate. */
    private static EngineConfig.RateLimits rateLimits(Map<Setting, String> merged) {
        EngineConfig.RateLimits d = EngineConfig.RateLimits.DEFAULTS;
        int perPrincipal = parseInt(merged.get(Setting.RATE_LIMIT), Setting.RATE_LIMIT, d.perPrincipal());
        int perAddress = parseInt(merged.get(Setting.IP_RATE_LIMIT), Setting.IP_RATE_LIMIT, d.perAddress());
        return new EngineConfig.RateLimits(perPrincipal,
                parseInt(merged.get(Setting.RATE_LIMIT_BURST), Setting.RATE_LIMIT_BURST, 2 * perPrincipal),
                perAddress,
                parseInt(merged.get(Setting.IP_RATE_LIMIT_BURST), Setting.IP_RATE_LIMIT_BURST, 2 * perAddress));
    }

    private static Map<String, Object> readYaml(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("config-file", "cannot read " + file + ": " + e.getMessage());
        }
        YamlNode root = YamlNode.parse(text, file.toString(), 1, message -> new ConfigException("config-file", message));
        if (root == null) {
            return Map.of();
        }
        if (!root.isMap()) {
            throw root.problem("must hold a YAML mapping of setting: value");
        }
        Map<String, Object> result = new HashMap<>();
        root.entries().forEach((key, value) -> {
            if (Arrays.stream(Setting.values()).noneMatch(s -> s.key().equals(key))) {
                throw new ConfigException(key, "unknown setting in " + file + " (line " + value.line() + ")");
            }
            result.put(key, value.value());
        });
        return result;
    }

    /** A path-separator list ({@code :} on Linux), as in PATH. */
    private static java.util.List<Path> paths(String text) {
        if (text == null) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(text.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator)))
                .map(String::trim).filter(s -> !s.isEmpty()).map(s -> Path.of(expandHome(s))).toList();
    }

    private static int parseInt(String text, Setting s, int fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(s.key(), "must be a whole number, was '" + text + "'");
        }
    }

    private static boolean parseBoolean(String text, Setting s) {
        if (text == null) {
            return false;
        }
        return switch (text.trim().toLowerCase()) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off", "" -> false;
            default -> throw new ConfigException(s.key(), "must be true or false, was '" + text + "'");
        };
    }

    private static String expandHome(String path) {
        return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }

    @SafeVarargs
    private static <T> T firstOf(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
