package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.widgets.Control;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.cloud.local.LocalCloudConnector;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.Progress;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.testsupport.DrivesViewBot;
import org.seedbench.ui.testsupport.EventsViewBot;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.PassphraseDialogBot;
import org.seedbench.ui.testsupport.ProgressViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;
import org.seedbench.ui.testsupport.ShippingViewBot;
import org.seedbench.ui.testsupport.UiDriver;
import org.seedbench.workflow.DrivePreparationService;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.StageService;

/**
 * A staged job whose folder drive was prepared and shipped (set up through the workflow services, as the wizards do)
 * advances in the views as the simulated datacenter works: Refresh status walks it to Completed, one service day at a
 * time on the local cloud's clock; then Seed vault makes it Seeded, Verify finds the vault clean and Back up adds an
 * incremental backup. Takes the README's screenshots of the views on
 * the way ({@code target/screenshots/*.png}).
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class ImportFlowTest {
    static UiDriver ui;

    @InjectService(timeout = 10_000)
    CatalogService catalogs;
    @InjectService(timeout = 10_000)
    StageService stage;
    @InjectService(timeout = 10_000)
    DrivePreparationService drives;
    @InjectService(timeout = 10_000)
    ImportJobService importJobs;
    @InjectService(filter = "(component.name=org.seedbench.cloud.local.LocalCloudConnector)", timeout = 10_000)
    CloudConnector cloud;

    @TempDir
    Path tmp;

    @BeforeAll
    static void connect() {
        ui = UiDriver.connect();
    }

    @Test
    void refreshWalksTheImportJobToCompletedThenSeedVaultSeedsIt() throws Exception {
        String job = Fixtures.uniqueName("import");
        String serial = "SB-" + job.substring(job.length() - 4).toUpperCase(java.util.Locale.ROOT);
        Fixtures.createJob(catalogs, job, tmp.resolve("staging"), Fixtures.dataset(tmp.resolve("source"), 4, 1 << 20,
                3));
        Path data = Fixtures.data();
        try (Secret passphrase = Secret.of(Fixtures.PASSPHRASE)) {
            stage.stage(data, job, passphrase, Progress.NONE, w -> {
            });
        }
        drives.prepare(data, job, List.of("dir:" + tmp.resolve("drives/d1") + ",capacity=64M,serial=" + serial),
                "portable", (s, d) -> true, Progress.NONE, n -> {
                });
        assertEquals(JobState.DRIVES_READY, state(job));
        importJobs.createImportJob(data, job);
        assertEquals(JobState.CREATING, state(job));
        String tracking = "1Z" + Long.toString(System.nanoTime() % 1_000_000_000_000L);
        importJobs.ship(data, job, new Shipment(job, "FedEx", tracking, LocalDate.now(), List.of(serial),
                "Contoso IT, 1 Main Street, Dublin", "123456789"));

        JobsViewBot jobs = new JobsViewBot(ui);
        jobs.select(job);
        jobs.waitForState(job, "Shipping");
        ShippingViewBot shipping = new ShippingViewBot(ui);
        show(SeedbenchUi.PART_SHIPPING);
        shipping.waitForField("tracking", tracking);
        assertEquals("FedEx", shipping.field("carrier"));
        assertEquals(serial, shipping.field("drives"));
        ui.waitUntil("the Shipping view shows the datacenter's address", () -> !ui.find(
                org.eclipse.swt.widgets.Text.class, SeedbenchUi.ID_SHIPPING + ".datacenter").getText().isEmpty());
        screenshot(SeedbenchUi.PART_SHIPPING, "shipping-view.png");

        LocalCloudConnector local = (LocalCloudConnector) cloud;
        local.signIn(Map.of("dataDirectory", data));
        for (int day = 0; state(job) != JobState.COMPLETED; day++) {
            if (day > 30) {
                fail("the import job did not complete in 30 service days: " + state(job));
            }
            jobs.run(job, SeedbenchUi.TOOLITEM_REFRESH);
            ui.joinJobs(job);
            local.advanceClock(Duration.ofDays(1));
        }
        jobs.waitForState(job, "Completed");
        jobs.waitForCell(job, "Import job", "Completed 100%");

        DrivesViewBot driveView = new DrivesViewBot(ui);
        show(SeedbenchUi.PART_DRIVES);
        driveView.waitForCell(serial, "State", "Completed");
        assertEquals("100%", driveView.cell(serial, "Copied").orElseThrow());
        assertEquals("FOLDER", driveView.cell(serial, "Interface").orElseThrow());
        driveView.select(serial);
        ui.waitUntil("the drive's log shows its way through the datacenter", () -> ui.find(
                org.eclipse.swt.widgets.Text.class, SeedbenchUi.ID_DRIVE_LOG).getText().contains("Completed"));
        screenshot(SeedbenchUi.PART_DRIVES, "drives-view.png");

        jobs.run(job, SeedbenchUi.TOOLITEM_SEED_VAULT);
        ui.joinJobs(job);
        jobs.waitForState(job, "Seeded");
        assertEquals(JobState.SEEDED, state(job));
        screenshot(SeedbenchUi.PART_JOBS, "jobs-view.png");
        EventsViewBot events = new EventsViewBot(ui);
        show(SeedbenchUi.PART_EVENTS);
        ui.waitUntil("the Events view shows the chain of custody up to Seeded", () -> events.details("job.state")
                .stream().anyMatch(d -> d.startsWith("VaultSeeding → Seeded")));
        assertTrue(events.details("job.state").stream().anyMatch(d -> d.startsWith("Transferring → Packaging")));
        screenshot(SeedbenchUi.PART_EVENTS, "events-view.png");
        ui.screenshot(ui.activeShell(), UiDriver.screenshotFolder().resolve("workbench.png"));

        // the seeded vault: verify every blob there, then an incremental backup into it
        PassphraseDialogBot passphrase = new PassphraseDialogBot(ui);
        jobs.run(job, SeedbenchUi.TOOLITEM_VERIFY);
        passphrase.enter(Fixtures.PASSPHRASE);
        ui.joinJobs(job);
        ProgressViewBot progress = new ProgressViewBot(ui);
        progress.waitForCell("Verify " + job, ProgressViewBot.STATE, "done");
        assertTrue(progress.cell("Verify " + job, "Task / outcome").orElseThrow().contains("in vault: clean"),
                progress.rows().toString());
        jobs.run(job, SeedbenchUi.TOOLITEM_BACKUP);
        passphrase.enter(Fixtures.PASSPHRASE);
        ui.joinJobs(job);
        progress.waitForCell("Back up " + job, ProgressViewBot.STATE, "done");
        assertEquals(JobState.SEEDED, state(job), "a backup into the vault leaves the job Seeded");
    }

    private JobState state(String job) {
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            return catalog.job(job).orElseThrow().state();
        }
    }

    private static void show(String partId) {
        ui.showPart(partId);
    }

    /** A PNG of the view's area (its tab and content) for the README. */
    private static void screenshot(String partId, String file) throws Exception {
        show(partId);
        Control control = ui.syncExec(() -> {
            EModelService models = ui.application().getContext().get(EModelService.class);
            MPart part = (MPart) models.find(partId, ui.application());
            Control c = (Control) part.getWidget();
            return c.getParent(); // the stack's folder, with the view's tab
        });
        ui.waitUntil("the view " + partId + " is shown", () -> control.isVisible());
        ui.screenshot(control, UiDriver.screenshotFolder().resolve(file));
    }
}
