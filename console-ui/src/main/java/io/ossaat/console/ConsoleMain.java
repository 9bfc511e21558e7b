package io.ossaat.console;

import javafx.application.Application;

import java.util.List;
import java.util.Optional;

/**
 * {@code ./ossaat console}: checks that a window can open here, then launches {@link ConsoleApp}. A plain main
 * class (not an {@code Application}), so JavaFX on the class path starts without module flags.
 */
public final class ConsoleMain {

    private ConsoleMain() {
    }

    public static void main(String[] args) {
        ConsoleOptions options;
        try {
            options = ConsoleOptions.parse(List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(64);
            return;
        }
        if (options.help()) {
            System.out.print(ConsoleOptions.USAGE);
            return;
        }
        Optional<String> problem = DisplayCheck.problem(System.getenv(), System.getProperty("os.name"),
                System.getProperty("glass.platform"));
        if (problem.isPresent()) {
            System.err.println(problem.get());
            System.exit(2);
            return;
        }
        quietLogging();
        try {
            Application.launch(ConsoleApp.class, args);
        } catch (Throwable t) {
            System.err.println(DisplayCheck.explain(t));
            System.exit(2);
            return;
        }
        System.exit(ConsoleApp.EXIT_CODE.get());
    }

    /** Kept so the level set on it holds (loggers are weakly referenced). */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    /** The engine's logging settings (warnings, plus ossaat's own info lines), as {@code serve} uses them. */
    private static void quietLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (java.io.InputStream in = ConsoleMain.class.getResourceAsStream("/logging.properties")) {
            if (in != null) {
                java.util.logging.LogManager.getLogManager().readConfiguration(in);
            }
            // JavaFX on the class path (not the module path) warns on every start; it is how the console runs
            JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        } catch (java.io.IOException e) {
            // keep the JDK defaults
        }
    }
}
