package io.ossaat.engine.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The distribution's {@code redis-server} on a free loopback port, without persistence. */
final class ExternalRedis implements AutoCloseable {
    private final String binary;
    private final int port;
    private final Path log;
    private Process process;

    private ExternalRedis(String binary, int port, Path log) {
        this.binary = binary;
        this.port = port;
        this.log = log;
    }

    static ExternalRedis start() throws IOException, InterruptedException {
        String binary = System.getProperty("ossaat.redis.server", "/usr/bin/redis-server");
        if (!Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException("no " + binary + " (install redis-server, or set -Dossaat.redis.server)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ExternalRedis redis = new ExternalRedis(binary, port, Files.createTempFile("ossaat-cluster-redis", ".log"));
        redis.startServer();
        return redis;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    void startServer() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port + ": " + Files.readString(log));
    }

    void stopServer() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            stopServer();
        }
        Files.deleteIfExists(log);
    }
}
