package io.ossaat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SloApiTest {
    @Test
    void readsTheMonitorsCountsFromAnArrayOrAnObject() {
        String status = "{\"name\":\"plan-create-latency\",\"sli\":0.97,\"goodEvents\":970,\"totalEvents\":1000,"
                        + "\"burnRates\":{\"5m\":0.6},\"alert\":\"NONE\"}";

        assertThat(SloApi.count("[" + status + "]").get("plan-create-latency"))
                .extracting(Counts::good, Counts::total).containsExactly(970L, 1000L);
        assertThat(SloApi.count("{\"slos\":[" + status + "],\"evaluatedAt\":\"x\"}"))
                .containsOnlyKeys("plan-create-latency");
    }

    @Test
    void aNonJsonAnswerIsAnError() {
        assertThatThrownBy(() -> SloApi.count("<html>")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/v1/slo");
    }
}
