package io.ossaat.console;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Before starting JavaFX: is there a display, and if the toolkit fails, was it GTK? One sentence each. */
final class DisplayCheck {

    static final String NO_DISPLAY = "No display found (DISPLAY and WAYLAND_DISPLAY are unset): run the engine "
            + "without a UI with `./ossaat serve`, or give the console a virtual display with "
            + "`xvfb-run -a ./ossaat console`.";
    static final String NO_GTK = "JavaFX could not load GTK 3: install it with `sudo apt-get install -y libgtk-3-0` "
            + "(Debian/Ubuntu) and start the console again.";

    private DisplayCheck() {
    }

    /** The sentence to print when the console cannot open a window here, or empty when it can try. */
    static Optional<String> problem(Map<String, String> env, String osName, String glassPlatform) {
        boolean linux = osName != null && osName.toLowerCase(Locale.ROOT).contains("linux");
        boolean headlessGlass = glassPlatform != null
                && (glassPlatform.equalsIgnoreCase("monocle") || glassPlatform.equalsIgnoreCase("headless"));
        if (!linux || headlessGlass) {
            return Optional.empty();
        }
        if (blank(env.get("DISPLAY")) && blank(env.get("WAYLAND_DISPLAY"))) {
            return Optional.of(NO_DISPLAY);
        }
        return Optional.empty();
    }

    /** Explains a toolkit start failure in one sentence. */
    static String explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof UnsatisfiedLinkError || m.contains("gtk")) {
                return NO_GTK;
            }
            if (m.contains("display")) {
                return NO_DISPLAY;
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "The console could not start JavaFX: " + root + ". Try `./ossaat serve` for the engine without a UI.";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
