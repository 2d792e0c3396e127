package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.workflow.JobLock;
import org.seedbench.workflow.Workspaces;

/** A job is written by one run at a time: a second run is refused before it writes, naming the holder. */
@ExtendWith(ServiceExtension.class)
class JobLockCliTest {
    static final String JOB = "seed-fs01";

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @InjectService(timeout = 10_000)
    CatalogService catalogs;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @TempDir
    Path tmp;

    @Test
    void aSecondStageOfAJobInUseIsRefusedNamingTheHolderAndWritesNothing() throws Exception {
        Path data = tmp.resolve("data");
        Path source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "a file to seed\n".repeat(1000));
        Path passFile = Files.writeString(tmp.resolve("pass.txt"), "correct horse battery staple\n");
        assertEquals(0, CliRun.run(cli, data, "init", "--name", JOB, "--staging", tmp.resolve("staging").toString(),
                "--storage-account", "contosobackup", "--container", "seed", "--subscription",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location", "westeurope", "--workload", "files:" + source)
                .exitCode());
        SeedingJob job;
        try (Catalog catalog = catalogs.open(data)) {
            job = catalog.job(JOB).orElseThrow();
        }

        try (JobLock held = JobLock.acquire(workspaces.open(data), job, "stage")) {
            CliRun second = CliRun.run(cli, data, "stage", JOB, "--passphrase-file", passFile.toString());

            assertEquals(3, second.exitCode(), second.out() + second.err());
            assertEquals(1, second.errLines().size(), second.err());
            assertTrue(second.err().matches("seedbench stage: job 'seed-fs01': is in use by PID "
                    + ProcessHandle.current().pid() + " \\(seedbench stage\\) since \\d\\d:\\d\\d:\\d\\d; nothing was "
                    + "written \\(allowed: try again when it ends\\)\\s*"), second.err());
            assertFalse(Files.exists(tmp.resolve("staging").resolve(JOB)), "nothing was staged");
            CliRun status = CliRun.run(cli, data, "status", JOB, "--json");
            assertTrue(status.out().contains("\"state\" : \"Draft\""), status.out());
        }

        CliRun after = CliRun.run(cli, data, "stage", JOB, "--passphrase-file", passFile.toString());
        assertEquals(0, after.exitCode(), after.out() + after.err());

        // a stage still running holds the job against prepare-drives too: no drive is formatted meanwhile
        Path driveFolder = tmp.resolve("drives").resolve("SB-0001");
        try (JobLock held = JobLock.acquire(workspaces.open(data), job, "stage")) {
            CliRun prepare = CliRun.run(cli, data, "prepare-drives", JOB, "--yes-format", "--drive",
                    "dir:" + driveFolder + ",capacity=1G,serial=SB-0001");

            assertEquals(3, prepare.exitCode(), prepare.out() + prepare.err());
            assertEquals(1, prepare.errLines().size(), prepare.err());
            assertTrue(prepare.err().startsWith("seedbench prepare-drives: job 'seed-fs01': is in use by PID "),
                    prepare.err());
            assertFalse(Files.exists(driveFolder), "the drive was not touched");
            CliRun status = CliRun.run(cli, data, "status", JOB, "--json");
            assertTrue(status.out().contains("\"state\" : \"Staged\""), status.out());
        }
    }
}
