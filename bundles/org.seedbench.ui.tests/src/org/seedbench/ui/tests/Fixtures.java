package org.seedbench.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.ui.SeedbenchUi;

/** What the UI tests set up without the UI: jobs as {@code init} (or the new-job wizard) creates them, data to seed. */
final class Fixtures {
    static final String PASSPHRASE = "correct horse battery staple";
    private static final AtomicInteger COUNT = new AtomicInteger();

    private Fixtures() {
    }

    /** The data directory the workbench under test shows. */
    static Path data() {
        return SeedbenchUi.dataDirectory();
    }

    /** A job name no earlier run in the same data directory used: the prefix, then a stamp (3–24 characters). */
    static String uniqueName(String prefix) {
        return prefix + "-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + COUNT.incrementAndGet();
    }

    /** {@code files} files of {@code size} random (incompressible) bytes each, and a compressible text file. */
    static Path dataset(Path folder, int files, int size, long seed) throws IOException {
        Files.createDirectories(folder.resolve("docs"));
        Random random = new Random(seed);
        byte[] content = new byte[size];
        for (int i = 0; i < files; i++) {
            random.nextBytes(content);
            Files.write(folder.resolve(String.format("data-%03d.bin", i)), content);
        }
        Files.writeString(folder.resolve("docs/notes.txt"), "the seed of the file server\n".repeat(10_000));
        return folder;
    }

    /** Creates a Draft job in the catalog as {@code seedbench init} does. */
    static SeedingJob createJob(CatalogService catalogs, String name, Path staging, Path source)
            throws InvalidInputException {
        return createJob(catalogs, data(), name, staging, source);
    }

    /** Creates a Draft job in the catalog of {@code data} as {@code seedbench init --data} does. */
    static SeedingJob createJob(CatalogService catalogs, Path data, String name, Path staging, Path source)
            throws InvalidInputException {
        try (Catalog catalog = catalogs.open(data)) {
            return catalog.createJob(draft(name, staging, source));
        }
    }

    /** A Draft job as {@code seedbench init} would create it. */
    static SeedingJob draft(String name, Path staging, Path source) {
        return new SeedingJob(name, staging.toString(), "contosobackup", "seed",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "westeurope", List.of(WorkloadSpec.parse("files:" + source)),
                SeedingJob.DEFAULT_CONNECTOR, null, Instant.now(), JobState.DRAFT);
    }
}
