package io.ossaat.engine.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL outside any engine that a test stops (a fast shutdown: open connections end, as in an
 * operator's restart) and starts again on the same port and data folder, so the engines' URL stays valid.
 */
public final class RestartablePostgres implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    private RestartablePostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    public static RestartablePostgres start(Path dataDir) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RestartablePostgres pg = new RestartablePostgres(dataDir, port);
        pg.startServer();
        return pg;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&connectTimeout=5";
    }

    public void startServer() throws IOException {
        server = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                .setConnectConfig("connectTimeout", "5").setConnectConfig("loginTimeout", "10").start();
    }

    public void stopServer() throws IOException {
        server.close();
        server = null;
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            stopServer();
        }
    }
}
