package org.seedbench.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.StagingProvider;

/** The contract every {@link StagingProvider} keeps. */
public abstract class StagingProviderContract {

    @TempDir
    protected Path tempDir;

    protected abstract StagingProvider provider();

    /** The location string that names {@code folder} for this provider. */
    protected abstract String location(Path folder);

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(Path::toString).sorted().toList();
        }
    }

    @Test
    void acceptsItsOwnLocations() throws IOException {
        Path stage = Files.createDirectories(tempDir.resolve("stage"));
        assertTrue(provider().accepts(location(stage)));
    }

    @Test
    void aWritableLocationWithRoomPasses() throws IOException {
        Path stage = Files.createDirectories(tempDir.resolve("stage"));
        assertEquals(List.of(), provider().check(location(stage), 1024, List.of(tempDir.resolve("source"))));
        assertTrue(provider().freeSpace(location(stage)) > 1024);
    }

    @Test
    void tooLittleRoomIsRefusedWithTheFiguresAndNothingWritten() throws IOException {
        Path stage = Files.createDirectories(tempDir.resolve("stage"));
        List<String> before = listing(stage);
        List<Problem> problems = provider().check(location(stage), Long.MAX_VALUE / 4, List.of());
        assertFalse(problems.isEmpty());
        assertTrue(problems.get(0).message().matches(".*\\d.*"), "names the figures: " + problems.get(0).message());
        assertEquals(before, listing(stage));
    }

    @Test
    void aLocationInsideASourceIsRefused() throws IOException {
        Path source = Files.createDirectories(tempDir.resolve("source"));
        Path inside = Files.createDirectories(source.resolve("stage"));
        assertFalse(provider().check(location(inside), 1024, List.of(source)).isEmpty());
    }

    @Test
    void theJobsRepositoryFolderIsCreatedUnderTheLocation() throws IOException {
        Path stage = Files.createDirectories(tempDir.resolve("stage"));
        Path repo = provider().repositoryFolder(location(stage), "seed-fs01");
        assertTrue(Files.isDirectory(repo));
        assertEquals(stage.toRealPath(), repo.toRealPath().getParent());
    }
}
