package io.ossaat.engine.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.ossaat.engine.Engine;
import io.ossaat.engine.plans.StepState;
import io.ossaat.engine.testing.TestEngines;
import org.junit.jupiter.api.Test;

/**
 * Under overload requests hold every connection of the API's pool and hundreds more wait for one. The event
 * sequencer must not wait among them: it numbers and delivers events on a connection of its own.
 */
class SequencerConnectionTest {

    @Test
    void eventsAreNumberedAndDeliveredWhileTheApisPoolIsExhausted() throws Exception {
        try (Engine engine = TestEngines.start();
             EventFeed.Subscription live = engine.events().subscribe("pool-full")) {
            HikariDataSource pool = (HikariDataSource) engine.database().dataSource();
            List<Connection> taken = new ArrayList<>();
            try {
                while (taken.size() < pool.getMaximumPoolSize()) {
                    taken.add(pool.getConnection());
                }
                Connection writer = taken.getFirst();
                writer.setAutoCommit(false);
                EventLog.append(writer, List.of(new NewEvent("pool-full", null, StepState.RUNNING, 0, null)),
                        Instant.now());
                writer.commit();
                engine.events().committed();

                // a sequencer in the full pool times out (5 s) and retries for as long as the pool stays full
                Event delivered = live.poll(Duration.ofSeconds(30));
                assertThat(delivered).as("delivered while every pooled connection is taken").isNotNull();
                assertThat(delivered.planId()).isEqualTo("pool-full");
                assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(pool.getMaximumPoolSize());
            } finally {
                for (Connection c : taken) {
                    c.close();
                }
            }
        }
    }
}
