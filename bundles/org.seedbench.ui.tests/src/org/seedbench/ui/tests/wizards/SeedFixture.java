package org.seedbench.ui.tests.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.cloud.local.LocalSession;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.Progress;
import org.seedbench.workflow.DrivePreparationService;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.StageService;
import org.seedbench.workflow.VaultService;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

/**
 * Real seeding jobs for the wizards' tests, made through the workflow services: a little generated data, staged
 * with the files plugin and the backup engine, prepared onto a folder drive with the portable encryptor, the import
 * job created at the embedded local cloud.
 */
public final class SeedFixture {
    public static final String PASSPHRASE = "correct horse battery staple";
    public static final String SUBSCRIPTION = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    private final Path tmp;
    private final Path data;
    private final CatalogService catalogs;

    private final String id = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    /**
     * @param data the workbench's data directory: the cloud connectors are shared services that one sign-in points at
     *             one data directory, so tests and the workbench under the UI harness use the same one, with names
     *             of their own ({@link #name}, {@link #serial})
     */
    public SeedFixture(Path tmp, Path data, CatalogService catalogs) {
        this.tmp = tmp;
        this.data = data;
        this.catalogs = catalogs;
    }

    /** A job name (or tracking number) of this fixture only. */
    public String name(String base) {
        return base + "-" + id;
    }

    /** A drive serial of this fixture only. */
    public String serial(String base) {
        return base + "-" + id;
    }

    /** A job in Draft with one files workload of about 600 kB. */
    public SeedingJob draft(String job) throws Exception {
        Path source = Files.createDirectories(tmp.resolve("source-" + job));
        Random random = new Random(job.hashCode());
        byte[] bytes = new byte[200_000];
        for (int i = 0; i < 3; i++) {
            random.nextBytes(bytes);
            Files.write(source.resolve("file-" + i + ".bin"), bytes);
        }
        try (Catalog catalog = catalogs.open(data)) {
            return catalog.createJob(new SeedingJob(job, tmp.resolve("staging").toString(), "contosobackup", "seed",
                    SUBSCRIPTION, "westeurope", List.of(new WorkloadSpec("files", source.toString())), null, null,
                    Instant.now(), JobState.DRAFT));
        }
    }

    /** A job staged (state Staged). */
    public SeedingJob staged(String job, StageService stage) throws Exception {
        draft(job);
        try (Secret p = Secret.of(PASSPHRASE)) {
            stage.stage(workspace(), job, p, Progress.NONE, w -> {
            });
        }
        return job(job);
    }

    /** A job whose drive is prepared and whose import job exists (state Creating). */
    public SeedingJob created(String job, String serial, StageService stage, DrivePreparationService drives,
            ImportJobService importJobs) throws Exception {
        staged(job, stage);
        drives.prepare(workspace(), job, List.of("dir:" + tmp.resolve("drives/" + serial) + ",capacity=50M,serial=" + serial),
                "portable", (s, d) -> true, Progress.NONE, n -> {
                });
        importJobs.createImportJob(workspace(), job);
        SeedingJob created = job(job);
        assertEquals(JobState.CREATING, created.state());
        return created;
    }

    /**
     * A job whose vault holds the seed (state Seeded): created, shipped, walked to Completed by the local cloud's
     * simulated datacenter a service day at a time, and seeded into the vault. The cloud's clock is the data
     * directory's: give this fixture a data directory of its own.
     */
    public SeedingJob seeded(String job, String serial, StageService stage, DrivePreparationService drives,
            ImportJobService importJobs, VaultService vault, CloudConnector cloud) throws Exception {
        created(job, serial, stage, drives, importJobs);
        try (Workspace workspace = workspace()) {
            importJobs.ship(workspace, job, new Shipment(job, "FedEx", name("1Z-SEED"), null, List.of(serial),
                    ShippingWizardBot.CONTOSO, new ReturnShipping("FedEx", "FX-123")), false);
            LocalSession local = (LocalSession) cloud.signIn(ConnectorSettings.of(data));
            for (int day = 0; job(job).state() != JobState.COMPLETED; day++) {
                assertTrue(day <= 30, "the import job did not complete in 30 service days: " + job(job).state());
                importJobs.refresh(workspace, job);
                local.advanceClock(Duration.ofDays(1));
            }
            vault.seedVault(workspace, job, Progress.NONE);
        }
        SeedingJob seeded = job(job);
        assertEquals(JobState.SEEDED, seeded.state());
        return seeded;
    }

    public SeedingJob job(String job) {
        try (Catalog catalog = catalogs.open(data)) {
            return catalog.job(job).orElseThrow();
        }
    }

    /** A workspace of the data directory, as a front end opens one for a step. */
    public Workspace workspace() {
        return new Workspaces(catalogs).open(data);
    }

    public Path data() {
        return data;
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
