package io.ossaat.engine.agents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The agent profiles: the shipped defaults, overridden (or added to) by {@code <data-dir>/agents/<name>/agent.md}.
 */
public final class AgentCatalog {
    private final Map<String, AgentProfile> profiles;

    private AgentCatalog(Map<String, AgentProfile> profiles) {
        this.profiles = profiles;
    }

    /** @throws IllegalStateException naming the file when a profile is malformed */
    public static AgentCatalog load(Path dataDir) {
        Map<String, AgentProfile> profiles = new TreeMap<>();
        for (String name : shippedNames()) {
            String resource = "agents/" + name + "/agent.md";
            try (InputStream in = AgentCatalog.class.getClassLoader().getResourceAsStream(resource)) {
                AgentProfile p = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource);
                profiles.put(p.name(), p);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read shipped agent " + resource, e);
            }
        }
        Path dir = dataDir.resolve("agents");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : children.sorted().toList()) {
                    Path file = child.resolve("agent.md");
                    if (Files.isRegularFile(file)) {
                        AgentProfile p = parse(Files.readString(file), file.toString());
                        profiles.put(p.name(), p);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read agent profiles in " + dir + ": " + e.getMessage(), e);
            }
        }
        return new AgentCatalog(profiles);
    }

    public Optional<AgentProfile> find(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    public Collection<AgentProfile> all() {
        return profiles.values();
    }

    private static List<String> shippedNames() {
        try (InputStream in = AgentCatalog.class.getClassLoader().getResourceAsStream("agents/index.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("agents/index.txt is missing from the engine jar", e);
        }
    }

    /** Parses the YAML front matter between the first two {@code ---} lines. */
    static AgentProfile parse(String text, String source) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.getFirst().trim().equals("---")) {
            throw bad(source, "must start with a '---' line opening the YAML front matter");
        }
        int end = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("---")) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw bad(source, "the YAML front matter is not closed by a '---' line");
        }
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(String.join("\n", lines.subList(1, end)));
        } catch (RuntimeException e) {
            throw bad(source, "front matter is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw bad(source, "front matter must be a YAML mapping");
        }
        String name = string(map.get("name"));
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw bad(source, "'name' must be 1-64 lower-case letters, digits, '-' or '_'");
        }
        List<String> capabilities = strings(map.get("capabilities"), source, "capabilities");
        Map<String, String> policy = new TreeMap<>();
        if (map.get("approval_policy") instanceof Map<?, ?> pm) {
            pm.forEach((k, v) -> {
                String value = String.valueOf(v);
                if (!value.equals("human") && !value.equals("auto")) {
                    throw bad(source, "approval_policy." + k + " must be 'human' or 'auto', was '" + value + "'");
                }
                policy.put(String.valueOf(k), value);
            });
        } else if (map.get("approval_policy") != null) {
            throw bad(source, "'approval_policy' must map capabilities to 'human' or 'auto'");
        }
        return new AgentProfile(name, String.valueOf(map.get("role") == null ? "" : map.get("role")),
                new java.util.HashSet<>(capabilities), policy,
                strings(map.get("constraints"), source, "constraints"), steps(map.get("steps"), source), source);
    }

    /** The optional {@code steps:} template: a list of {action, tool, capability, label?, timeout_seconds?}. */
    private static List<AgentProfile.StepTemplate> steps(Object value, String source) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw bad(source, "'steps' must be a non-empty list");
        }
        List<AgentProfile.StepTemplate> out = new ArrayList<>();
        java.util.Set<String> actions = new java.util.HashSet<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || m.get("action") == null || m.get("tool") == null || m.get("capability") == null) {
                throw bad(source, "every entry of 'steps' needs action, tool and capability");
            }
            String action = String.valueOf(m.get("action"));
            if (!action.matches("[a-z0-9][a-z0-9_-]{0,63}") || !actions.add(action)) {
                throw bad(source, "step action '" + action + "' must be unique, lower-case letters, digits, '-' or '_'");
            }
            int timeout;
            try {
                timeout = m.get("timeout_seconds") == null ? 300 : Integer.parseInt(String.valueOf(m.get("timeout_seconds")));
            } catch (NumberFormatException e) {
                throw bad(source, "step '" + action + "': timeout_seconds must be a whole number");
            }
            if (timeout < 1 || timeout > 86_400) {
                throw bad(source, "step '" + action + "': timeout_seconds must be between 1 and 86400");
            }
            out.add(new AgentProfile.StepTemplate(action, String.valueOf(m.get("tool")), String.valueOf(m.get("capability")),
                    m.get("label") == null ? action : String.valueOf(m.get("label")), timeout));
        }
        return out;
    }

    private static List<String> strings(Object value, String source, String field) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw bad(source, "'" + field + "' must be a list");
        }
        List<String> out = new ArrayList<>();
        list.forEach(v -> out.add(String.valueOf(v)));
        return out;
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static IllegalStateException bad(String source, String reason) {
        return new IllegalStateException("agent profile " + source + ": " + reason);
    }
}
