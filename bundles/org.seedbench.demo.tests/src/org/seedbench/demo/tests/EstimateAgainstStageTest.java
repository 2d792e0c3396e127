package org.seedbench.demo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.Progress;
import org.seedbench.demo.internal.DatasetGenerator;
import org.seedbench.workflow.EstimateService;
import org.seedbench.workflow.JobService;
import org.seedbench.workflow.SeedEstimate;
import org.seedbench.workflow.StageService;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

/**
 * The pre-flight estimate against a real stage of the generated dataset (200 MB: text, random binaries, disk images
 * of repeated blocks, tiny files), on the real files source and local staging provider.
 */
@ExtendWith(ServiceExtension.class)
class EstimateAgainstStageTest {
    private static final long DATASET = 200_000_000L;
    private static final long MBIT = 1_000_000;

    @InjectService(timeout = 10_000)
    EstimateService estimates;

    @InjectService(timeout = 10_000)
    StageService stage;

    @InjectService(timeout = 10_000)
    JobService jobs;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @TempDir
    Path tmp;

    @Test
    void estimatesTheStoredBytesOfARealStageWithin15PercentFromASample() throws Exception {
        Path source = tmp.resolve("source");
        DatasetGenerator.generate(source, DATASET, 42, null);
        try (Workspace workspace = workspaces.open(tmp.resolve("data"))) {
            jobs.create(workspace, job("est-fs01", source));
            SeedEstimate e = estimates.estimate(workspace, "est-fs01", request(100 * MBIT), Progress.NONE);
            try (Catalog catalog = workspace.catalog()) {
                assertEquals(JobState.DRAFT, catalog.job("est-fs01").orElseThrow().state(), "an estimate moves nothing");
            }
            assertEquals(DATASET, e.sourceBytes());
            assertTrue(e.sampledBytes() <= DATASET / 3, "a sample, not a full read: " + e.sampledBytes());
            assertTrue(e.sampledBytes() > 0);
            try (Stream<Path> left = Files.list(tmp.resolve("staging"))) {
                assertEquals(List.of(), left.toList(), "the write probe is removed");
            }

            stage.stage(workspace, "est-fs01", Secret.of("correct horse battery staple"), Progress.NONE, w -> {
            });
            long staged;
            try (Catalog catalog = workspace.catalog()) {
                staged = Long.parseLong(catalog.jobProperties("est-fs01").get(StageService.PROP_BYTES_STORED));
            }
            double error = Math.abs(e.storedBytes() - staged) / (double) staged;
            assertTrue(error <= 0.15, "estimated " + e.storedBytes() + " bytes, the stage stored " + staged + " ("
                    + Math.round(error * 100) + " % off)");
            assertTrue(e.storedBytes() < DATASET * 0.95, "dedup of the disk images was seen: " + e.storedBytes());
        }
    }

    @Test
    void recommendsUploadOnAFastLinkAndDrivesOnASlowOne() throws Exception {
        Path source = tmp.resolve("source");
        DatasetGenerator.generate(source, 16_000_000L, 7, null);
        try (Workspace workspace = workspaces.open(tmp.resolve("data"))) {
            jobs.create(workspace, job("est-fs02", source));

            SeedEstimate fast = estimates.estimate(workspace, "est-fs02", request(1000 * MBIT), Progress.NONE);
            assertFalse(fast.shipDrives());
            assertTrue(fast.recommendation().startsWith("Upload instead: "), fast.recommendation());
            assertTrue(fast.recommendation().contains(" by drive"), fast.recommendation());
            assertEquals(1, fast.drives());

            // 16 MB over 1 bit/s: about 120 days, more than staging + copy + 2 days + 10 days
            SeedEstimate slow = estimates.estimate(workspace, "est-fs02", request(1), Progress.NONE);
            assertTrue(slow.shipDrives());
            assertTrue(slow.recommendation().startsWith("Ship drives: about "), slow.recommendation());
            assertTrue(slow.driveDays() >= 12, "transit and processing count: " + slow.driveDays());
        }
    }

    @Test
    void refusesAnUnknownJobAndABadUtilisation() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("source"));
        try (Workspace workspace = workspaces.open(tmp.resolve("data"))) {
            jobs.create(workspace, job("est-fs03", source));
            assertThrows(InvalidInputException.class,
                    () -> estimates.estimate(workspace, "nosuchjob", request(MBIT), Progress.NONE));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> estimates.estimate(workspace,
                    "est-fs03", new EstimateService.Request(MBIT, 1.5, 2, 10, 8_000_000_000_000L, 0, 1),
                    Progress.NONE));
            assertEquals("utilisation", e.problems().get(0).field(), e.getMessage());
        }
    }

    private static EstimateService.Request request(long bitsPerSecond) {
        return new EstimateService.Request(bitsPerSecond, 0.8, 2, 10, 8_000_000_000_000L, 0, 1);
    }

    private SeedingJob job(String name, Path source) {
        return new SeedingJob(name, tmp.resolve("staging").toString(), "contosobackup", "seed",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "westeurope",
                List.of(new WorkloadSpec("files", source.toString())), null, null, Instant.now(), JobState.DRAFT);
    }
}
