package io.ossaat.console.settings;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.ossaat.engine.PrivateFiles;

/**
 * The console's own folder ({@code ~/.ossaat/console}, or {@code --console-dir} / {@code OSSAAT_CONSOLE_DIR}): the
 * settings in {@value #FILE} and the attach token in {@value #TOKEN}, which only its owner may read (0600). Both are
 * written to a temporary file and moved into place, so a crash leaves the old file or the new one, never half of one.
 * A token file others may read or write is not used (it may have leaked or been planted); saving the token again
 * writes it 0600. The token's value is never part of a message.
 */
public final class SettingsStore {
    public static final String FILE = "console.properties";
    public static final String TOKEN = "attach-token";
    /** The token's key in messages and the dialog's field id. */
    public static final String TOKEN_FIELD = "attach-token";

    private final Path dir;

    public SettingsStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** {@code OSSAAT_CONSOLE_DIR} if set, else {@code ~/.ossaat/console} (next to the embedded engine's default data dir). */
    public static Path defaultDir(Map<String, String> env) {
        String given = env.get("OSSAAT_CONSOLE_DIR");
        return given != null && !given.isBlank() ? Path.of(given)
                : Path.of(System.getProperty("user.home"), ".ossaat", "console");
    }

    public Path dir() {
        return dir;
    }

    public Path file() {
        return dir.resolve(FILE);
    }

    public Path tokenFile() {
        return dir.resolve(TOKEN);
    }

    /** The saved settings, or why the file could not be used (then the defaults, and the file is left alone). */
    public record Loaded(ConsoleSettings settings, Optional<String> problem) {
    }

    public Loaded load() {
        Path f = file();
        if (!Files.isRegularFile(f)) {
            return new Loaded(ConsoleSettings.DEFAULTS, Optional.empty());
        }
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(f)));
            Map<String, String> m = new LinkedHashMap<>();
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
            return new Loaded(ConsoleSettings.fromMap(m), Optional.empty());
        } catch (IOException | IllegalArgumentException e) {
            return new Loaded(ConsoleSettings.DEFAULTS, Optional.of("the settings in " + f + " were not used ("
                    + e.getMessage() + "); the console runs with its defaults until they are saved again"));
        }
    }

    public void save(ConsoleSettings s) {
        Properties p = new Properties() {
            // keys in the order of ConsoleSettings.toMap(), so the file reads like the dialog
            @Override
            public synchronized java.util.Set<Map.Entry<Object, Object>> entrySet() {
                java.util.Set<Map.Entry<Object, Object>> ordered = new java.util.LinkedHashSet<>();
                s.toMap().forEach((k, v) -> ordered.add(Map.entry(k, v)));
                return ordered;
            }
        };
        p.putAll(s.toMap());
        StringWriter text = new StringWriter();
        try {
            p.store(text, "ossaat console settings (Settings, Ctrl+,)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(file(), text.toString(), false);
    }

    /**
     * The saved attach token, if any.
     *
     * @throws InvalidSetting (field {@value #TOKEN_FIELD}) when the file is open to other users
     */
    public Optional<String> token() {
        Path f = tokenFile();
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            Optional<String> open = PrivateFiles.openToOthers(f);
            if (open.isPresent()) {
                throw new InvalidSetting(TOKEN_FIELD, "file " + f + " is open to other users (mode " + open.get()
                        + "), so the console does not use it: run 'chmod 600 " + f + "' or enter the token again in"
                        + " Settings (Ctrl+,)");
            }
            String t = Files.readString(f).strip();
            return t.isEmpty() ? Optional.empty() : Optional.of(t);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    /** Writes the token 0600 (replacing whatever was there, whatever its mode). */
    public void saveToken(String token) {
        write(tokenFile(), checkToken(token) + "\n", true);
    }

    public void deleteToken() {
        try {
            Files.deleteIfExists(tokenFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + tokenFile(), e);
        }
    }

    /** Printable ASCII without spaces, as the engine's tokens are; anything else would break the HTTP header. */
    public static String checkToken(String token) {
        String t = token == null ? "" : token.strip();
        if (t.isEmpty()) {
            throw new InvalidSetting(TOKEN_FIELD, "is empty");
        }
        if (t.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new InvalidSetting(TOKEN_FIELD, "must be printable characters without spaces (as the engine's"
                    + " token file holds it)");
        }
        return t;
    }

    private void write(Path target, String content, boolean secret) {
        try {
            PrivateFiles.createDirectories(dir);
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (PrivateFiles.posix()) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
            } else {
                Files.createFile(tmp); // Windows: the profile folder's access rules protect it
            }
            Files.writeString(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
