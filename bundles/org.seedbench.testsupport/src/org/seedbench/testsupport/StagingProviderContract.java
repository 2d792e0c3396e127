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
import org.seedbench.core.spi.ObjectStore;
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
    void theJobsRepositoryIsCreatedUnderTheLocationAndDeletedWhole() throws IOException {
        Path stage = Files.createDirectories(tempDir.resolve("stage"));
        assertFalse(provider().exists(location(stage), "seed-fs01"), "nothing is there before it is opened");
        ObjectStore repo = provider().open(location(stage), "seed-fs01");
        Path folder = stage.resolve("seed-fs01");
        assertTrue(Files.isDirectory(folder));
        assertTrue(provider().exists(location(stage), "seed-fs01"));
        repo.put("packs/ab/abcd", new byte[] { 1, 2, 3 });
        assertTrue(Files.isRegularFile(folder.resolve("packs/ab/abcd")), "the store writes under <location>/<job>");
        assertEquals(List.of("packs/ab/abcd"), provider().open(location(stage), "seed-fs01").list(""));
        provider().delete(location(stage), "seed-fs01");
        assertFalse(Files.exists(folder), "the job's repository is gone");
        assertFalse(provider().exists(location(stage), "seed-fs01"));
        assertTrue(Files.isDirectory(stage), "the location stays");
        provider().delete(location(stage), "seed-fs01");
    }
}
