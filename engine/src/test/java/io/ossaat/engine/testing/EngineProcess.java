package io.ossaat.engine.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A real {@code ossaat serve} in its own JVM, for crash and multi-instance tests. */
public final class EngineProcess implements AutoCloseable {
    private final Process process;
    private final String url;
    private final Path dataDir;

    private EngineProcess(Process process, String url, Path dataDir) {
        this.process = process;
        this.url = url;
        this.dataDir = dataDir;
    }

    /**
     * Starts {@code serve --port 0} on the data dir with a 2 s lease (unless the extra flags give
     * {@code --lease-seconds}), plus any extra flags; waits for ready.
     */
    public static EngineProcess start(Path dataDir, String... extra) throws IOException {
        return start(dataDir, java.util.Map.of(), extra);
    }

    /** As {@link #start(Path, String...)} with extra environment variables for the engine's process. */
    public static EngineProcess start(Path dataDir, java.util.Map<String, String> env, String... extra) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.ossaat.engine.cli.Main",
                "serve", "--port", "0", "--data-dir", dataDir.toString()));
        if (!List.of(extra).contains("--lease-seconds")) {
            cmd.addAll(List.of("--lease-seconds", "2"));
        }
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(dataDir.resolve("engine-stderr.log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        // a platform thread of its own reads the engine's output: on 2 cores the common pool runs one task at a
        // time (engines started together would wait for each other), and a read from a pipe would pin a virtual
        // thread's carrier (a few engines' readers would starve every virtual thread)
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("engine-output").start(() -> {
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("ready: ")) {
                        ready.complete(line.substring(7).trim());
                        drain(out);
                        return;
                    }
                }
                ready.complete(null);
            } catch (IOException e) {
                ready.complete(null);
            }
        });
        try {
            String url = ready.get(240, TimeUnit.SECONDS); // several engines starting at once on a busy 2-core machine
            if (url == null) {
                throw new IllegalStateException("engine exited with " + p.waitFor() + ": "
                        + Files.readString(dataDir.resolve("engine-stderr.log")));
            }
            return new EngineProcess(p, url, dataDir);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("engine did not become ready: " + e.getMessage(), e);
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // keep the pipe empty
            }
        } catch (IOException ignored) {
            // process ended
        }
    }

    /** The engine's data dir (its {@code engine-stderr.log} is there). */
    public Path dataDir() {
        return dataDir;
    }

    /** The engine's base URL, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return url;
    }

    public Api api() {
        try {
            return new Api(url, Files.readString(dataDir.resolve("token")).trim());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook runs, Postgres and Redis children are left behind as they would be in a crash. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** kill -9 if still running, for clean-up after a failed test; never throws. */
    public void kill9Quietly() {
        try {
            kill9();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM and wait for a clean exit; returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
