package org.seedbench.ui.tests.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.spi.Progress;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.tests.UiTestBase;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;
import org.seedbench.ui.wizards.WizardIds;
import org.seedbench.workflow.StageService;
import org.seedbench.workflow.Workspaces;

/**
 * The wizards in the running workbench (the real E4Application, under the UI harness): started from the Jobs view's
 * toolbar as a user does, they work on the workbench's data directory and the Jobs view shows what they did.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class WizardsInWorkbenchTest extends UiTestBase {
    @org.osgi.test.common.annotation.InjectService(timeout = 10_000)
    Workspaces workspaces;

    @InjectService(timeout = 10_000)
    StageService stage;

    private static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    private static String labels(Composite c) {
        StringBuilder b = new StringBuilder();
        for (Control child : c.getChildren()) {
            if (child instanceof org.eclipse.swt.widgets.Label l) {
                b.append(l.getText()).append(' ');
            } else if (child instanceof Composite inner) {
                b.append(labels(inner));
            }
        }
        return b.toString();
    }

    private static void type(String id, String value) {
        ui.type(ui.widget(Text.class, id), value);
    }

    private static List<String> wizardItems(String menuId) {
        return ui.syncExec(() -> ui.application().getChildren().get(0).getMainMenu().getChildren().stream()
                .filter(m -> m.getElementId().equals(menuId))
                .flatMap(m -> ((org.eclipse.e4.ui.model.application.ui.menu.MMenu) m).getChildren().stream())
                .filter(i -> i.getElementId() != null && i.getElementId().startsWith(WizardIds.MENUITEM_PREFIX))
                .map(i -> ((org.eclipse.e4.ui.model.application.ui.menu.MMenuItem) i).getLabel()).toList());
    }

    @Test
    void theFileAndJobMenusOfferTheWizards() {
        assertEquals(List.of("New Seeding Job…", "Sign in to Azure…"), wizardItems(SeedbenchUi.MENU_FILE));
        assertEquals(List.of("Prepare Drives…", "Update Shipping Details…"), wizardItems(SeedbenchUi.MENU_JOB));
        assertTrue(ui.isEnabled(ui.toolItem(WizardIds.TOOLITEM_NEW_JOB)), "a new job needs no selection");
    }

    @Test
    void newSeedingJobFromTheJobsToolbarCreatesAJobTheJobsViewLists() throws Exception {
        String name = unique("wiz");
        Path source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "hello");
        JobsViewBot jobs = new JobsViewBot(ui);
        ui.click(jobs.action(WizardIds.TOOLITEM_NEW_JOB));
        type(WizardIds.INIT_NAME, name);
        type(WizardIds.INIT_STAGING, tmp.resolve("staging").toString());
        type(WizardIds.INIT_STORAGE_ACCOUNT, "contosobackup");
        type(WizardIds.INIT_CONTAINER, "seed");
        type(WizardIds.INIT_SUBSCRIPTION, "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        Combo location = ui.widget(Combo.class, WizardIds.INIT_LOCATION);
        ui.run(() -> Ui.type(location, "westeurope"));
        ui.click(button("Initiate Offline Backup", IDialogConstants.NEXT_LABEL));
        Combo sources = ui.widget(Combo.class, WizardIds.INIT_WORKLOAD_SOURCE);
        ui.waitUntil("the files source is offered", () -> List.of(sources.getItems()).stream().anyMatch(s -> s.endsWith("(files)")));
        ui.run(() -> Ui.choose(sources, "(files)"));
        type(WizardIds.INIT_WORKLOAD_TARGET, source.toString());
        ui.click(ui.widget(Button.class, WizardIds.INIT_WORKLOAD_ADD));
        type(WizardIds.INIT_PASSPHRASE, "a very long backup passphrase 7");
        type(WizardIds.INIT_PASSPHRASE_AGAIN, "a very long backup passphrase 7");
        Button keep = ui.widget(Button.class, WizardIds.INIT_KEEP_PASSPHRASE);
        if (ui.syncExec(keep::getSelection)) {
            ui.click(keep); // the workbench's own secure storage stays untouched by tests
        }
        Button finish = button("Initiate Offline Backup", IDialogConstants.FINISH_LABEL);
        ui.waitUntil("Finish is enabled", () -> finish.isEnabled());
        ui.click(finish);
        jobs.waitForState(name, "Draft");
        try (Catalog catalog = catalogs.open(SeedbenchUi.dataDirectory())) {
            assertEquals(List.of("files:" + source),
                    catalog.job(name).orElseThrow().workloads().stream().map(WorkloadSpec::toString).toList());
        }
    }

    @Test
    void prepareDrivesFromTheToolbarForAStagedJobEndsWithTheShippingAddress() throws Exception {
        String name = unique("prep");
        Path source = Files.createDirectories(tmp.resolve("src"));
        byte[] bytes = new byte[300_000];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(source.resolve("data.bin"), bytes);
        Path data = SeedbenchUi.dataDirectory();
        try (Catalog catalog = catalogs.open(data)) {
            catalog.createJob(new SeedingJob(name, tmp.resolve("staging").toString(), "contosobackup", "seed",
                    "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "westeurope", List.of(new WorkloadSpec("files",
                            source.toString())), null, null, Instant.now(), JobState.DRAFT));
        }
        try (Secret p = Secret.of("correct horse battery staple")) {
            stage.stage(workspaces.open(data), name, p, Progress.NONE, w -> {
            });
        }
        JobsViewBot jobs = new JobsViewBot(ui);
        jobs.waitForState(name, "Staged");
        jobs.select(name);
        ui.waitUntil("Prepare Drives is enabled for the Staged job", () -> ui.isEnabled(jobs.action(
                WizardIds.TOOLITEM_PREPARE_DRIVES)));
        ui.click(jobs.action(WizardIds.TOOLITEM_PREPARE_DRIVES)); // as a user clicks it
        try {
            ui.waitUntil("the Prepare Drives wizard opens", () -> Ui.shell(ui.display(), "Prepare Drives") != null,
                    java.time.Duration.ofSeconds(30));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (open: " + ui.shellTitles() + ", selected in the context: "
                    + ui.syncExec(() -> ui.application().getContext().get(SeedingJob.class)) + ")", e);
        }
        String opened = ui.syncExec(() -> {
            Shell s = Ui.shell(ui.display(), "Prepare Drives");
            return s.getText() + ": " + labels(s);
        });
        assertTrue(opened.startsWith("Prepare Drives for " + name), opened);
        type(WizardIds.PREPARE_FOLDER, tmp.resolve("drives/d1").toString());
        type(WizardIds.PREPARE_CAPACITY, "50M");
        type(WizardIds.PREPARE_SERIAL, "SB-W001");
        ui.click(ui.widget(Button.class, WizardIds.PREPARE_ADD_FOLDER));
        ui.click(button("Prepare Drives for " + name, IDialogConstants.NEXT_LABEL));
        ui.click(ui.widget(Button.class, WizardIds.PREPARE_FORMAT_CONFIRM));
        ui.click(button("Prepare Drives for " + name, IDialogConstants.FINISH_LABEL));
        Text address = ui.widget(Text.class, WizardIds.DRIVES_READY_ADDRESS);
        assertTrue(ui.syncExec(address::getText).contains("Phone:"), ui.syncExec(address::getText));
        jobs.waitForState(name, "Creating");
        ui.click(button("Prepare Drives: " + name, IDialogConstants.CLOSE_LABEL));
    }
}
