package io.ossaat.engine.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.ossaat.engine.web.ApiReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ossaat docs}: the HTTP API reference in Markdown, rendered from the document {@code /openapi} serves. */
@Command(name = "docs", mixinStandardHelpOptions = true,
        description = {"Write the HTTP API reference (Markdown) from the engine's /openapi document.",
                "'./ossaat docs' in a checkout writes docs/api.md; a test fails when that file differs",
                "from what this prints."})
public final class DocsCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
    Path out;

    @Override
    public Integer call() throws IOException {
        String md = ApiReference.ofThisEngine();
        if (out == null) {
            System.out.print(md);
        } else {
            Files.writeString(out, md, StandardCharsets.UTF_8);
            System.err.println("ossaat: wrote " + out);
        }
        return 0;
    }
}
