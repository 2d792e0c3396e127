package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;

/** The workbench opens with its views, and the Jobs view lists a job created elsewhere (as by the CLI). */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class WorkbenchTest extends UiTestBase {
    @Test
    void opensItsViewsAndTheJobMenu() {
        List<String> labels = ui.syncExec(() -> {
            EModelService models = ui.application().getContext().get(EModelService.class);
            return models.findElements(ui.application(), null, MPart.class, null).stream()
                    .filter(p -> p.getElementId().startsWith("org.seedbench.ui.part.")).map(MPart::getLabel)
                    .toList();
        });
        assertEquals(List.of("Jobs", "Trip", "Drives", "Shipping", "Events", "Progress", "Charts"), labels);
        assertEquals("Seedbench", ui.syncExec(() -> ui.activeShell().getText()));
        List<String> jobMenu = ui.syncExec(() -> {
            var menu = (org.eclipse.e4.ui.model.application.ui.menu.MMenu) ui.application().getChildren().get(0)
                    .getMainMenu().getChildren().stream().filter(m -> m.getElementId().equals(SeedbenchUi.MENU_JOB))
                    .findFirst().orElseThrow();
            // this bundle's actions; the wizards contribute theirs to the same menu
            List<String> ours = List.of("stage", "refresh", "seedvault", "backup", "restore", "verify", "cleanup");
            return menu.getChildren().stream().filter(i -> ours.stream().anyMatch(a -> i.getElementId().equals(
                    "org.seedbench.ui.menuitem." + a)))
                    .map(i -> ((org.eclipse.e4.ui.model.application.ui.menu.MMenuItem) i).getLabel()).toList();
        });
        assertEquals(List.of("Stage", "Refresh status", "Seed vault", "Back up", "Restore…", "Verify", "Clean up…"),
                jobMenu);
    }

    @Test
    void listsAJobCreatedElsewhereWithItsStateAndNoActionWithoutASelection() throws Exception {
        JobsViewBot jobs = new JobsViewBot(ui);
        assertEquals(List.of("Job", "State", "Progress", "Workloads", "Staged", "Stored", "Dedup", "Compression",
                "Drives", "Import job", "Ship by", "Scheduled backup", "Last change"), jobs.headers());
        String name = Fixtures.uniqueName("listed");
        Fixtures.createJob(catalogs, name, tmp.resolve("staging"), Fixtures.dataset(tmp.resolve("src"), 1, 1000, 1));
        jobs.waitForState(name, "Draft");
        assertTrue(jobs.cell(name, "Workloads").orElseThrow().startsWith("files:"));
        jobs.deselectAll();
        ui.waitUntil("no action is enabled without a selected job", () -> false == anyEnabled());
        jobs.select(name);
        ui.waitUntil("Stage is enabled for a Draft job", () -> jobs.action(SeedbenchUi.TOOLITEM_STAGE).isEnabled());
        assertFalse(ui.isEnabled(jobs.action(SeedbenchUi.TOOLITEM_SEED_VAULT)), "a Draft job cannot seed a vault");
        assertFalse(ui.isEnabled(jobs.action(SeedbenchUi.TOOLITEM_REFRESH)), "a Draft job has no import job");
    }

    private static boolean anyEnabled() {
        for (String id : List.of(SeedbenchUi.TOOLITEM_STAGE, SeedbenchUi.TOOLITEM_REFRESH,
                SeedbenchUi.TOOLITEM_SEED_VAULT, SeedbenchUi.TOOLITEM_BACKUP, SeedbenchUi.TOOLITEM_RESTORE,
                SeedbenchUi.TOOLITEM_VERIFY, SeedbenchUi.TOOLITEM_CLEANUP)) {
            var item = ui.find(org.eclipse.swt.widgets.ToolItem.class, id);
            if (item != null && item.isEnabled()) {
                return true;
            }
        }
        return false;
    }
}
