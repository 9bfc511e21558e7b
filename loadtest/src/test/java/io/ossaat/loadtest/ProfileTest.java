package io.ossaat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ProfileTest {
    @Test
    void budgetIsTheDesignsFiveHundredPlansASecondForSixtySeconds() {
        assertThat(Profile.named("budget")).extracting(Profile::planRate, Profile::judgedSeconds, Profile::loosening)
                .containsExactly(500.0, 60, 1.0);
    }

    @Test
    void smokeFitsInUnderAMinuteOfLoadPerSimulationEvenWhenItsWarmUpRunsToTheCap() {
        Profile smoke = Profile.named("SMOKE");

        assertThat(smoke.maxWarmUpSeconds() + smoke.judgedSeconds()).isLessThan(35);
        assertThat(smoke.warmUpSeconds()).isLessThan(smoke.maxWarmUpSeconds());
        assertThat(smoke.loosening()).isEqualTo(Profile.SMOKE_LOOSENING);
    }

    @Test
    void propertiesOverrideTheNamedProfile() {
        Profile p = Profile.fromProperties(Map.of("ossaat.profile", "budget", "ossaat.rate", "650",
                                                  "ossaat.judged", "30"));

        assertThat(p.name()).isEqualTo("budget");
        assertThat(p.planRate()).isEqualTo(650);
        assertThat(p.judgedSeconds()).isEqualTo(30);
        assertThat(p.warmUpSeconds()).isEqualTo(Profile.BUDGET.warmUpSeconds());
        assertThat(p.maxWarmUpSeconds()).isEqualTo(Profile.BUDGET.maxWarmUpSeconds());
    }

    @Test
    void aLongerShortestWarmUpRaisesTheCapWithIt() {
        Profile p = Profile.fromProperties(Map.of("ossaat.profile", "smoke", "ossaat.warmup", "40"));

        assertThat(p.maxWarmUpSeconds()).isEqualTo(40);
        assertThatThrownBy(() -> Profile.fromProperties(Map.of("ossaat.warmup", "10", "ossaat.maxWarmup", "5")))
                .hasMessageContaining("cap");
    }

    @Test
    void badNamesAndValuesSayWhat() {
        assertThatThrownBy(() -> Profile.named("stress")).hasMessageContaining("smoke, budget or soak");
        assertThatThrownBy(() -> Profile.fromProperties(Map.of("ossaat.rate", "fast")))
                .hasMessageContaining("ossaat.rate");
        assertThatThrownBy(() -> Profile.fromProperties(Map.of("ossaat.loosening", "0.5")))
                .hasMessageContaining("loosening");
    }
}
