package io.ossaat.engine.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The distribution's PostgreSQL server ({@code postgresql-15} on Debian), run with {@code pg_ctl} in a data
 * folder of its own on a free port. As root it runs as the {@code postgres} user, since PostgreSQL refuses root.
 * Local connections are trusted: the test is its only client.
 */
final class ExternalPostgres implements AutoCloseable {
    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean root;

    private ExternalPostgres(Path bin, Path data, int port, boolean root) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.root = root;
    }

    /** initdb in a new temporary folder, then start. */
    static ExternalPostgres start() throws IOException, InterruptedException {
        Path bin = Path.of(System.getProperty("ossaat.pg.bin", "/usr/lib/postgresql/15/bin"));
        if (!Files.isExecutable(bin.resolve("pg_ctl"))) {
            throw new IllegalStateException("no PostgreSQL server in " + bin + " (install postgresql-15, or set "
                    + "-Dossaat.pg.bin)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = Files.createTempDirectory("ossaat-cluster-pg");
        if (root) {
            run(List.of("chown", "postgres:postgres", data.toString()), false);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ExternalPostgres pg = new ExternalPostgres(bin, data, port, root);
        pg.pg("initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
        pg.startServer();
        return pg;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&connectTimeout=5";
    }

    void startServer() throws IOException, InterruptedException {
        pg("pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c max_connections=200"
                        + " -c fsync=off", "start");
    }

    /** A fast shutdown: open connections are ended, as when an operator restarts the server. */
    void stopServer() throws IOException, InterruptedException {
        pg("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    /** A copy of the server's log (for a failed run's post-mortem). */
    void copyLog(Path to) throws IOException {
        Path log = data.resolve("server.log");
        if (Files.isReadable(log)) {
            Files.copy(log, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            pg("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (IllegalStateException e) {
            // not running
        }
        run(List.of("rm", "-rf", data.toString()), false);
    }

    private void pg(String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (root) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        run(cmd, true);
    }

    private static void run(List<String> cmd, boolean check) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish");
        }
        if (check && p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + out);
        }
    }
}
