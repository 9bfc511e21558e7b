package io.ossaat.engine.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;

import io.ossaat.engine.DataDir;
import io.ossaat.engine.Engine;
import io.ossaat.engine.testing.SharedEngine;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The embedded Redis wants its password, and even with it refuses the commands that write files elsewhere
 * ({@code CONFIG SET dir} + {@code SAVE}) or load code ({@code MODULE LOAD}).
 */
class EmbeddedRedisLockTest {

    @Test
    void withoutThePasswordNothingRuns() {
        try (Jedis jedis = new Jedis(address(SharedEngine.get()))) {
            assertThatThrownBy(jedis::ping).isInstanceOf(JedisDataException.class).hasMessageContaining("NOAUTH");
            assertThatThrownBy(() -> jedis.set("k", "v")).hasMessageContaining("NOAUTH");
            assertThatThrownBy(() -> jedis.publish("ossaat:plans", "x")).hasMessageContaining("NOAUTH");
        }
    }

    @Test
    void withThePasswordTheAdminCommandsAreGone() throws Exception {
        Engine engine = SharedEngine.get();
        String password = Files.readString(engine.config().dataDir().resolve(DataDir.REDIS_PASSWORD)).trim();
        try (Jedis jedis = new Jedis(address(engine), DefaultJedisClientConfig.builder().password(password).build())) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThatThrownBy(() -> jedis.configSet("dir", "/tmp")).hasMessageContaining("unknown command");
            assertThatThrownBy(() -> jedis.configGet("dir")).hasMessageContaining("unknown command");
            assertThatThrownBy(() -> jedis.sendCommand(() -> "MODULE".getBytes(), "LOAD", "/tmp/x.so"))
                    .hasMessageContaining("unknown command");
            assertThatThrownBy(() -> jedis.sendCommand(() -> "DEBUG".getBytes(), "SLEEP", "0"))
                    .hasMessageContaining("unknown command");
            assertThatThrownBy(() -> jedis.sendCommand(() -> "REPLICAOF".getBytes(), "127.0.0.1", "1"))
                    .hasMessageContaining("unknown command");
        }
        assertThat(Files.getPosixFilePermissions(engine.config().dataDir().resolve(DataDir.REDIS_PASSWORD)))
                .hasToString("[OWNER_READ, OWNER_WRITE]");
    }

    private static HostAndPort address(Engine engine) {
        String where = engine.bus().where(); // "embedded redis://***@127.0.0.1:PORT"
        return new HostAndPort("127.0.0.1", Integer.parseInt(where.substring(where.lastIndexOf(':') + 1)));
    }
}
