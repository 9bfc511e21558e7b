package io.ossaat.engine.agents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.ossaat.engine.config.YamlNode;
import io.ossaat.engine.tools.Tool;
import io.ossaat.engine.tools.ToolRegistry;

/**
 * The agent profiles: the shipped defaults, overridden (or added to) by {@code <data-dir>/agents/<name>/agent.md}.
 */
public final class AgentCatalog {
    private final Map<String, AgentProfile> profiles;

    private AgentCatalog(Map<String, AgentProfile> profiles) {
        this.profiles = profiles;
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /**
     * @param tools the tools the profiles' step templates are checked against
     * @throws IllegalStateException naming the file (and line) when a profile is malformed
     */
    public static AgentCatalog load(Path dataDir, ToolRegistry tools) {
        Map<String, AgentProfile> profiles = new TreeMap<>();
        for (String name : shippedNames()) {
            String resource = "agents/" + name + "/agent.md";
            try (InputStream in = AgentCatalog.class.getClassLoader().getResourceAsStream(resource)) {
                AgentProfile p = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource,
                        tools);
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
                        AgentProfile p = parse(Files.readString(file), file.toString(), tools);
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

    /**
     * Parses the YAML front matter between the first two {@code ---} lines and checks its step template against
     * the tools: each step's tool must exist and declare the capability the step claims, because the capability
     * decides whether the step waits for a human.
     */
    static AgentProfile parse(String text, String source, ToolRegistry tools) {
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
        // the front matter starts on the file's second line
        YamlNode root = YamlNode.parse(String.join("\n", lines.subList(1, end)), "agent profile " + source, 2,
                IllegalStateException::new);
        if (root == null || !root.isMap()) {
            throw bad(source, "front matter must be a YAML mapping");
        }
        YamlNode nameNode = root.opt("name");
        String name = nameNode == null ? null : nameNode.string();
        if (name == null || !NAME.matcher(name).matches()) {
            throw (nameNode == null ? root : nameNode)
                    .problem("'name' must be 1-64 lower-case letters, digits, '-' or '_'");
        }
        Map<String, AgentProfile.Approval> policy = new TreeMap<>();
        YamlNode policyNode = root.opt("approval_policy");
        if (policyNode != null) {
            if (!policyNode.isMap()) {
                throw policyNode.problem("must map capabilities to 'human' or 'auto'");
            }
            policyNode.entries().forEach((capability, value) -> {
                String wire = value.string();
                policy.put(capability, Arrays.stream(AgentProfile.Approval.values())
                        .filter(a -> a.wire().equals(wire)).findFirst()
                        .orElseThrow(() -> value.problem("must be 'human' or 'auto', was '" + wire + "'")));
            });
        }
        YamlNode keep = root.opt("keep_worktrees");
        return new AgentProfile(name, root.optString("role", ""), new HashSet<>(root.strings("capabilities")), policy,
                root.strings("constraints"), steps(root.opt("steps"), tools), source, env(root),
                keep != null && keep.bool());
    }

    /** {@code env:} variable names; the engine's own OSSAAT_* settings (its token among them) are never passed. */
    private static List<String> env(YamlNode root) {
        List<String> names = root.strings("env");
        for (String n : names) {
            if (!n.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
                throw root.get("env").problem("'" + n + "' is not an environment variable name");
            }
            if (n.toUpperCase(java.util.Locale.ROOT).startsWith("OSSAAT_")) {
                throw root.get("env").problem(n + " is the engine's own setting and is never passed to tools");
            }
        }
        return names;
    }

    /** The optional {@code steps:} template: a list of {action, tool, capability, label?, timeout_seconds?}. */
    private static List<AgentProfile.StepTemplate> steps(YamlNode value, ToolRegistry tools) {
        if (value == null) {
            return List.of();
        }
        if (!value.isList() || value.list().isEmpty()) {
            throw value.problem("'steps' must be a non-empty list");
        }
        List<AgentProfile.StepTemplate> out = new ArrayList<>();
        Set<String> actions = new HashSet<>();
        for (YamlNode step : value.list()) {
            if (!step.isMap() || step.opt("action") == null || step.opt("tool") == null
                    || step.opt("capability") == null) {
                throw step.problem("every entry of 'steps' needs action, tool and capability");
            }
            String action = step.get("action").string();
            if (!NAME.matcher(action).matches() || !actions.add(action)) {
                throw step.get("action").problem("step action '" + action
                        + "' must be unique, lower-case letters, digits, '-' or '_'");
            }
            YamlNode timeoutNode = step.opt("timeout_seconds");
            int timeout = timeoutNode == null ? 300 : timeoutNode.wholeNumber();
            if (timeout < 1 || timeout > 86_400) {
                throw timeoutNode.problem("must be between 1 and 86400");
            }
            String toolName = step.get("tool").string();
            String capability = step.get("capability").string();
            Tool tool = tools.find(toolName).orElseThrow(() -> step.get("tool").problem("no tool named '" + toolName
                    + "'; known tools: " + String.join(", ", tools.all().stream().map(Tool::name).toList())));
            if (!tool.capabilities().contains(capability)) {
                throw step.get("capability").problem("tool '" + toolName + "' does not declare capability '"
                        + capability + "' (it declares " + String.join(", ", new TreeSet<>(tool.capabilities()))
                        + "); a step may claim only what its tool does, since the capability decides its approval");
            }
            out.add(new AgentProfile.StepTemplate(action, toolName, capability, step.optString("label", action),
                    timeout));
        }
        return out;
    }

    private static IllegalStateException bad(String source, String reason) {
        return new IllegalStateException("agent profile " + source + ": " + reason);
    }
}
