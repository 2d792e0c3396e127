package org.seedbench.ui.tests;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.ui.parts.JobsPart;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;
import org.seedbench.workflow.ScheduleService;

/** The Jobs view shows a job's next scheduled backup and the last one's result, as {@code run-due} recorded it. */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class ScheduleColumnTest extends UiTestBase {

    @Test
    void showsTheNextScheduledBackupAndTheLastResult() throws Exception {
        String job = Fixtures.uniqueName("sched");
        Fixtures.createJob(catalogs, job, tmp.resolve("staging"), Fixtures.dataset(tmp.resolve("src"), 1, 1000, 5));
        JobsViewBot jobs = new JobsViewBot(ui);
        jobs.waitForCell(job, JobsPart.SCHEDULE_COLUMN, "");
        Instant last = Instant.parse("2026-12-07T21:00:00Z");
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            catalog.putJobProperties(job, Map.of(ScheduleService.PROP_SCHEDULE, "every 6h",
                    ScheduleService.PROP_SINCE, "2026-12-01T12:00:00Z",
                    ScheduleService.PROP_LAST_TIME, last.toString(),
                    ScheduleService.PROP_LAST_OUTCOME, "failed",
                    ScheduleService.PROP_LAST_DETAIL, "the vault cannot be reached"));
        }
        String next = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault())
                .format(last.plusSeconds(6 * 3600));
        jobs.waitForCell(job, JobsPart.SCHEDULE_COLUMN, "next " + next + " · last failed");
    }
}
