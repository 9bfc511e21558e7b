package io.ossaat.engine.cli;

import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal a person watches, rather than a file or a pipe into a log. */
final class Terminal {
    private Terminal() {
    }

    static boolean isStderr() {
        Path fd2 = Path.of("/proc/self/fd/2");
        if (Files.exists(Path.of("/proc/self/fd"))) {
            try {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (Exception e) {
                return false;
            }
        }
        Console console = System.console(); // no /proc: stdin and stdout on a terminal stand in for stderr
        return console != null && console.isTerminal();
    }
}
