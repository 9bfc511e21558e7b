package io.ossaat.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this build: the Maven project's, one for every module. {@code ossaat --version}, the console's
 * about box, {@code /openapi}, the MCP server's info and the installers all show it.
 */
public final class Version {
    private static final String CURRENT = read();

    private Version() {
    }

    /** The version, or {@code dev} when the classes were not built by Maven. */
    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").strip();
            return v.isEmpty() || v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
