package io.ossaat.console.model;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The recent log lines the engine page shows: whatever the in-process engine logs through
 * {@code java.util.logging} plus the console's own notes, bounded.
 */
public final class LogTail {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final int capacity;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private Consumer<String> listener = l -> { };
    private Handler handler;

    public LogTail(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(String line) {
        String stamped = LocalTime.now().format(TIME) + "  " + line;
        lines.addLast(stamped);
        while (lines.size() > capacity) {
            lines.removeFirst();
        }
        listener.accept(stamped);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized void listen(Consumer<String> l) {
        this.listener = l;
    }

    /** Copies INFO and above of the {@code io.ossaat} loggers (the embedded engine's) into this tail. */
    public synchronized void captureJul() {
        if (handler != null) {
            return;
        }
        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.INFO.intValue()) {
                    String msg = r.getMessage();
                    if (r.getParameters() != null && msg != null) {
                        msg = java.text.MessageFormat.format(msg, r.getParameters());
                    }
                    add(r.getLevel().getName() + "  " + shortName(r.getLoggerName()) + "  " + msg);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("io.ossaat").addHandler(handler);
    }

    private static String shortName(String logger) {
        if (logger == null) {
            return "";
        }
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }
}
