package io.ossaat.engine.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/** A Postgres and a Redis outside any engine, as a cluster would have them. */
final class SharedStorage implements AutoCloseable {
    final EmbeddedPostgres postgres;
    final int redisPort;
    private RedisServer redis;

    SharedStorage(Path dir) throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("shared-pg")).setCleanDataDirectory(true)
                .setConnectConfig("connectTimeout", "5").setConnectConfig("loginTimeout", "10").start();
        try (ServerSocket s = new ServerSocket(0)) {
            redisPort = s.getLocalPort();
        }
        startRedis();
    }

    String dbUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    String redisUrl() {
        return "redis://127.0.0.1:" + redisPort;
    }

    void startRedis() throws IOException {
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").build();
        redis.start();
    }

    void stopRedis() throws IOException {
        redis.stop();
    }

    @Override
    public void close() throws IOException {
        try {
            redis.stop();
        } finally {
            postgres.close();
        }
    }
}
