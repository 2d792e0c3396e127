package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobState;
import org.seedbench.core.spi.Progress;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.ui.parts.TripCells;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;
import org.seedbench.workflow.ImportJobService;

/**
 * The Jobs view shows each job's state with a glyph of how it stands (a Cancelled or Expired job never with the
 * glyph of success) and, beside it, a bar of the job's running step (as the status line follows it) or of the
 * datacenter's copy as the catalog keeps the import job's percentage.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class JobsCellsTest extends UiTestBase {

    @Test
    void showsAStateGlyphPerRowAndTheDatacenterCopyAsABar() throws Exception {
        String copying = job("copy", List.of(JobState.STAGING, JobState.STAGED, JobState.PREPARING_DRIVES,
                JobState.DRIVES_READY, JobState.CREATING, JobState.SHIPPING, JobState.RECEIVED,
                JobState.TRANSFERRING));
        String draft = job("gdraft", List.of());
        String cancelled = job("gcanc", List.of(JobState.CANCELLED));
        String expired = job("gexp", List.of(JobState.STAGING, JobState.STAGED, JobState.PREPARING_DRIVES,
                JobState.DRIVES_READY, JobState.CREATING, JobState.EXPIRED));
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            catalog.putJobProperties(copying, Map.of(ImportJobService.PROP_STATE, "Transferring",
                    ImportJobService.PROP_PERCENT, "40"));
        }
        JobsViewBot jobs = new JobsViewBot(ui);
        assertEquals(List.of("Job", "State", TripCells.PROGRESS_COLUMN), jobs.headers().subList(0, 3));
        jobs.waitForCell(copying, TripCells.PROGRESS_COLUMN, "datacenter copy 40%");
        assertEquals(0.4, (Double) data(jobs, copying, TripCells.DATA_FRACTION + TripCells.PROGRESS_COLUMN), 1e-9);
        assertEquals("Transferring", jobs.state(copying), "the state's text stays beside its glyph");
        assertEquals("state-active", data(jobs, copying, TripCells.DATA_GLYPH));
        assertNotNull(ui.syncExec(() -> item(jobs, copying).getImage(1)), "a glyph is drawn in the State column");

        jobs.waitForState(expired, "Expired");
        assertEquals("state-draft", data(jobs, draft, TripCells.DATA_GLYPH));
        assertEquals("state-cancelled", data(jobs, cancelled, TripCells.DATA_GLYPH));
        assertEquals("state-failed", data(jobs, expired, TripCells.DATA_GLYPH));
        assertEquals("", jobs.cell(draft, TripCells.PROGRESS_COLUMN).orElseThrow(), "nothing runs for a Draft");
        assertNull(data(jobs, draft, TripCells.DATA_FRACTION + TripCells.PROGRESS_COLUMN), "and no bar is drawn");

        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            catalog.putJobProperties(copying, Map.of(ImportJobService.PROP_PERCENT, "85"));
        }
        jobs.waitForCell(copying, TripCells.PROGRESS_COLUMN, "datacenter copy 85%");
        assertEquals(0.85, (Double) data(jobs, copying, TripCells.DATA_FRACTION + TripCells.PROGRESS_COLUMN), 1e-9);
    }

    @Test
    void showsTheRunningStepOfAJobAsABar() throws Exception {
        String job = job("run", List.of());
        JobsViewBot jobs = new JobsViewBot(ui);
        jobs.waitForState(job, "Draft");
        CountDownLatch release = new CountDownLatch(1);
        WorkflowJob step = new WorkflowJob("Test step " + job, job) {
            @Override
            protected IStatus work(Progress progress) throws Exception {
                progress.begin("Copying test data", 100);
                progress.worked(30);
                release.await(); // runs until the test has looked
                return Status.OK_STATUS;
            }
        };
        step.schedule();
        try {
            jobs.waitForCell(job, TripCells.PROGRESS_COLUMN, "30% Copying test data");
            assertEquals(0.3, (Double) data(jobs, job, TripCells.DATA_FRACTION + TripCells.PROGRESS_COLUMN), 1e-9);
        } finally {
            release.countDown();
        }
        ui.joinJobs(job);
        jobs.waitForCell(job, TripCells.PROGRESS_COLUMN, "");
        assertNull(data(jobs, job, TripCells.DATA_FRACTION + TripCells.PROGRESS_COLUMN), "no bar once it ended");
    }

    private String job(String prefix, List<JobState> path) throws Exception {
        String job = Fixtures.uniqueName(prefix);
        Fixtures.createJob(catalogs, job, tmp.resolve("staging-" + prefix), Fixtures.dataset(tmp.resolve("src"), 1,
                1000, 8));
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            for (JobState s : path) {
                catalog.moveJob(job, s, "test set-up");
            }
        }
        return job;
    }

    private static TableItem item(JobsViewBot jobs, String job) {
        for (TableItem item : jobs.table().getItems()) {
            if (item.getText(0).equals(job)) {
                return item;
            }
        }
        throw new AssertionError("no row " + job);
    }

    private static Object data(JobsViewBot jobs, String job, String key) {
        return ui.syncExec(() -> item(jobs, job).getData(key));
    }
}
