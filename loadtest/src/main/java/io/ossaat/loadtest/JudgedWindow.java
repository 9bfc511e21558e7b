package io.ossaat.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The engine's counts just before and just after the judged phase of one run, written by the simulation for the
 * gate ({@code judge --window FILE}).
 *
 * @param simulation the simulation (or k6 script) that ran
 * @param profile    its profile
 * @param before     counts when the judged phase started
 * @param after      counts when its last request had finished
 */
public record JudgedWindow(String simulation, Profile profile, Snapshot before, Snapshot after) {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) {
        writeJson(file, this);
    }

    public static JudgedWindow read(Path file) {
        return readJson(file, JudgedWindow.class);
    }

    static void writeJson(Path file, Object value) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            JSON.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    static <T> T readJson(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
