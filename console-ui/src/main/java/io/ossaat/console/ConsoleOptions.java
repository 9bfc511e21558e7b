package io.ossaat.console;

import io.ossaat.console.host.EngineFlags;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./ossaat console [engine flags] [--attach URL] [--token T] [--snapshot DIR]}. Engine flags are the
 * ones {@code serve} takes; they are kept as given and forwarded to the embedded engine.
 */
record ConsoleOptions(URI attach, String token, Path snapshotDir, ConsoleTheme.Size snapshotSize, boolean demo,
                      EngineFlags engineFlags, boolean help, Path consoleDir) {

    static final String USAGE = """
            usage: ossaat console [--attach URL [--token T]] [--snapshot DIR [--snapshot-size WxH]] [engine flags]
              --attach URL     show a remote headless engine (./ossaat serve) instead of starting one
              --token T        its bearer token (default: $OSSAAT_TOKEN)
              --snapshot DIR   write a PNG of every page into DIR and exit; without --attach or --data-dir
                               it pictures a throw-away engine with --demo plans (your data dir stays untouched)
              --snapshot-size WxH  the pictures' size (default 1280x800, at least 1024x700)
              --demo           once the engine is ready, run a few sample plans on temp git repositories
              --console-dir DIR  the console's own settings and attach token (default: $OSSAAT_CONSOLE_DIR,
                               else ~/.ossaat/console); edit them in Settings (Ctrl+,)
              engine flags     as for ./ossaat serve: --data-dir DIR --port N --bind ADDR --db-url JDBC
                               --redis-url URL --runners N --lease-seconds N --workspace-root DIR
                               --keep-worktrees --insecure-no-auth
                               (each also as OSSAAT_* variable or in <data-dir>/ossaat.yaml)
            """;

    static ConsoleOptions parse(List<String> args, Map<String, String> env) {
        URI attach = null;
        String token = null;
        Path snapshot = null;
        Path consoleDir = null;
        ConsoleTheme.Size size = ConsoleTheme.DEFAULT;
        boolean help = false;
        boolean demo = false;
        List<String> engine = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            String inline = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
            switch (name) {
                case "-h", "--help" -> help = true;
                case "--attach" -> {
                    String v = inline != null ? inline : value(args, ++i, name);
                    try {
                        attach = URI.create(v);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--attach needs a URL like http://127.0.0.1:7070, got " + v);
                    }
                    if (attach.getScheme() == null || !attach.getScheme().startsWith("http") || attach.getHost() == null) {
                        throw new IllegalArgumentException("--attach needs a URL like http://127.0.0.1:7070, got " + v);
                    }
                }
                case "--demo" -> demo = true;
                case "--token" -> token = inline != null ? inline : value(args, ++i, name);
                case "--snapshot" -> snapshot = Path.of(inline != null ? inline : value(args, ++i, name));
                case "--console-dir" -> consoleDir = Path.of(inline != null ? inline : value(args, ++i, name));
                case "--snapshot-size" -> {
                    size = ConsoleTheme.Size.parse(inline != null ? inline : value(args, ++i, name));
                    if (!size.fits(ConsoleTheme.MINIMUM)) {
                        throw new IllegalArgumentException("--snapshot-size must be at least " + ConsoleTheme.MINIMUM
                                + " (the console's smallest window), got " + size);
                    }
                }
                default -> {
                    var setting = EngineFlags.setting(name).orElseThrow(() ->
                            new IllegalArgumentException("unknown option " + a + "\n" + USAGE));
                    engine.add(name);
                    if (!EngineFlags.isSwitch(setting)) {
                        engine.add(inline != null ? inline : value(args, ++i, name));
                    }
                }
            }
        }
        if (token == null) {
            token = env.get("OSSAAT_TOKEN");
        }
        if (attach == null && env.get("OSSAAT_ATTACH") != null && !env.get("OSSAAT_ATTACH").isBlank()) {
            attach = URI.create(env.get("OSSAAT_ATTACH"));
        }
        if (consoleDir == null) {
            consoleDir = io.ossaat.console.settings.SettingsStore.defaultDir(env);
        }
        return new ConsoleOptions(attach, token, snapshot, size, demo, new EngineFlags(engine), help, consoleDir);
    }

    /** A snapshot of an embedded engine whose data dir the user did not choose: a throw-away engine with demo plans. */
    boolean throwAwayEngine() {
        return snapshotDir != null && attach == null
                && !engineFlags.settings().containsKey(io.ossaat.engine.config.ConfigLoader.Setting.DATA_DIR);
    }

    /** The same options with the console's own folder set (a throw-away one for snapshots). */
    ConsoleOptions withConsoleDir(Path dir) {
        return new ConsoleOptions(attach, token, snapshotDir, snapshotSize, demo, engineFlags, help, dir);
    }

    /** The same options with the embedded engine's data dir set. */
    ConsoleOptions withDataDir(Path dataDir) {
        List<String> args = new ArrayList<>(engineFlags.args());
        args.add("--data-dir");
        args.add(dataDir.toString());
        return new ConsoleOptions(attach, token, snapshotDir, snapshotSize, demo, new EngineFlags(args), help, consoleDir);
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(i);
    }
}
