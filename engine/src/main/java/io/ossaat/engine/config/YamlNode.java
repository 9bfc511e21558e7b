package io.ossaat.engine.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A node of a YAML document that knows where it stands: its path ({@code spec.objectives[0].target}) and its line
 * in the file, so every loader (settings, agent profiles, SLOs) says the same kind of thing about a bad value:
 * {@code <where> (line N): <path>: <what is wrong>}. Safe loading only (no arbitrary types).
 */
public final class YamlNode {
    private final Node node;
    private final String path;
    private final Context context;

    /** Where the text came from, its first line's number in the file, and the exception its loader throws. */
    private record Context(String where, int firstLine, Function<String, RuntimeException> error) {
    }

    private YamlNode(Node node, String path, Context context) {
        this.node = node;
        this.path = path;
        this.context = context;
    }

    /**
     * The documents of a YAML text (an empty document is left out).
     *
     * @param where     names the text in messages, e.g. a file path
     * @param firstLine the line of the file the text starts at (1 unless it is cut from a larger file)
     * @param error     makes the loader's exception from a message
     */
    public static List<YamlNode> parseAll(String text, String where, int firstLine,
                                          Function<String, RuntimeException> error) {
        Context context = new Context(where, firstLine, error);
        List<YamlNode> documents = new ArrayList<>();
        try {
            for (Node document : yaml().composeAll(new StringReader(text))) {
                if (document != null) {
                    documents.add(new YamlNode(document, "", context));
                }
            }
        } catch (YAMLException e) {
            throw error.apply(where + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return documents;
    }

    /** The one document of a text, or null when it is empty; see {@link #parseAll}. */
    public static YamlNode parse(String text, String where, int firstLine, Function<String, RuntimeException> error) {
        List<YamlNode> documents = parseAll(text, where, firstLine, error);
        if (documents.size() > 1) {
            throw error.apply(where + ": holds more than one YAML document");
        }
        return documents.isEmpty() ? null : documents.getFirst();
    }

    /** The loader's exception, naming where this node stands. */
    public RuntimeException problem(String message) {
        return context.error().apply(context.where() + " (line " + line() + "): " + (path.isEmpty() ? "" : path + ": ")
                + message);
    }

    /** The same node, its messages naming {@code label} after the source (e.g. {@code SLO 'api'}). */
    public YamlNode named(String label) {
        return new YamlNode(node, path, new Context(context.where() + ": " + label, context.firstLine(),
                context.error()));
    }

    /** This node's line in the file. */
    public int line() {
        return node.getStartMark().getLine() + context.firstLine();
    }

    public String path() {
        return path;
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    /** The entries of a mapping, in file order; keys are read as strings. */
    public Map<String, YamlNode> entries() {
        if (!(node instanceof MappingNode map)) {
            throw problem("expected a mapping");
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = new YamlNode(t.getKeyNode(), path, context).string();
            if (out.put(key, new YamlNode(t.getValueNode(), path.isEmpty() ? key : path + "." + key, context)) != null) {
                throw problem("'" + key + "' appears twice");
            }
        }
        return out;
    }

    /** The child under {@code key}, or null when it is absent or null. */
    public YamlNode opt(String key) {
        YamlNode child = entries().get(key);
        return child == null || child.value() == null ? null : child;
    }

    public YamlNode get(String key) {
        YamlNode child = opt(key);
        if (child == null) {
            throw problem("'" + key + "' is missing");
        }
        return child;
    }

    public List<YamlNode> list() {
        if (!(node instanceof SequenceNode seq)) {
            throw problem("expected a list");
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            out.add(new YamlNode(seq.getValue().get(i), path + "[" + i + "]", context));
        }
        return out;
    }

    /** The scalar as Java reads it (String, Integer, Long, Double, Boolean, null); mappings and lists as trees. */
    public Object value() {
        return new Values().of(node);
    }

    public String string() {
        if (node instanceof ScalarNode) {
            Object value = value();
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                return value.toString();
            }
        }
        throw problem("expected a string");
    }

    /** The string under {@code key}, or {@code fallback} when absent. */
    public String optString(String key, String fallback) {
        YamlNode child = opt(key);
        return child == null ? fallback : child.string();
    }

    public double number() {
        if (value() instanceof Number n) {
            return n.doubleValue();
        }
        throw problem("expected a number, got '" + describe() + "'");
    }

    public int wholeNumber() {
        if (value() instanceof Integer n) {
            return n;
        }
        throw problem("expected a whole number, got '" + describe() + "'");
    }

    public boolean bool() {
        if (value() instanceof Boolean b) {
            return b;
        }
        throw problem("expected true or false, got '" + describe() + "'");
    }

    /** A string or a list of strings under {@code key}; empty when absent. */
    public List<String> strings(String key) {
        YamlNode child = opt(key);
        if (child == null) {
            return List.of();
        }
        if (child.isList()) {
            return child.list().stream().map(YamlNode::string).toList();
        }
        return List.of(child.string());
    }

    private String describe() {
        return node instanceof ScalarNode s ? s.getValue() : node.getNodeId().name();
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    /** SnakeYAML's safe construction of one node. */
    private static final class Values extends SafeConstructor {
        Values() {
            super(new LoaderOptions());
        }

        Object of(Node node) {
            return constructObject(node);
        }
    }
}
