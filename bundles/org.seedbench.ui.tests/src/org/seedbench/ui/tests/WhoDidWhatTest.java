package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.ui.parts.DrivesPart;
import org.seedbench.ui.parts.JobsPart;
import org.seedbench.ui.testsupport.DrivesViewBot;
import org.seedbench.ui.testsupport.EventsViewBot;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;

/**
 * Who did what, in the embedded catalog: the Jobs view says who made each job's last change and when (the actor of
 * its last event), the Drives view which computer prepared each drive and who worked on it (the actor of the event
 * that formatted it), the Events view each event's actor with the computer in it.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class WhoDidWhatTest extends UiTestBase {

    @Test
    void theJobsViewSaysWhoMadeTheLastChangeAndTheDrivesViewWhichComputerPreparedEachDrive() throws Exception {
        String job = Fixtures.uniqueName("who");
        Fixtures.createJob(catalogs, job, tmp.resolve("staging"), Fixtures.dataset(tmp.resolve("src"), 1, 100, 1));
        String actor;
        JobEvent last;
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            actor = catalog.actor();
            JobsInEveryState.toCreating(catalog, job);
            catalog.putDrive(new Drive(job, "WHO-1", "Contoso SSD", "SATA", "SSD", 2_000_000_000L, 500_000_000L,
                    "portable", null, "drive-manifest.xml", "00ff", DriveState.SPECIFIED, 60));
            catalog.recordEvent(job, "drive.formatted", "drive WHO-1 formatted and encrypted (portable)");
            last = catalog.recordEvent(job, "job.properties", "properties set: note");
        }
        JobsViewBot jobs = new JobsViewBot(ui);
        jobs.waitForState(job, JobState.CREATING.label());
        ui.waitUntil("the Jobs view shows the last change of " + job, () -> jobs.cell(job, JobsPart.LAST_CHANGE_COLUMN)
                .filter(s -> s.startsWith(actor + ", ")).isPresent());
        assertEquals(actor + ", " + time(last), jobs.cell(job, JobsPart.LAST_CHANGE_COLUMN).orElseThrow(),
                "who made the last change, and when");

        jobs.select(job);
        DrivesViewBot drives = new DrivesViewBot(ui);
        // actor is user@host (program): the drive was prepared on host, by user
        String user = actor.substring(0, actor.indexOf('@'));
        String host = actor.substring(actor.indexOf('@') + 1, actor.indexOf(" ("));
        drives.waitForCell("WHO-1", DrivesPart.PREPARED_ON_COLUMN, host + " (" + user + ")");

        EventsViewBot events = new EventsViewBot(ui);
        ui.waitUntil("the Events view shows the drive's formatting with its actor", () -> events.rows().stream()
                .anyMatch(r -> r.contains("drive.formatted") && r.contains(actor) && actor.contains("@" + host)));
    }

    private static String time(JobEvent e) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", java.util.Locale.ROOT)
                .withZone(java.time.ZoneId.systemDefault()).format(e.time());
    }
}
