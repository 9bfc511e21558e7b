package io.ossaat.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @Test
    void thresholdsWritesTheK6OptionsOfTheProfile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("thresholds.json");

        int code = Main.run(new String[] {"thresholds", "--profile", "smoke", "--slo", Slos.shippedFile().toString(),
                "--out", out.toString()});

        assertThat(code).isZero();
        assertThat(Files.readString(out)).contains("\"profile\" : \"smoke\"")
                .contains("\"http_req_duration{phase:judged,route:create_plan}\" : [ \"p(95)<=200\" ]");
    }

    @Test
    void judgePassesWhenTheJudgedPhaseMetEveryObjective(@TempDir Path dir) throws Exception {
        var counts = java.util.Map.of("plan-create-latency", new Counts(1_000, 1_000),
                                      "api-availability", new Counts(2_000, 2_000));
        JudgedWindow.writeJson(dir.resolve("before.json"), new Snapshot("t0", java.util.Map.of(), java.util.Map.of()));
        JudgedWindow.writeJson(dir.resolve("after.json"), new Snapshot("t1", java.util.Map.of(), counts));

        assertThat(Main.run(new String[] {"judge", "--before", dir.resolve("before.json").toString(),
                "--after", dir.resolve("after.json").toString(), "--slo", Slos.shippedFile().toString()}))
                .isZero();
    }

    @Test
    void optionsNeedValuesAndKnownCommands() {
        assertThatThrownBy(() -> Main.run(new String[] {"judge", "--window"})).hasMessageContaining("--window needs a value");
        assertThatThrownBy(() -> Main.run(new String[] {"bench"})).hasMessageContaining("unknown command 'bench'");
        assertThat(Main.options(new String[] {"x", "--a=1", "--b", "2"})).containsEntry("a", "1").containsEntry("b", "2");
    }
}
