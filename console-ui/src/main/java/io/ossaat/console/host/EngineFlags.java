package io.ossaat.console.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code serve} flags given to {@code ./ossaat console} ({@code --data-dir}, {@code --port}, {@code --bind},
 * {@code --db-url}, {@code --redis-url}, ...), kept as given and forwarded to the embedded engine.
 */
public record EngineFlags(List<String> args) {

    public EngineFlags {
        args = List.copyOf(args);
    }

    public static EngineFlags none() {
        return new EngineFlags(List.of());
    }

    /** The value of {@code --name VALUE} or {@code --name=VALUE}, else the {@code OSSAAT_NAME} environment twin. */
    public Optional<String> value(String name) {
        String flag = "--" + name;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(flag) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
            if (a.startsWith(flag + "=")) {
                return Optional.of(a.substring(flag.length() + 1));
            }
        }
        String env = System.getenv("OSSAAT_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        return Optional.ofNullable(env).filter(s -> !s.isBlank());
    }

    public Path dataDir() {
        return value("data-dir").map(Path::of).orElse(Path.of(System.getProperty("user.home"), ".ossaat"));
    }
}
