package io.ossaat.engine.cli;

import java.io.InputStream;
import java.util.logging.LogManager;

import io.ossaat.engine.Version;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ossaat} command line. */
@Command(name = "ossaat", usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = {"ossaat, the OSS AI Agent Tool: an AI-agent orchestrator with a durable step",
                "runtime, human approvals, a live event log and SLOs it watches itself.", ""},
        subcommands = {ServeCommand.class, SloCommand.class, TokenCommand.class, DocsCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Every engine flag has an OSSAAT_* environment twin (--db-url: OSSAAT_DB_URL);",
                "remote commands take the token from OSSAAT_TOKEN too. 'ossaat serve --help'",
                "lists the engine flags. './ossaat test' runs every test of every module."})
public final class Main {

    public static void main(String[] args) {
        configureLogging();
        int code = commandLine().execute(args);
        if (code != 0 || !ServeCommand.isServing()) {
            System.exit(code);
        }
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("ossaat: " + ex.getMessage());
            return 1;
        });
        return cl;
    }

    static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = Main.class.getResourceAsStream("/logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (Exception e) {
            // keep the JDK defaults
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ossaat " + Version.current() + " (Java " + Runtime.version() + ")"};
        }
    }
}
