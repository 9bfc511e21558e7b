package io.ossaat.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.ossaat.console.client.SloStatus;
import org.junit.jupiter.api.Test;

class SloTileTest {

    static SloStatus status(double budgetRemaining, boolean enoughData) {
        return new SloStatus("plan-create-latency", "engine", "", 0.95, 0.75, budgetRemaining, 0, Duration.ZERO,
                Map.of("1h", 5.0, "6h", 5.0, "1d", 5.0, "3d", 5.0), SloStatus.Alert.NONE, 4, 3, 8.0, 40.0, 60.0, 50.0,
                enoughData);
    }

    @Test
    void aFreshEngineWithTooFewEventsIsNotJudgedNeitherSpentNorHealthy() {
        SloTile tile = new SloTile(status(-4.0, false));
        assertThat(tile.judged()).isFalse();
        assertThat(tile.budgetTextProperty().get()).isEqualTo("not judged yet: too few events");
        assertThat(tile.budgetLevelProperty().get()).isEqualTo(SloTile.Level.NOT_JUDGED);
        assertThat(tile.budgetProperty().get()).as("no full bar that reads as healthy").isEqualTo(0.0);
        assertThat(tile.burnBadges()).allSatisfy(b -> assertThat(b.level()).isEqualTo(SloTile.Level.NOT_JUDGED));
    }

    @Test
    void withEnoughDataASpentBudgetIsShownAsSpent() {
        SloTile tile = new SloTile(status(-4.0, true));
        assertThat(tile.judged()).isTrue();
        assertThat(tile.budgetTextProperty().get()).startsWith("budget spent");
        assertThat(tile.budgetLevelProperty().get()).isEqualTo(SloTile.Level.CRITICAL);
        assertThat(tile.burnBadges()).allSatisfy(b -> assertThat(b.level()).isEqualTo(SloTile.Level.ELEVATED));
    }
}
