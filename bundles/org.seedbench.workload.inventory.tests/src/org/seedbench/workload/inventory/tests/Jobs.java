package org.seedbench.workload.inventory.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;

/** Seeding jobs in a real catalog, as {@code seedbench init} creates them, and what a restore wrote. */
final class Jobs {
    static final String PASSPHRASE = "correct horse battery staple";

    private Jobs() {
    }

    static Secret passphrase() {
        return Secret.of(PASSPHRASE);
    }

    static void create(CatalogService catalogs, Path data, String name, Path staging, WorkloadSpec workload)
            throws InvalidInputException {
        try (Catalog catalog = catalogs.open(data)) {
            catalog.createJob(new SeedingJob(name, staging.toString(), "contosobackup", "seed",
                    "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "westeurope", List.of(workload), null, null,
                    Instant.parse("2026-12-02T08:00:00Z"), JobState.DRAFT));
        }
    }

    static JobState state(CatalogService catalogs, Path data, String name) {
        try (Catalog catalog = catalogs.open(data)) {
            return catalog.job(name).orElseThrow().state();
        }
    }

    /** The files under a folder, by '/'-separated relative path, with their content. */
    static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.exists(dir)) {
            return files;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
