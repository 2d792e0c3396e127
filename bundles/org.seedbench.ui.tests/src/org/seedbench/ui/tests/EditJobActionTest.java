package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;

/**
 * Edit job… from the Jobs view's toolbar: the dialog shows the job's inputs as recorded; a value the rules refuse is
 * shown as a problem with the dialog kept open and the catalog unchanged; a good one is recorded. The action is
 * offered only while the job may be edited (Draft or Staged).
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class EditJobActionTest extends UiTestBase {

    @Test
    void aDraftJobsContainerIsEditedAfterARefusedValueChangedNothing() throws Exception {
        JobsViewBot jobs = new JobsViewBot(ui);
        String name = Fixtures.uniqueName("edit");
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        Path source = Fixtures.dataset(tmp.resolve("src"), 1, 1000, 1);
        SeedingJob created = Fixtures.createJob(catalogs, name, staging, source);
        jobs.waitForState(name, "Draft");

        jobs.run(name, SeedbenchUi.TOOLITEM_EDIT_JOB);
        Text container = ui.widget(Text.class, SeedbenchUi.ID_EDIT + ".container");
        assertEquals(created.container(), ui.text(container), "the dialog shows the job's container");
        assertEquals("files:" + source, ui.text(ui.widget(Text.class, SeedbenchUi.ID_EDIT + ".workloads")),
                "one SOURCE:TARGET a line");
        assertEquals(created.storageAccount(), ui.text(ui.widget(Text.class, SeedbenchUi.ID_EDIT + ".storageAccount")));

        ui.type(container, "A_B");
        Button ok = button("Edit " + name, "OK");
        ui.click(ok);
        Label problems = ui.widget(Label.class, SeedbenchUi.ID_EDIT + ".problems");
        ui.waitUntil("the refused container is shown", () -> problems.getText().contains("container 'A_B'"));
        assertFalse(ui.syncExec(ok::isDisposed), "the dialog stays open");
        assertEquals("A_B", ui.text(container), "what was typed is kept");
        assertEquals(created.container(), recorded(name).container(), "nothing was changed");

        ui.type(container, "seed-edited");
        ui.click(ok);
        ui.waitUntil("the dialog closes", ok::isDisposed);
        SeedingJob edited = recorded(name);
        assertEquals("seed-edited", edited.container());
        assertEquals(JobState.DRAFT, edited.state());
        assertEquals(created.workloads(), edited.workloads(), "the workloads left alone are kept");
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            assertTrue(catalog.events(name).stream().anyMatch(e -> e.kind().equals("job.edited")
                    && e.detail().contains("seed-edited")), "the edit is in the job's events");
        }
    }

    @Test
    void editIsNotOfferedForACancelledJob() throws Exception {
        JobsViewBot jobs = new JobsViewBot(ui);
        String name = Fixtures.uniqueName("noedit");
        Fixtures.createJob(catalogs, name, Files.createDirectories(tmp.resolve("staging")),
                Fixtures.dataset(tmp.resolve("src"), 1, 1000, 2));
        jobs.waitForState(name, "Draft");
        jobs.select(name);
        ui.waitUntil("Edit is enabled for a Draft job", () -> jobs.isEnabled(SeedbenchUi.TOOLITEM_EDIT_JOB));

        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            catalog.moveJob(name, JobState.CANCELLED, "test set-up");
        }
        jobs.waitForState(name, "Cancelled");
        jobs.select(name);
        // Delete without Cancel: the actions are judging the Cancelled job now
        ui.waitUntil("the actions follow the Cancelled job", () -> jobs.isEnabled(SeedbenchUi.TOOLITEM_DELETE_JOB)
                && !jobs.isEnabled(SeedbenchUi.TOOLITEM_CANCEL_JOB));
        assertFalse(jobs.isEnabled(SeedbenchUi.TOOLITEM_EDIT_JOB), "a Cancelled job is not edited");
    }

    private SeedingJob recorded(String name) {
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            return catalog.job(name).orElseThrow();
        }
    }
}
