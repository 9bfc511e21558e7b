package io.ossaat.engine.tools.builtin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.ossaat.engine.tools.ApprovalDetails;
import io.ossaat.engine.tools.Processes;
import io.ossaat.engine.tools.Tool;
import io.ossaat.engine.tools.ToolContext;
import io.ossaat.engine.tools.ToolFailure;
import io.ossaat.engine.tools.ToolResult;
import io.ossaat.engine.tools.Workspace;

/**
 * {@code test_runner} (test.run): runs {@code inputs.testCommand} (through {@code sh -c}) or the test command of the
 * build it finds (Maven, npm, Go, Cargo), within the step's timeout; records exit code and the output's tail.
 */
public final class TestRunner implements Tool {

    @Override
    public String name() {
        return "test_runner";
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("test.run");
    }

    @Override
    public String description() {
        return "Runs inputs.testCommand, or the detected Maven/npm/Go/Cargo tests, and records exit code and output tail.";
    }

    @Override
    public ApprovalDetails approvalDetails(Map<String, Object> inputs) {
        return inputs.get("testCommand") instanceof String command && !command.isBlank()
                ? new ApprovalDetails(command, null) : ApprovalDetails.NONE;
    }

    @Override
    public ToolResult run(ToolContext context) throws ToolFailure, InterruptedException {
        Workspace ws = context.requireWorkspace(name());
        ws.requireExists();
        String command = context.input("testCommand").filter(s -> !s.isBlank())
                .or(() -> detect(ws.root()))
                .orElseThrow(() -> new ToolFailure("no inputs.testCommand and no Maven, npm, Go or Cargo build found in "
                        + ws.root(), false));
        Processes.Outcome o;
        try {
            o = Processes.run(ws.root(), List.of("sh", "-c", command), context.environment());
        } catch (IOException e) {
            throw new ToolFailure("cannot start '" + command + "': " + e.getMessage(), false);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("command", command);
        output.put("exitCode", o.exitCode());
        output.put("outputTail", o.tail());
        if (!o.ok()) {
            throw new ToolFailure("tests failed: '" + command + "' exited with " + o.exitCode(), false, output);
        }
        return new ToolResult(output, "tests passed: '" + command + "' exited with 0");
    }

    static Optional<String> detect(Path root) {
        if (Files.isRegularFile(root.resolve("mvnw"))) {
            return Optional.of("./mvnw -B -q test");
        }
        if (Files.isRegularFile(root.resolve("pom.xml"))) {
            return Optional.of("mvn -B -q test");
        }
        if (Files.isRegularFile(root.resolve("package.json"))) {
            return Optional.of("npm test");
        }
        if (Files.isRegularFile(root.resolve("go.mod"))) {
            return Optional.of("go test ./...");
        }
        if (Files.isRegularFile(root.resolve("Cargo.toml"))) {
            return Optional.of("cargo test");
        }
        return Optional.empty();
    }
}
