package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

import org.eclipse.swt.widgets.Button;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.cloud.local.LocalSession;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.model.WorkloadKind;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.core.spi.WorkloadSource;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.handlers.WorkflowAction;
import org.seedbench.ui.parts.ChartsPart;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.PassphraseDialogBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;
import org.seedbench.ui.testsupport.UiDriver;
import org.seedbench.ui.tests.wizards.SeedFixture;
import org.seedbench.ui.tests.wizards.ShippingWizardBot;
import org.seedbench.workflow.DrivePreparationService;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.StageService;
import org.seedbench.workflow.VaultService;
import org.seedbench.workflow.Workspace;

/**
 * The Charts view: while a stage started from the Jobs view runs, its throughput chart draws the MB/s the stage
 * reports (the stage's source is held between files, so the points are looked at before it ends); for a seeded job
 * with an incremental backup, the vault chart has one point per snapshot, the stored size growing.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class ChartsTest extends UiTestBase {
    @InjectService(filter = "(component.name=org.seedbench.workload.files.FilesWorkloadSource)", timeout = 10_000)
    WorkloadSource files;
    @InjectService(timeout = 10_000)
    StageService stage;
    @InjectService(timeout = 10_000)
    DrivePreparationService drives;
    @InjectService(timeout = 10_000)
    ImportJobService importJobs;
    @InjectService(timeout = 10_000)
    VaultService vault;
    @InjectService(filter = "(component.name=org.seedbench.cloud.local.LocalCloudConnector)", timeout = 10_000)
    CloudConnector cloud;

    @Test
    void theThroughputChartHasPointsWhileAStageRuns() throws Exception {
        String job = Fixtures.uniqueName("chart");
        Path source = Fixtures.dataset(tmp.resolve("source"), 6, 2 << 20, 17);
        Semaphore gate = new Semaphore(0);
        BundleContext context = FrameworkUtil.getBundle(ChartsTest.class).getBundleContext();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("id", GatedSource.ID);
        ServiceRegistration<WorkloadSource> registration = context.registerService(WorkloadSource.class,
                new GatedSource(files, gate), properties);
        JobsViewBot jobs = new JobsViewBot(ui);
        try {
            try (Catalog catalog = catalogs.open(Fixtures.data())) {
                catalog.createJob(new SeedingJob(job, tmp.resolve("staging").toString(), "contosobackup", "seed",
                        SeedFixture.SUBSCRIPTION, "westeurope", List.of(new WorkloadSpec(GatedSource.ID,
                                source.toString())), SeedingJob.DEFAULT_CONNECTOR, null, Instant.now(),
                        JobState.DRAFT));
            }
            jobs.waitForState(job, "Draft");
            jobs.run(job, SeedbenchUi.TOOLITEM_STAGE);
            new PassphraseDialogBot(ui).enter(Fixtures.PASSPHRASE);
            ChartsViewBot charts = new ChartsViewBot(ui);
            jobs.select(job);

            gate.release(); // the first file
            charts.waitForMovingPoints(1);
            gate.release(); // the second
            charts.waitForMovingPoints(2);
            assertTrue(WorkflowAction.running(job), "the stage still runs: its source holds the third file");
            assertTrue(charts.text(ChartsPart.ID_THROUGHPUT_TEXT).startsWith("Stage " + job + ": "),
                    charts.text(ChartsPart.ID_THROUGHPUT_TEXT));
            ui.screenshot(ui.activeShell(), UiDriver.screenshotFolder().resolve("charts-stage.png"));
        } finally {
            gate.release(1000);
            ui.joinJobs(job);
            registration.unregister();
        }
        jobs.waitForState(job, "Staged");
    }

    @Test
    void theVaultChartShowsOnePointPerSnapshot() throws Exception {
        SeedFixture seed = new SeedFixture(tmp, Fixtures.data(), catalogs);
        String job = seed.name("vault");
        seed.created(job, seed.serial("SB"), stage, drives, importJobs);
        try (Workspace workspace = seed.workspace()) {
            importJobs.ship(workspace, job, new Shipment(job, "UPS", "1Z-" + job, null, List.of(),
                    ShippingWizardBot.CONTOSO, new ReturnShipping("UPS", "UPS-123")));
            LocalSession local = (LocalSession) cloud.signIn(ConnectorSettings.of(Fixtures.data()));
            for (int day = 0; seed.job(job).state() != JobState.COMPLETED; day++) {
                if (day > 30) {
                    fail("the import job did not complete in 30 service days: " + seed.job(job).state());
                }
                importJobs.refresh(workspace, job);
                local.advanceClock(Duration.ofDays(1));
            }
            vault.seedVault(workspace, job, Progress.NONE);
            byte[] more = new byte[300_000];
            new Random(5).nextBytes(more);
            Files.write(tmp.resolve("source-" + job).resolve("added.bin"), more);
            try (Secret passphrase = Secret.of(SeedFixture.PASSPHRASE)) {
                vault.backup(workspace, job, passphrase, Progress.NONE, w -> {
                });
            }
        }
        JobsViewBot jobs = new JobsViewBot(ui);
        jobs.waitForState(job, "Seeded");
        jobs.select(job);
        ChartsViewBot charts = new ChartsViewBot(ui);
        ui.click(ui.widget(Button.class, ChartsPart.ID_VAULT_SHOW));
        new PassphraseDialogBot(ui).enter(SeedFixture.PASSPHRASE);
        ui.waitUntil("the vault chart shows the job's snapshots", () -> charts.y(ChartsPart.ID_VAULT,
                ChartsPart.SERIES_STORED).length > 0);

        double[] stored = charts.y(ChartsPart.ID_VAULT, ChartsPart.SERIES_STORED);
        double[] added = charts.y(ChartsPart.ID_VAULT, ChartsPart.SERIES_NEW);
        assertEquals(2, stored.length, "one point per snapshot: the seed and the incremental backup");
        assertEquals(2, added.length);
        assertTrue(added[0] > 0 && added[1] > 0, "each snapshot brought new bytes: " + Arrays.toString(added));
        assertTrue(stored[1] > stored[0], "the vault grew with the backup: " + Arrays.toString(stored));
        assertTrue(charts.text(ChartsPart.ID_VAULT_TEXT).startsWith("Vault of " + job + ": 2 snapshots"),
                charts.text(ChartsPart.ID_VAULT_TEXT));
        ui.screenshot(ui.activeShell(), UiDriver.screenshotFolder().resolve("charts-vault.png"));
    }

    /**
     * The files workload under another id, whose files open one at a time as the test releases them: so the stage
     * is looked at while it runs, without timing.
     */
    static final class GatedSource implements WorkloadSource {
        static final String ID = "gated";
        private final WorkloadSource files;
        private final Semaphore gate;

        GatedSource(WorkloadSource files, Semaphore gate) {
            this.files = files;
            this.gate = gate;
        }

        private WorkloadSpec asFiles(WorkloadSpec spec) {
            return new WorkloadSpec(files.id(), spec.target(), spec.options());
        }

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String label() {
            return "Files, opened as the test releases them";
        }

        @Override
        public WorkloadKind kind() {
            return files.kind();
        }

        @Override
        public List<Problem> validate(WorkloadSpec spec) {
            return files.validate(asFiles(spec));
        }

        @Override
        public long estimateSize(WorkloadSpec spec, Progress progress) throws IOException {
            return files.estimateSize(asFiles(spec), progress);
        }

        @Override
        public void enumerate(WorkloadSpec spec, Consumer<WorkloadItem> sink, Consumer<String> warnings,
                Progress progress) throws IOException {
            files.enumerate(asFiles(spec), sink, warnings, progress);
        }

        @Override
        public InputStream open(WorkloadSpec spec, WorkloadItem item) throws IOException {
            try {
                gate.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the test to release " + item.path(), e);
            }
            return files.open(asFiles(spec), item);
        }
    }
}
