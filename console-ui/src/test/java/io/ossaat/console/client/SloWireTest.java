package io.ossaat.console.client;

import io.ossaat.engine.Json;
import io.ossaat.engine.slo.SloConfig;
import io.ossaat.engine.slo.SloMonitor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's SLO statuses, as its own monitor computes them from recorded traffic and its own JSON mapper writes
 * them, read by {@link Wire}: the console follows what the engine really sends (until {@code /v1/slo} is routed,
 * this is the contract test).
 */
class SloWireTest {

    @Test
    void readsTheStatusesTheEngineWrites() {
        SloMonitor monitor = SloMonitor.builder().definitions(SloConfig.loadDefault()).minimumEvents(10).build();
        for (int i = 0; i < 200; i++) {
            monitor.recordRequest("POST", "/v1/plans", i < 20 ? 503 : 201, i < 40 ? 80_000_000L : 5_000_000L);
        }
        monitor.flush();
        List<io.ossaat.engine.slo.SloStatus> engine = monitor.statuses();

        List<SloStatus> read = Wire.sloList(Wire.parse(Json.write(engine)));

        assertThat(read).extracting(SloStatus::name).containsExactlyElementsOf(
                engine.stream().map(io.ossaat.engine.slo.SloStatus::name).toList());
        for (int i = 0; i < engine.size(); i++) {
            io.ossaat.engine.slo.SloStatus e = engine.get(i);
            SloStatus c = read.get(i);
            assertThat(c.objective()).isEqualTo(e.objective());
            assertThat(c.sli()).isEqualTo(e.sli());
            assertThat(c.budgetRemaining()).isEqualTo(e.budgetRemaining());
            assertThat(c.totalEvents()).isEqualTo(e.totalEvents());
            assertThat(c.goodEvents()).isEqualTo(e.goodEvents());
            assertThat(c.burnRates()).containsExactlyEntriesOf(e.burnRates());
            assertThat(c.alert().name()).isEqualTo(e.alert().name());
            assertThat(c.thresholdMs()).isEqualTo(e.thresholdMillis());
            assertThat(c.timeToExhaustion() == null ? null : c.timeToExhaustion().toMillis() / 1000.0)
                    .isEqualTo(e.timeToExhaustionSeconds() == null ? null
                            : Math.round(e.timeToExhaustionSeconds() * 1000) / 1000.0);
        }
        SloStatus availability = read.stream().filter(s -> s.name().equals("api-availability")).findFirst().orElseThrow();
        assertThat(availability.totalEvents()).isEqualTo(200);
        assertThat(availability.badEvents()).isEqualTo(20);
        assertThat(availability.hasLatency()).isFalse();
        assertThat(availability.timeToExhaustion()).as("20 of 200 failing burns the budget").isNotNull();
        SloStatus planCreate = read.stream().filter(s -> s.name().equals("plan-create-latency")).findFirst().orElseThrow();
        assertThat(planCreate.thresholdMs()).isEqualTo(50.0);
        assertThat(planCreate.hasLatency()).isTrue();
        assertThat(planCreate.burnRates().keySet()).startsWith("5m", "30m", "1h");
    }
}
