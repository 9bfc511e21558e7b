package io.ossaat.engine.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a command in a folder, keeps the tail of its output, and kills the whole process tree on interrupt. A command
 * never inherits the engine's environment (its token, database URLs, cloud keys): it gets {@link #BASE_VARIABLES}
 * from it and the variables the caller names.
 */
public final class Processes {
    public static final int TAIL_BYTES = 8 * 1024;
    /** What every command gets from the engine's environment; an agent profile's {@code env:} adds names. */
    public static final List<String> BASE_VARIABLES = List.of("PATH", "HOME", "LANG");

    /** Exit code and the last bytes of combined stdout/stderr. */
    public record Outcome(int exitCode, String tail) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private Processes() {
    }

    /** The engine's values of the named variables (those it has). */
    public static Map<String, String> fromEngine(List<String> names) {
        Map<String, String> env = new java.util.HashMap<>();
        for (String name : names) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        return env;
    }

    /** @param env variables on top of {@link #BASE_VARIABLES}; nothing else of the engine's environment is passed */
    public static Outcome run(Path dir, List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(fromEngine(BASE_VARIABLES));
        pb.environment().putAll(env);
        Process p = pb.start();
        Tail tail = new Tail();
        Thread pump = Thread.ofVirtual().start(() -> tail.pump(p.getInputStream()));
        try {
            int code = p.waitFor();
            pump.join();
            return new Outcome(code, tail.text());
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw e;
        }
    }

    /** Runs a command and returns its output, or fails with its tail. */
    public static String check(Path dir, List<String> command) throws ToolFailure, InterruptedException {
        return check(dir, command, Map.of());
    }

    public static String check(Path dir, List<String> command, Map<String, String> env)
            throws ToolFailure, InterruptedException {
        try {
            Outcome o = run(dir, command, env);
            if (!o.ok()) {
                throw new ToolFailure(String.join(" ", command) + " failed (exit " + o.exitCode() + "): " + o.tail().strip(), false);
            }
            return o.tail();
        } catch (IOException e) {
            throw new ToolFailure("cannot run " + command.getFirst() + ": " + e.getMessage(), false);
        }
    }

    private static final class Tail {
        private final byte[] ring = new byte[TAIL_BYTES];
        private long written;

        void pump(InputStream in) {
            byte[] buf = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (this) {
                        for (int i = 0; i < n; i++) {
                            ring[(int) (written++ % TAIL_BYTES)] = buf[i];
                        }
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        }

        synchronized String text() {
            if (written <= TAIL_BYTES) {
                return new String(ring, 0, (int) written, StandardCharsets.UTF_8);
            }
            int start = (int) (written % TAIL_BYTES);
            byte[] out = new byte[TAIL_BYTES];
            System.arraycopy(ring, start, out, 0, TAIL_BYTES - start);
            System.arraycopy(ring, 0, out, TAIL_BYTES - start, start);
            return new String(out, StandardCharsets.UTF_8);
        }
    }
}
