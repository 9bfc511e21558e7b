package io.ossaat.console.model;

import io.ossaat.console.Fx;
import io.ossaat.console.client.HttpEngineClient;
import io.ossaat.console.client.SloStatus;
import io.ossaat.engine.Engine;
import io.ossaat.engine.testing.SharedEngine;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OverviewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private HttpEngineClient client;

    @BeforeAll
    static void toolkit() {
        Fx.toolkit();
    }

    @BeforeEach
    void setUp() {
        Engine engine = SharedEngine.get();
        client = new HttpEngineClient(java.net.URI.create(engine.url()), engine.token().value());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    /** The real engine's stream: its shipped SLOs, and a latency chart that gains a point per snapshot. */
    @Test
    void streamGivesOneTilePerSloAndMovingLatencyPoints() {
        OverviewModel model = new OverviewModel(client);
        Fx.run(model::start);
        try {
            await().atMost(WAIT).until(() -> Fx.get(() -> model.tiles().size()) == 4);
            assertThat(Fx.get(() -> model.tiles().stream().map(SloTile::name).toList()))
                    .containsExactly("api-availability", "plan-create-latency", "health-latency", "step-dispatch");
            assertThat(Fx.get(() -> model.selectedProperty().get().name()))
                    .as("the first SLO with latency is charted").isEqualTo("plan-create-latency");
            int before = Fx.get(() -> target(model).getData().size());
            await().atMost(WAIT).until(() -> Fx.get(() -> target(model).getData().size()) >= before + 3);
            assertThat(Fx.get(() -> target(model).getData().getLast().getYValue().doubleValue()))
                    .as("the target line is the SLO's threshold").isEqualTo(50.0);
            assertThat(Fx.get(() -> model.streamStatusProperty().get())).isEqualTo("live");
        } finally {
            model.stop();
        }
    }

    @Test
    void ratesComeFromEventDeltasAndHistoryIsBounded() {
        AtomicLong clock = new AtomicLong(1_000_000);
        OverviewModel model = new OverviewModel(client, clock::get, 5);
        Fx.run(() -> {
            for (int tick = 1; tick <= 10; tick++) {
                clock.addAndGet(2_000);
                model.apply(snapshot(tick));
            }
        });

        List<XYChart.Data<Number, Number>> requests = Fx.get(() -> List.copyOf(model.rateSeries().get(0).getData()));
        List<XYChart.Data<Number, Number>> errors = Fx.get(() -> List.copyOf(model.rateSeries().get(1).getData()));
        assertThat(requests).hasSize(5).allSatisfy(d -> assertThat(d.getYValue().doubleValue()).isEqualTo(50.0));
        assertThat(errors).allSatisfy(d -> assertThat(d.getYValue().doubleValue()).isEqualTo(1.0));
        assertThat(requests.getLast().getXValue().doubleValue()).isEqualTo(20.0);
        assertThat(Fx.get(() -> model.budgetSeries().getFirst().getData().size())).isEqualTo(5);
        assertThat(Fx.get(() -> model.latencySeries().get(3).getData().getLast().getYValue())).isEqualTo(50.0);
    }

    @Test
    void selectingAnSloRechartsItFromItsHistory() {
        AtomicLong clock = new AtomicLong();
        OverviewModel model = new OverviewModel(client, clock::get, 100);
        Fx.run(() -> {
            for (int tick = 1; tick <= 4; tick++) {
                clock.addAndGet(1_000);
                model.apply(List.of(slo("a", tick, null), slo("b", tick, 80.0 + tick)));
            }
        });
        assertThat(Fx.get(() -> model.selectedProperty().get().name())).isEqualTo("b");
        assertThat(Fx.get(() -> p95(model).getData().size())).isEqualTo(4);

        Fx.run(() -> model.select("a"));

        assertThat(Fx.get(() -> p95(model).getData().isEmpty())).as("a has no latency").isTrue();
        assertThat(Fx.get(() -> model.rateSeries().getFirst().getData().size())).isEqualTo(3);
        assertThat(Fx.get(() -> model.tiles().stream().filter(t -> t.selectedProperty().get()).map(SloTile::name).toList()))
                .containsExactly("a");
    }

    @Test
    void tileFormatsObjectiveBudgetAndBurnBadges() {
        OverviewModel model = new OverviewModel(client);
        Fx.run(() -> model.apply(List.of(new SloStatus("api", "engine", "API requests", 0.999, 0.99953, 0.2, 12,
                Duration.ofMinutes(125), Map.of("5m", 15.0), SloStatus.Alert.PAGE, 1000, 999, null, null, null, null))));
        SloTile tile = Fx.get(() -> model.tiles().getFirst());
        assertThat(tile.objectiveProperty().get()).isEqualTo("target 99.9%");
        assertThat(tile.sliProperty().get()).isEqualTo("99.953%");
        assertThat(tile.budgetTextProperty().get()).isEqualTo("20% of error budget left");
        assertThat(tile.budgetLevelProperty().get()).isEqualTo(SloTile.Level.HIGH);
        assertThat(tile.exhaustionProperty().get()).endsWith("exhausted in 2h 5m");
        assertThat(tile.burnBadges()).containsExactly(new SloTile.BurnBadge("5m", 15.0, SloTile.Level.CRITICAL));
        assertThat(tile.alertProperty().get()).isEqualTo(SloStatus.Alert.PAGE);
    }

    private static XYChart.Series<Number, Number> p95(OverviewModel model) {
        return model.latencySeries().get(1);
    }

    private static XYChart.Series<Number, Number> target(OverviewModel model) {
        return model.latencySeries().get(3);
    }

    /** 100 more events and 2 more bad ones per tick. */
    private static List<SloStatus> snapshot(int tick) {
        return List.of(new SloStatus("api-latency", "engine", "", 0.99, 0.99, 0.5, 10, null, Map.of("5m", 1.0),
                SloStatus.Alert.NONE, 100L * tick, 98L * tick, 5.0, 20.0 + tick, 40.0, 50.0));
    }

    private static SloStatus slo(String name, int tick, Double p95) {
        return new SloStatus(name, "svc", "", 0.99, 0.99, 0.9, 10, null, Map.of(), SloStatus.Alert.NONE,
                10L * tick, 10L * tick, p95, p95, p95, null);
    }
}
