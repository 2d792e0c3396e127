package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.cloud.local.LocalSession;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.ConnectorSettings;
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
import org.seedbench.ui.tests.wizards.InitiateWizardBot;
import org.seedbench.ui.tests.wizards.PrepareDrivesWizardBot;
import org.seedbench.ui.tests.wizards.ShippingWizardBot;
import org.seedbench.ui.tests.wizards.Ui;
import org.seedbench.ui.wizards.WizardIds;
import org.seedbench.workflow.StageService;
import org.seedbench.workflow.Workspaces;

/**
 * An admin seeds a vault through the workbench alone, in a data directory of its own: the New Seeding Job wizard
 * (from the Jobs toolbar) refuses bad input, then creates the job and keeps its passphrase in secure storage; Stage
 * (from the toolbar) takes the kept passphrase; the Prepare Drives wizard (from the toolbar) fills a folder drive with
 * the portable encryptor after the format confirmation and ends with the datacenter's address; the Update Shipping
 * Details wizard ships it; Refresh status walks the import job to Completed, one service day at a time on the local
 * cloud's clock; Seed vault makes the job Seeded and Verify finds the vault clean. Takes the README's screenshots of the
 * views on the way ({@code target/screenshots/*.png}), with two more jobs beside it (a Draft one and a Staged one) as an
 * admin's Jobs view would have.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class SeedingFlowTest extends UiTestBase {
    @org.osgi.test.common.annotation.InjectService(timeout = 10_000)
    Workspaces workspaces;

    @InjectService(timeout = 10_000)
    StageService stage;
    @InjectService(filter = "(component.name=org.seedbench.cloud.local.LocalCloudConnector)", timeout = 10_000)
    CloudConnector cloud;

    private Path data;

    /** The workbench's data directory again, for the other tests. */
    @AfterEach
    void restoreDataDirectory() throws Exception {
        ui.run(() -> ui.application().getContext().set(SeedbenchUi.DATA_DIRECTORY_KEY, Fixtures.data()));
    }

    @Test
    void anAdminSeedsAVaultThroughTheWizardsAndTheJobsToolbar() throws Exception {
        // beside the workbench's usual one (the catalog may still be open when a temporary folder would be deleted)
        data = Files.createDirectories(Fixtures.data().resolveSibling("data-flow-" + Long.toString(
                System.currentTimeMillis(), 36)));
        ui.run(() -> ui.application().getContext().set(SeedbenchUi.DATA_DIRECTORY_KEY, data));
        String job = "contoso-fs01"; // the data directory is this test's: names as an admin would choose them
        String serial = "SB-FS01-1";
        Path source = Fixtures.dataset(tmp.resolve("source"), 4, 1 << 20, 3);
        JobsViewBot jobs = new JobsViewBot(ui);
        besideIt(jobs);

        // New Seeding Job…: bad input refused field by field, then accepted
        ui.click(jobs.action(WizardIds.TOOLITEM_NEW_JOB));
        InitiateWizardBot init = opened("Initiate Offline Backup", InitiateWizardBot::new);
        ui.run(() -> init.name("1" + job).staging(tmp.resolve("staging").toString()).storageAccount("Contoso_Backup")
                .container("seed").subscription("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0").location("westeurope"));
        assertTrue(ui.syncExec(() -> init.fieldMessage(WizardIds.INIT_NAME)).contains("does not start with a letter"));
        assertTrue(ui.syncExec(() -> init.fieldMessage(WizardIds.INIT_STORAGE_ACCOUNT)).contains(
                "has characters other than lowercase letters and digits"));
        assertFalse(ui.syncExec(init::canGoNext), "Next stays disabled while a field is refused");
        ui.run(() -> init.name(job).storageAccount("contosobackup"));
        assertEquals("", ui.syncExec(() -> init.fieldMessage(WizardIds.INIT_NAME)));
        assertTrue(ui.syncExec(init::canGoNext));
        ui.run(init::next);
        ui.waitUntil("the files source is offered", () -> init.workloadSources().stream().anyMatch(s -> s.endsWith(
                "(files)")));
        ui.run(() -> init.addWorkload("files", source.toString()).passphrase(Fixtures.PASSPHRASE,
                Fixtures.PASSPHRASE));
        assertEquals(List.of("files:" + source), ui.syncExec(init::workloads));
        Button keep = ui.widget(Button.class, WizardIds.INIT_KEEP_PASSPHRASE);
        assertTrue(ui.syncExec(keep::getSelection), "the wizard offers to keep the passphrase, ticked");
        ui.click(ui.syncExec(() -> init.button(IDialogConstants.FINISH_ID)));
        masterPasswordIfAsked();
        ui.waitUntil("Finish closes the wizard", () -> !init.isOpen());
        jobs.waitForState(job, "Draft");

        // Stage, with the passphrase the wizard kept in secure storage: no dialog asks for it
        jobs.run(job, SeedbenchUi.TOOLITEM_STAGE);
        ui.joinJobs(job);
        jobs.waitForState(job, "Staged");
        assertTrue(ui.syncExec(() -> ui.find(Text.class, SeedbenchUi.ID_PASSPHRASE) == null),
                "Stage asked for the passphrase the wizard kept");
        assertFalse(jobs.cell(job, "Stored").orElseThrow().isEmpty(), jobs.rows().toString());

        // Prepare Drives…, clicked in the toolbar: a folder drive, the portable encryptor, the format confirmation
        jobs.run(job, WizardIds.TOOLITEM_PREPARE_DRIVES);
        PrepareDrivesWizardBot prepare = opened("Prepare Drives for " + job, PrepareDrivesWizardBot::new);
        Path drive = tmp.resolve("drives/d1");
        ui.run(() -> prepare.addFolderDrive(drive.toString(), "64M", serial));
        assertTrue(ui.syncExec(prepare::drives).stream().anyMatch(PrepareDrivesWizardBot.DriveRow::checked),
                () -> ui.syncExec(prepare::drives).toString());
        ui.run(prepare::next);
        assertEquals(1, ui.syncExec(prepare::drivesToFormat).size(), ui.syncExec(prepare::drivesToFormat).toString());
        assertFalse(ui.syncExec(prepare::canFinish), "nothing is formatted before the user confirms");
        ui.run(prepare::confirmFormat);
        ui.click(ui.syncExec(() -> prepare.button(IDialogConstants.FINISH_ID)));
        Text address = ui.widget(Text.class, WizardIds.DRIVES_READY_ADDRESS);
        assertTrue(ui.syncExec(address::getText).contains("Phone:"), ui.syncExec(address::getText));
        jobs.waitForState(job, "Creating");
        ui.click(button("Prepare Drives: " + job, IDialogConstants.CLOSE_LABEL));

        // Update Shipping Details…
        String tracking = "1Z" + Long.toString(System.nanoTime() % 1_000_000_000_000L);
        jobs.run(job, WizardIds.TOOLITEM_UPDATE_SHIPPING);
        ShippingWizardBot ship = opened("Update Shipping Details for " + job, ShippingWizardBot::new);
        ui.run(() -> ship.carrier("FedEx").tracking(tracking).returnAddress(ShippingWizardBot.CONTOSO)
                .returnCarrier("FedEx").returnAccount("123456789"));
        assertTrue(ui.syncExec(ship::canFinish), () -> ui.syncExec(ship::errorMessage));
        ui.click(ui.syncExec(() -> ship.button(IDialogConstants.FINISH_ID)));
        ui.waitUntil("Finish closes the shipping wizard", () -> !ship.isOpen());
        jobs.waitForState(job, "Shipping");
        ShippingViewBot shipping = new ShippingViewBot(ui);
        ui.showPart(SeedbenchUi.PART_SHIPPING);
        shipping.waitForField("tracking", tracking);
        assertEquals("FedEx", shipping.field("carrier"));
        assertEquals(serial, shipping.field("drives"));
        assertEquals("FedEx, account 123456789", shipping.field("returnCarrier"));
        assertTrue(shipping.field("returnAddress").contains("Contoso IT"), shipping.field("returnAddress"));
        ui.waitUntil("the Shipping view shows the datacenter's address", () -> !ui.find(Text.class,
                SeedbenchUi.ID_SHIPPING + ".datacenter").getText().isEmpty());
        screenshot(SeedbenchUi.PART_SHIPPING, "shipping-view.png");

        // the simulated datacenter works a service day at a time; Refresh status shows how far it got
        LocalSession local = (LocalSession) cloud.signIn(ConnectorSettings.of(data));
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
        ui.showPart(SeedbenchUi.PART_DRIVES);
        driveView.waitForCell(serial, "State", "Completed");
        assertEquals("100%", driveView.cell(serial, "Copied").orElseThrow());
        assertEquals("Completed", driveView.cell(serial, "Service state").orElseThrow());
        assertEquals("FOLDER", driveView.cell(serial, "Interface").orElseThrow());
        driveView.select(serial);
        ui.waitUntil("the drive's log shows its way through the datacenter", () -> ui.find(Text.class,
                SeedbenchUi.ID_DRIVE_LOG).getText().contains("Completed"));
        screenshot(SeedbenchUi.PART_DRIVES, "drives-view.png");

        jobs.run(job, SeedbenchUi.TOOLITEM_SEED_VAULT);
        ui.joinJobs(job);
        jobs.waitForState(job, "Seeded");
        assertEquals(JobState.SEEDED, state(job));
        ProgressViewBot seeded = new ProgressViewBot(ui);
        seeded.waitForCell("Seed the vault of " + job, ProgressViewBot.STATE, "done");
        String outcome = seeded.cell("Seed the vault of " + job, "Task / outcome").orElseThrow();
        assertTrue(outcome.contains(", a Seedbench repository in the blob container seedbench-vault of ")
                && outcome.contains(" (not a Recovery Services vault): "), outcome);
        jobs.select(job);
        ui.waitUntil("the notification line is calm", () -> jobs.notification().isEmpty()
                || !jobs.notification().contains("failed"));
        screenshot(SeedbenchUi.PART_JOBS, "jobs-view.png");
        EventsViewBot events = new EventsViewBot(ui);
        ui.showPart(SeedbenchUi.PART_EVENTS);
        ui.waitUntil("the Events view shows the chain of custody up to Seeded", () -> events.details("job.state")
                .stream().anyMatch(d -> d.startsWith("VaultSeeding → Seeded")));
        assertTrue(events.details("job.state").stream().anyMatch(d -> d.startsWith("Transferring → Packaging")));
        assertTrue(events.details("job.state").stream().anyMatch(d -> d.startsWith("Creating → Shipping")));
        screenshot(SeedbenchUi.PART_EVENTS, "events-view.png");
        ui.screenshot(ui.activeShell(), UiDriver.screenshotFolder().resolve("workbench.png"));

        // the seeded vault: every blob there read and authenticated, with the kept passphrase
        jobs.run(job, SeedbenchUi.TOOLITEM_VERIFY);
        ui.joinJobs(job);
        ProgressViewBot progress = new ProgressViewBot(ui);
        progress.waitForCell("Verify " + job, ProgressViewBot.STATE, "done");
        assertTrue(progress.cell("Verify " + job, "Task / outcome").orElseThrow().contains("in vault: clean"),
                progress.rows().toString());
    }

    /** Two more jobs, as an admin's Jobs view has them: one just created, one staged (both as the CLI makes them). */
    private void besideIt(JobsViewBot jobs) throws Exception {
        String draft = "contoso-sql01";
        Fixtures.createJob(catalogs, data, draft, tmp.resolve("staging-draft"), Fixtures.dataset(tmp.resolve(
                "src-draft"), 1, 1000, 1));
        String staged = "contoso-exch01";
        Fixtures.createJob(catalogs, data, staged, tmp.resolve("staging-staged"), Fixtures.dataset(tmp.resolve(
                "src-staged"), 2, 100_000, 2));
        try (Secret passphrase = Secret.of(Fixtures.PASSPHRASE)) {
            stage.stage(workspaces.open(data), staged, passphrase, Progress.NONE, w -> {
            });
        }
        jobs.waitForState(draft, "Draft");
        jobs.waitForState(staged, "Staged");
    }

    /** The master password of the workbench's secure storage, when it asks for one (the first time in a run). */
    private static void masterPasswordIfAsked() {
        ui.waitUntil("the wizard closes or secure storage asks for its master password",
                () -> Ui.shell(ui.display(), "Seedbench Secure Storage") != null
                        || Ui.shell(ui.display(), "Initiate Offline Backup") == null);
        if (ui.syncExec(() -> Ui.shell(ui.display(), "Seedbench Secure Storage") == null)) {
            return;
        }
        String password = "ui test master password 7";
        ui.type(ui.widget(Text.class, WizardIds.PASSWORD), password);
        Text again = ui.syncExec(() -> ui.find(Text.class, WizardIds.PASSWORD_AGAIN));
        if (again != null) {
            ui.type(again, password);
        }
        ui.click(button("Seedbench Secure Storage", IDialogConstants.OK_LABEL));
    }

    /** The page object of the wizard the workbench opened, once its dialog shows. */
    private static <B> B opened(String title, Function<Shell, B> bot) {
        ui.waitUntil("the wizard " + title + " opens (open: " + ui.shellTitles() + ")",
                () -> Ui.shell(ui.display(), title) != null);
        return ui.syncExec(() -> bot.apply(Ui.shell(ui.display(), title)));
    }

    private JobState state(String job) {
        try (Catalog catalog = catalogs.open(data)) {
            return catalog.job(job).orElseThrow().state();
        }
    }

    /** A PNG of the view's area (its tab and content) for the README. */
    private static void screenshot(String partId, String file) throws Exception {
        ui.showPart(partId);
        Control view = ui.syncExec(() -> {
            EModelService models = ui.application().getContext().get(EModelService.class);
            MPart part = (MPart) models.find(partId, ui.application());
            return (Control) part.getWidget();
        });
        // the view's own control, not its stack's folder (which shows whichever view is on top)
        ui.waitUntil("the view " + partId + " is shown", () -> view.isVisible());
        ui.screenshot(ui.syncExec(view::getParent), UiDriver.screenshotFolder().resolve(file)); // with the view's tab
    }
}
