package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.catalog.CatalogWatcher;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.parts.DrivesPart;
import org.seedbench.ui.parts.JobsPart;
import org.seedbench.ui.testsupport.DrivesViewBot;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;
import org.seedbench.testsupport.PostgresServer;

/**
 * The workbench on a shared PostgreSQL catalog (the real server) follows another computer's changes as they commit,
 * through the catalog's LISTEN/NOTIFY watcher, with the views' 5 s poll off: the other computer is simulated by a
 * catalog service of its own in this process, bound to no event admin, so that its changes reach the workbench only
 * through PostgreSQL, as another machine's would; its changes are attributed to its program, {@code copy-b}.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class SharedCatalogRefreshTest extends UiTestBase {

    @AfterEach
    void embeddedAgain() {
        ui.run(() -> ui.application().getContext().set(SeedbenchUi.CATALOG_URL_KEY, null));
    }

    @Test
    void anotherComputersChangesShowInTheJobsAndDrivesViewsWithoutThePoll() throws Exception {
        String url = PostgresServer.get().newDatabase("workbench");
        String job = Fixtures.uniqueName("shared");
        try (Catalog otherComputer = otherComputersCatalogs().open(tmp.resolve("copy-b"), url, "copy-b")) {
            // the workbench on the shared catalog, as Preferences leaves it when the URL is applied
            ui.run(() -> ui.application().getContext().set(SeedbenchUi.CATALOG_URL_KEY, url));
            ui.waitUntil("the workbench listens to the shared catalog", () -> {
                CatalogWatcher.Watch watch = ui.application().getContext().get(CatalogWatcher.Watch.class);
                return watch != null && watch.listening();
            });
            JobsViewBot jobs = new JobsViewBot(ui);
            assertFalse(ui.syncExec(() -> jobsPart().polls()), "the Jobs view does not poll a shared catalog");

            otherComputer.createJob(Fixtures.draft(job, tmp.resolve("staging"), tmp));
            jobs.waitForState(job, JobState.DRAFT.label());
            JobsInEveryState.toCreating(otherComputer, job);
            jobs.waitForState(job, JobState.CREATING.label());
            String actor = otherComputer.actor();
            assertTrue(actor.endsWith(" (copy-b)"), actor);
            ui.waitUntil("the Jobs view says copy-b made the last change", () -> jobs.cell(job,
                    JobsPart.LAST_CHANGE_COLUMN).filter(s -> s.startsWith(actor + ", ")).isPresent());

            jobs.select(job);
            DrivesViewBot drives = new DrivesViewBot(ui);
            otherComputer.putDrive(new Drive(job, "SHARED-1", "Contoso SSD", "SATA", "SSD", 2_000_000_000L,
                    500_000_000L, "portable", null, "drive-manifest.xml", "00ff", DriveState.SPECIFIED, 60));
            otherComputer.recordEvent(job, "drive.formatted", "drive SHARED-1 formatted and encrypted (portable)");
            String host = actor.substring(actor.indexOf('@') + 1, actor.indexOf(" ("));
            String user = actor.substring(0, actor.indexOf('@'));
            drives.waitForCell("SHARED-1", DrivesPart.PREPARED_ON_COLUMN, host + " (" + user + ")");
            assertFalse(ui.syncExec(() -> jobsPart().polls()), "still no poll");
        }
    }

    private static JobsPart jobsPart() {
        EModelService models = ui.application().getContext().get(EModelService.class);
        return (JobsPart) ((MPart) models.find(SeedbenchUi.PART_JOBS, ui.application())).getObject();
    }

    /**
     * Catalogs as another computer opens them: a catalog service of the same implementation as this workbench's, but
     * made here, outside Declarative Services, so that it posts nothing to this workbench's event admin.
     */
    private CatalogService otherComputersCatalogs() throws ReflectiveOperationException {
        return catalogs.getClass().asSubclass(CatalogService.class).getConstructor().newInstance();
    }
}
