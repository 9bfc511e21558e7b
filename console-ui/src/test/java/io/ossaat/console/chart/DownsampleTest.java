package io.ossaat.console.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownsampleTest {

    @Test
    void aMonthOfMinutesFitsTheColumnsAndKeepsItsSpike() {
        int n = 30 * 24 * 60;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i * 60_000.0;
            ys[i] = i == 12_345 ? 99 : 1;
        }
        ys[500] = Double.NaN; // a gap

        Downsample.Columns c = Downsample.m4(xs, ys, 0, n * 60_000.0, 600);

        assertThat(c.width()).isEqualTo(600);
        int spike = (int) (12_345L * 600 / n);
        assertThat(c.max()[spike]).isEqualTo(99);
        assertThat(c.min()[spike]).isEqualTo(1);
        assertThat(c.first()[0]).isEqualTo(1);
        for (int i = 0; i < 600; i++) {
            assertThat(c.empty(i)).isFalse();
            if (i != spike) {
                assertThat(c.max()[i]).isEqualTo(1);
            }
        }
    }

    @Test
    void columnsWithoutPointsStayEmpty() {
        Downsample.Columns c = Downsample.m4(new double[] {0, 90}, new double[] {5, 7}, 0, 100, 10);
        assertThat(c.first()[0]).isEqualTo(5);
        assertThat(c.last()[9]).isEqualTo(7);
        assertThat(c.empty(5)).isTrue();
    }
}
