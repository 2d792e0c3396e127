package org.seedbench.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.seedbench.catalog.Catalog;
import org.seedbench.core.support.files.DurableFiles;

/**
 * The name a copy computer goes by in a shared catalog's pack leases and events: its host name (as the catalog's
 * actor names it) and the id of its data directory, e.g. {@code copyhost-2/5f0c9a1e}. The id is a random UUID kept in
 * {@code <data>/computer-id}, so a computer keeps its name across runs (and finds its own leases again after a
 * crash), and two data directories on one host are two computers.
 */
final class CopyComputerId {
    static final String FILE = "computer-id";

    private CopyComputerId() {
    }

    /** This data directory's computer name, created on first use. */
    static String of(Workspace workspace) throws IOException {
        Path file = workspace.dataDirectory().resolve(FILE);
        String id;
        if (Files.exists(file)) {
            id = Files.readString(file, StandardCharsets.UTF_8).strip();
        } else {
            id = UUID.randomUUID().toString();
            Files.createDirectories(workspace.dataDirectory());
            DurableFiles.write(file, (id + "\n").getBytes(StandardCharsets.UTF_8), false);
        }
        try (Catalog catalog = workspace.catalog()) {
            return host(catalog.actor()) + "/" + id.substring(0, Math.min(8, id.length()));
        }
    }

    /** The host the catalog names this computer's user by: {@code copyhost} of {@code alice@copyhost (cli)}. */
    static String host(String actor) {
        int at = actor.indexOf('@');
        int program = actor.indexOf(" (", at + 1);
        return at < 0 ? actor : actor.substring(at + 1, program < 0 ? actor.length() : program);
    }
}
