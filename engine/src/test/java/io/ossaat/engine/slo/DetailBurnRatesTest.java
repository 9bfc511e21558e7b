package io.ossaat.engine.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The detail's per-point burn rates over the alert windows, its rules, and how many points it is asked for. */
class DetailBurnRatesTest {

    @Test
    void eachPointCarriesTheBurnRateOfEveryWindowTheHistoryStillHolds() {
        Traffic t = Traffic.availability();
        Instant incident = Traffic.T0.plus(Duration.ofDays(10));
        // 10 days ago: an hour at 2 % errors (20x a 99.9 % budget); the last hour: 0.5 % errors
        t.requests(incident, Duration.ofHours(1), 1000, 20);
        Instant now = incident.plus(Duration.ofDays(10));
        t.requests(now.minus(Duration.ofHours(1)), Duration.ofHours(1), 1000, 5);

        SloDetail month = t.monitor.detail("api-availability", Duration.ofDays(30), 720).orElseThrow();

        assertThat(month.stepSeconds()).isEqualTo(3600);
        assertThat(month.points()).hasSize(720);
        SloPoint atIncident = month.points().stream()
                .filter(p -> p.time().equals(incident.plus(Duration.ofHours(1)).toString())).findFirst().orElseThrow();
        assertThat(atIncident.burnRates().get("1h")).isCloseTo(20, within(1e-9));
        assertThat(atIncident.burnRates().get("1d")).isCloseTo(20, within(1e-9)); // no other events that day
        // five minutes ten days ago: the 10 s and 5 min resolutions no longer hold it
        assertThat(atIncident.burnRates()).doesNotContainKeys("5m", "30m").containsKeys("2h", "6h", "3d");
        SloPoint last = month.points().getLast();
        assertThat(last.burnRates().get("1h")).isCloseTo(5, within(0.05)); // its first 10 s fall out of the window
        assertThat(last.burnRates()).containsKeys("5m", "30m", "2h", "6h", "3d");

        assertThat(month.alertRules()).extracting(SloAlertRule::severity, SloAlertRule::longWindow,
                        SloAlertRule::shortWindow, SloAlertRule::factor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AlertState.PAGE, "1h", "5m", 14.4),
                        org.assertj.core.groups.Tuple.tuple(AlertState.PAGE, "6h", "30m", 6.0),
                        org.assertj.core.groups.Tuple.tuple(AlertState.TICKET, "1d", "2h", 3.0),
                        org.assertj.core.groups.Tuple.tuple(AlertState.TICKET, "3d", "6h", 1.0));
        assertThat(month.alertRules().getFirst().minimumEvents()).isEqualTo(SloMonitor.DEFAULT_MINIMUM_EVENTS);
    }

    @Test
    void pointsAreBoundedByTheRangesResolution() {
        Traffic t = Traffic.availability();
        assertThat(t.monitor.detail("api-availability", Duration.ofHours(1), 2000).orElseThrow().points())
                .hasSize(360); // 10 s buckets
        assertThat(t.monitor.detail("api-availability", Duration.ofHours(1)).orElseThrow().points()).hasSize(60);
        assertThatThrownBy(() -> t.monitor.detail("api-availability", Duration.ofHours(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
