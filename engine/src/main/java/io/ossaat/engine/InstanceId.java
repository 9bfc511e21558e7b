package io.ossaat.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** This engine's stable id, kept in {@code <data-dir>/instance-id}, so its SLO rows stay its own across restarts. */
final class InstanceId {
    private InstanceId() {
    }

    static String of(Path dataDir) {
        Path file = dataDir.resolve("instance-id");
        try {
            if (Files.isRegularFile(file)) {
                String id = Files.readString(file).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            String id = "i-" + UUID.randomUUID().toString().substring(0, 12);
            Files.writeString(file, id + "\n");
            return id;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }
}
