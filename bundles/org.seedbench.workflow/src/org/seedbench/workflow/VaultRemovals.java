package org.seedbench.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Set;

/**
 * The vault objects forget and prune removed on purpose (snapshot files, packs, index files), one name a line in
 * {@code <data>/vault/<job>/removed}: seed-vault and cleanup, which check the vault against staging and the import
 * container, leave them out instead of sending them again or calling them lost. A line cut short by a crash is
 * not counted.
 */
final class VaultRemovals {
    static final String FILE = "removed";

    private VaultRemovals() {
    }

    static Path file(Workspace workspace, String jobName) {
        return workspace.vaultFolder(jobName).resolve(FILE);
    }

    /** The names removed so far (relative to the repository, e.g. {@code packs/3f/3f…}). */
    static Set<String> read(Workspace workspace, String jobName) throws IOException {
        return new VaultService.Journal(file(workspace, jobName)).read();
    }

    /** Adds names, forced to disk before the vault objects are deleted. */
    static void add(Workspace workspace, String jobName, Collection<String> names) throws IOException {
        if (names.isEmpty()) {
            return;
        }
        Path file = file(workspace, jobName);
        Files.createDirectories(file.getParent());
        StringBuilder lines = new StringBuilder();
        names.forEach(n -> lines.append(n).append('\n'));
        try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.encode(lines.toString());
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
    }
}
