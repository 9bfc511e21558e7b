package io.ossaat.console;

import io.ossaat.console.client.EngineClient;
import io.ossaat.console.client.Plan;
import io.ossaat.engine.plans.PlanState;
import io.ossaat.engine.plans.StepState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code --demo}: real activity for a fresh engine. Makes small git repositories in a temp folder and runs plans
 * of the default agent on them through the API, as a user would: one approved twice to completion, one rejected,
 * one waiting at its first approval and one at its second. Blocking; call it off the FX thread.
 */
public final class DemoPlans {

    private static final Duration STEP_WAIT = Duration.ofSeconds(60);

    private final EngineClient client;
    private final Path root;

    public DemoPlans(EngineClient client, Path root) {
        this.client = client;
        this.root = root;
    }

    /** Creates and drives the demo plans; returns them as they ended up. */
    public List<Plan> run() throws InterruptedException {
        List<Plan> out = new ArrayList<>();
        Plan done = create("Add a CONTRIBUTING guide with the build and test commands", "contributing",
                "CONTRIBUTING.md", "# Contributing\n\nBuild with ./ossaat test.", "test -f CONTRIBUTING.md");
        Plan rejected = create("Rename the retry helper across the public API", "retry-helper",
                "docs/RENAME.md", "# Rename\n\nretry() becomes withRetries().", "true");
        Plan second = create("Bump the base image and rebuild the installer", "installer",
                "installer/BASE_IMAGE", "eclipse-temurin:25-jre", "test -s installer/BASE_IMAGE");

        approve(done, "apply_changes", "small, self-contained change");
        approve(done, "run_tests", "the command only checks the file");
        approve(done, "open_pr", "ready for review");
        out.add(await(done, p -> p.state().isFinal()));

        awaitStep(rejected, "apply_changes", StepState.WAITING_APPROVAL);
        client.reject(rejected.id(), "apply_changes", "touches the public API; needs a deprecation first");
        out.add(await(rejected, p -> p.state().isFinal()));

        approve(second, "apply_changes", "image digest checked");
        approve(second, "run_tests", "a read-only check");
        out.add(awaitStep(second, "open_pr", StepState.WAITING_APPROVAL));

        Plan waiting = create("Fix the flaky date parser test and open a branch", "date-parser",
                "src/DateParserTest.java", "class DateParserTest {}", "true");
        out.add(awaitStep(waiting, "apply_changes", StepState.WAITING_APPROVAL));
        return out;
    }

    /** Reads plans for {@code span} (about 20 requests a second), so the SLO charts have something to draw. */
    public void traffic(Duration span) throws InterruptedException {
        Instant until = Instant.now().plus(span);
        while (Instant.now().isBefore(until)) {
            client.listPlans(null, 20, null);
            Thread.sleep(50);
        }
    }

    private Plan create(String goal, String name, String file, String content, String testCommand) {
        Path ws = gitRepo(name);
        String[] lines = content.split("\n", -1);
        StringBuilder patch = new StringBuilder("--- /dev/null\n+++ b/" + file + "\n@@ -0,0 +1," + lines.length + " @@\n");
        for (String l : lines) {
            patch.append('+').append(l).append('\n');
        }
        return client.createPlan(goal, null, ws.toString(), Map.of("patch", patch.toString(), "testCommand", testCommand));
    }

    private void approve(Plan p, String stepId, String rationale) throws InterruptedException {
        awaitStep(p, stepId, StepState.WAITING_APPROVAL);
        client.approve(p.id(), stepId, rationale);
    }

    private Plan awaitStep(Plan p, String stepId, StepState state) throws InterruptedException {
        // the plan's own state follows its steps in the same transaction, but a read may see the steps first
        return await(p, q -> q.step(stepId).map(s -> s.state() == state).orElse(false)
                && (state != StepState.WAITING_APPROVAL || q.state() == PlanState.WAITING_APPROVAL)
                || q.state().isFinal());
    }

    private Plan await(Plan p, Predicate<Plan> done) throws InterruptedException {
        Instant until = Instant.now().plus(STEP_WAIT);
        while (true) {
            Plan now = client.getPlan(p.id());
            if (done.test(now) || Instant.now().isAfter(until)) {
                return now;
            }
            Thread.sleep(100);
        }
    }

    private Path gitRepo(String name) {
        try {
            Path dir = Files.createDirectories(root.resolve(name));
            Files.writeString(dir.resolve("README.md"), "# " + name + "\n\nA demo workspace for ossaat.\n");
            Files.createDirectories(dir.resolve("src"));
            Files.writeString(dir.resolve("src/Main.java"), "class Main {\n    public static void main(String[] a) {\n    }\n}\n");
            git(dir, "init", "-q", "-b", "main");
            git(dir, "add", "-A");
            git(dir, "-c", "user.name=ossaat demo", "-c", "user.email=demo@ossaat.invalid", "commit", "-q", "-m", "init");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a demo workspace in " + root, e);
        }
    }

    private static void git(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IOException("git " + String.join(" ", args) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running git", e);
        }
    }
}
