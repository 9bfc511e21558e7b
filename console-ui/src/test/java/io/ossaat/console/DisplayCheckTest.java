package io.ossaat.console;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DisplayCheckTest {

    @Test
    void linuxWithoutDisplayPointsToServeAndXvfb() {
        assertThat(DisplayCheck.problem(Map.of(), "Linux", null)).hasValueSatisfying(m -> {
            assertThat(m).contains("./ossaat serve").contains("xvfb-run");
            assertThat(m.split("\\. ")).as("one sentence").hasSize(1);
        });
    }

    @Test
    void aDisplayOrHeadlessGlassOrAnotherOsIsFine() {
        assertThat(DisplayCheck.problem(Map.of("DISPLAY", ":0"), "Linux", null)).isEmpty();
        assertThat(DisplayCheck.problem(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null)).isEmpty();
        assertThat(DisplayCheck.problem(Map.of(), "Linux", "Monocle")).isEmpty();
        assertThat(DisplayCheck.problem(Map.of(), "Mac OS X", null)).isEmpty();
    }

    @Test
    void missingGtkNamesThePackage() {
        Throwable t = new RuntimeException("Exception in Application start method",
                new UnsatisfiedLinkError("libgtk-3.so.0: cannot open shared object file"));
        assertThat(DisplayCheck.explain(t)).contains("libgtk-3-0");
        assertThat(DisplayCheck.explain(new UnsupportedOperationException("Unable to open DISPLAY")))
                .isEqualTo(DisplayCheck.NO_DISPLAY);
    }
}
