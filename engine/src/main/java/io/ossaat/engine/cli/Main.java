package io.ossaat.engine.cli;

import java.io.InputStream;
import java.util.logging.LogManager;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ossaat} command line. */
@Command(name = "ossaat",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"ossaat, the OSS AI Agent Tool: an AI-agent orchestrator with a durable step runtime,",
                "human approvals, a live event log and service level objectives it watches itself."},
        subcommands = {ServeCommand.class, SloCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Every engine flag has an OSSAAT_* environment twin (e.g. --db-url and OSSAAT_DB_URL);",
                "the token for remote commands also comes from OSSAAT_TOKEN. Run 'ossaat serve --help' for details."})
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

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ossaat " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
