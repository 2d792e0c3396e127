package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobState;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;
import org.seedbench.workflow.CloudConnectors;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.Workspaces;

/**
 * An import job created 11 days ago by the service's clock and still waiting for shipping details: the Jobs view
 * decorates its deadline (3 days left) and the notification line under the table names it.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class DeadlineTest extends UiTestBase {
    @org.osgi.test.common.annotation.InjectService(timeout = 10_000)
    Workspaces workspaces;

    @InjectService(timeout = 10_000)
    CloudConnectors connectors;

    @Test
    void warnsOfAJobElevenDaysOldWithoutShippingDetails() throws Exception {
        String job = Fixtures.uniqueName("late");
        Fixtures.createJob(catalogs, job, tmp.resolve("staging"), Fixtures.dataset(tmp.resolve("src"), 1, 1000, 2));
        CloudSession local = connectors.signedIn(workspaces.open(Fixtures.data()), "local");
        Instant elevenDaysAgo = local.clock().instant().minus(Duration.ofDays(11));
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            // where staging, drive preparation and the import job's creation would have taken it
            for (JobState s : List.of(JobState.STAGING, JobState.STAGED, JobState.PREPARING_DRIVES,
                    JobState.DRIVES_READY, JobState.CREATING)) {
                catalog.moveJob(job, s, "test set-up");
            }
            catalog.putJobProperties(job, Map.of(ImportJobService.PROP_CREATED, elevenDaysAgo.toString()));
        }
        JobsViewBot jobs = new JobsViewBot(ui);
        // the day it falls due, as a person writes it, never a raw timestamp
        String due = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH)
                .format(elevenDaysAgo.plus(Duration.ofDays(14)).atZone(java.time.ZoneId.systemDefault()));
        jobs.waitForCell(job, JobsViewBot.DEADLINE, "⚠ 3 days left (due " + due + ")");
        Color warn = ui.syncExec(() -> ui.display().getSystemColor(SWT.COLOR_DARK_YELLOW));
        assertEquals(warn, jobs.foreground(job, JobsViewBot.DEADLINE), "the deadline is decorated");
        ui.waitUntil("the notification line names the job", () -> jobs.table().getParent().getChildren().length > 1
                && ui.find(org.eclipse.swt.widgets.Label.class, org.seedbench.ui.SeedbenchUi.ID_NOTIFICATION)
                        .getText().contains(job + ": 3 days left to enter shipping details"));
        assertTrue(jobs.notification().contains("(due " + due + ")"), jobs.notification());
        assertNotNull(jobs.cell(job, "State").filter("Creating"::equals).orElse(null));
        assertTrue(jobs.notification().contains(job));
    }

    @Test
    void marksAnExpiredDeadlineInRed() throws Exception {
        String job = Fixtures.uniqueName("expired");
        Fixtures.createJob(catalogs, job, tmp.resolve("staging"), Fixtures.dataset(tmp.resolve("src"), 1, 1000, 4));
        CloudSession local = connectors.signedIn(workspaces.open(Fixtures.data()), "local");
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            for (JobState s : List.of(JobState.STAGING, JobState.STAGED, JobState.PREPARING_DRIVES,
                    JobState.DRIVES_READY, JobState.CREATING)) {
                catalog.moveJob(job, s, "test set-up");
            }
            catalog.putJobProperties(job, Map.of(ImportJobService.PROP_CREATED,
                    local.clock().instant().minus(Duration.ofDays(15)).toString()));
        }
        JobsViewBot jobs = new JobsViewBot(ui);
        String due = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH)
                .format(local.clock().instant().minus(Duration.ofDays(1)).atZone(java.time.ZoneId.systemDefault()));
        jobs.waitForCell(job, JobsViewBot.DEADLINE, "expired (due " + due + ")");
        Color red = ui.syncExec(() -> ui.display().getSystemColor(SWT.COLOR_RED));
        assertEquals(red, jobs.foreground(job, JobsViewBot.DEADLINE));
        ui.waitUntil("the notification line names the expired job", () -> ui.find(org.eclipse.swt.widgets.Label.class,
                org.seedbench.ui.SeedbenchUi.ID_NOTIFICATION).getText().contains(job + ": expired"));
    }
}
