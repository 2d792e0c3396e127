package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.widgets.Button;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.testsupport.EventsViewBot;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.PassphraseDialogBot;
import org.seedbench.ui.testsupport.ProgressViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;
import org.seedbench.workflow.StageService;

/**
 * Staging from the Jobs view with the passphrase dialog: cancelled from the status line while it runs, the job stays
 * Staging; staged again, it resumes (the job enters Staging once) and ends Staged with what it stored shown.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class StagingTest extends UiTestBase {
    @Test
    void cancelDuringStagingThenStageAgainResumes() throws Exception {
        String job = Fixtures.uniqueName("cancel");
        // enough incompressible data that the run is still reading when the Jobs view shows Staging
        Path source = Fixtures.dataset(tmp.resolve("source"), 40, 4 << 20, 11);
        Fixtures.createJob(catalogs, job, tmp.resolve("staging"), source);
        JobsViewBot jobs = new JobsViewBot(ui);
        jobs.waitForState(job, "Draft");

        jobs.run(job, SeedbenchUi.TOOLITEM_STAGE);
        PassphraseDialogBot passphrase = new PassphraseDialogBot(ui);
        assertTrue(passphrase.asksTwice(), "a new repository asks for its passphrase twice");
        passphrase.enter(Fixtures.PASSPHRASE);
        jobs.waitForState(job, "Staging");
        assertFalse(jobs.isEnabled(SeedbenchUi.TOOLITEM_STAGE), "no second run while one runs");
        ui.click(ui.widget(Button.class, SeedbenchUi.ID_PROGRESS_CANCEL));
        ui.joinJobs(job);
        assertEquals(JobState.STAGING, state(job), "a cancelled run leaves the job Staging, to resume");
        assertTrue(properties(job).get(StageService.PROP_BYTES_READ) == null, "the cancelled run recorded no result");
        jobs.waitForState(job, "Staging");
        ui.waitUntil("the status line says the run was cancelled", () -> ui.find(
                org.eclipse.swt.widgets.Label.class, SeedbenchUi.ID_PROGRESS).getText().contains("cancelled"));
        ProgressViewBot progress = new ProgressViewBot(ui);
        progress.waitForCell("Stage " + job, ProgressViewBot.STATE, "cancelled");

        jobs.run(job, SeedbenchUi.TOOLITEM_STAGE);
        assertFalse(passphrase.asksTwice(), "the repository exists: its passphrase is asked once");
        passphrase.enter(Fixtures.PASSPHRASE);
        ui.joinJobs(job);
        jobs.waitForState(job, "Staged");
        progress.waitForCell("Stage " + job, ProgressViewBot.STATE, "done");
        assertTrue(jobs.cell(job, "Staged").orElseThrow().endsWith("MB"), jobs.rows().toString());
        assertFalse(jobs.cell(job, "Stored").orElseThrow().isEmpty());
        ui.waitUntil("Verify is enabled for a staged job", () -> jobs.action(SeedbenchUi.TOOLITEM_VERIFY).isEnabled());
        assertFalse(jobs.isEnabled(SeedbenchUi.TOOLITEM_BACKUP), "backups go into the vault once it is seeded");

        List<String> entered = events(job).stream().filter(e -> e.kind().equals("job.state"))
                .map(JobEvent::detail).filter(d -> d.contains("→ Staging")).toList();
        assertEquals(1, entered.size(), "the second run resumed the first instead of starting over: " + entered);
        EventsViewBot events = new EventsViewBot(ui);
        ui.waitUntil("the Events view shows the job's way to Staged", () -> events.details("job.state").stream()
                .anyMatch(d -> d.startsWith("Staging → Staged")));

        // staging again with a wrong passphrase fails in one line, named under the Jobs table, and changes nothing
        String wrong = "not the passphrase of this repository";
        jobs.run(job, SeedbenchUi.TOOLITEM_STAGE);
        passphrase.enter(wrong);
        ui.joinJobs(job);
        ui.waitUntil("the notification line names the failed step", () -> jobs.table().isVisible() && ui.find(
                org.eclipse.swt.widgets.Label.class, SeedbenchUi.ID_NOTIFICATION).getText().contains(
                        "Stage " + job + " failed:"));
        String line = jobs.notification();
        assertTrue(line.contains("wrong passphrase"), line);
        assertFalse(line.contains(wrong), "the notification shows no secret");
        assertEquals(JobState.STAGED, state(job));
        jobs.waitForState(job, "Staged");
    }

    private JobState state(String job) {
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            return catalog.job(job).orElseThrow().state();
        }
    }

    private java.util.Map<String, String> properties(String job) {
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            return catalog.jobProperties(job);
        }
    }

    private List<JobEvent> events(String job) {
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            return catalog.events(job);
        }
    }
}
