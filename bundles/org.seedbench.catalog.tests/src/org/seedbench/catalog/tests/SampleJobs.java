package org.seedbench.catalog.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.internal.H2CatalogService;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;

/** Valid jobs and drives to put in a catalog, and a catalog to put them in. */
final class SampleJobs {
    /**
     * A creation time with nanoseconds: the catalog keeps microseconds ({@link CatalogBackend#kept}), and a round trip
     * that drops more shows.
     */
    static final Instant CREATED = Instant.parse("2024-11-20T09:15:30.123456789Z");

    static final String PROGRAM = "catalog-tests";

    private SampleJobs() {
    }

    /** A catalog in {@code directory} that waits a short while for a catalog in use. */
    static Catalog open(Path directory) {
        return new H2CatalogService(Duration.ofSeconds(2)).open(directory, PROGRAM);
    }

    static SeedingJob job(String name) {
        return job(name, CREATED);
    }

    static SeedingJob job(String name, Instant created) {
        return new SeedingJob(name, "/srv/staging/" + name, "seedstore01", name.toLowerCase(),
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "westeurope",
                List.of(new WorkloadSpec("files", "/srv/data", Map.of("include", "*.docx", "exclude", "*.tmp")),
                        new WorkloadSpec("dpm", "C:\\dpm\\inventory.xml")),
                "local", "fs01.example.org", created, null);
    }

    static Drive drive(String jobName, String serial) {
        return new Drive(jobName, serial, "WD Red Plus 4TB", "SATA", "HDD", 4_000_787_030_016L, 0L, "portable",
                "keyfile:" + serial, null, null, null, 0);
    }
}
