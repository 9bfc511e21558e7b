package io.ossaat.console.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;

import org.junit.jupiter.api.Test;

class NotificationSettingsTest {

    @Test
    void quietHoursMayGoOverMidnight() {
        NotificationSettings night = new NotificationSettings(true, true, LocalTime.of(22, 0), LocalTime.of(7, 0));
        assertThat(night.quietAt(LocalTime.of(23, 30))).isTrue();
        assertThat(night.quietAt(LocalTime.of(6, 59))).isTrue();
        assertThat(night.quietAt(LocalTime.of(7, 0))).isFalse();
        assertThat(night.quietAt(LocalTime.NOON)).isFalse();
        NotificationSettings lunch = new NotificationSettings(true, false, LocalTime.NOON, LocalTime.of(13, 0));
        assertThat(lunch.quietAt(LocalTime.of(12, 30))).isTrue();
        assertThat(lunch.quietAt(LocalTime.of(13, 0))).isFalse();
        assertThat(lunch.enabled(Notification.Kind.SLO_PAGING)).isFalse();
        assertThat(NotificationSettings.DEFAULTS.quietAt(LocalTime.MIDNIGHT)).isFalse();
        assertThatThrownBy(() -> new NotificationSettings(true, true, LocalTime.NOON, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
