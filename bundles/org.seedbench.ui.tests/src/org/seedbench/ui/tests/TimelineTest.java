package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobState;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.ui.parts.Trip;
import org.seedbench.ui.parts.Trip.Mark;
import org.seedbench.ui.parts.Trip.Step;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;
import org.seedbench.ui.testsupport.UiDriver;
import org.seedbench.workflow.CloudConnectors;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.Workspaces;

/**
 * The Trip view draws the selected job's trip: the step it stands at, how it stands there (never success for
 * CompletedWithErrors, Expired or Cancelled), the days the steps were reached, the 14-day countdown while the import
 * job waits for shipping details (red once expired), and the next action as a button running the Jobs view's command.
 * Jobs are taken through their states in the catalog, as the workflow would (the way DeadlineTest does).
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class TimelineTest extends UiTestBase {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());
    private static final List<JobState> TO_CREATING = List.of(JobState.STAGING, JobState.STAGED,
            JobState.PREPARING_DRIVES, JobState.DRIVES_READY, JobState.CREATING);
    private static final List<JobState> TO_PACKAGING = List.of(JobState.STAGING, JobState.STAGED,
            JobState.PREPARING_DRIVES, JobState.DRIVES_READY, JobState.CREATING, JobState.SHIPPING, JobState.RECEIVED,
            JobState.TRANSFERRING, JobState.PACKAGING);

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @InjectService(timeout = 10_000)
    CloudConnectors connectors;

    @Test
    void aDraftStandsAtItsFirstStepWithStageNext() throws Exception {
        String job = job("tdraft", List.of(), null);
        Trip trip = shown(job, "Draft");
        assertEquals(Step.DRAFT, trip.current());
        assertEquals(Mark.DRAFT, trip.mark());
        assertNotNull(trip.stop(Step.DRAFT).reached(), "the day the job was created");
        assertNull(trip.stop(Step.STAGED).reached());
        assertNull(trip.countdown(), "no deadline runs before the import job exists");
        new TripViewBot(ui).waitForNext("Stage");
    }

    @Test
    void aStagedJobHasItsDayAndPrepareDrivesNextWhichOpensTheWizard() throws Exception {
        String job = job("tstaged", List.of(JobState.STAGING, JobState.STAGED), null);
        Trip trip = shown(job, "Staged");
        assertEquals(Step.STAGED, trip.current());
        assertEquals(Mark.DONE, trip.mark());
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            assertEquals(catalog.events(job).stream().filter(e -> e.detail().startsWith("Staging → Staged"))
                    .findFirst().orElseThrow().time(), trip.stop(Step.STAGED).reached(), "the day it was staged");
        }
        assertNull(trip.stop(Step.DRIVES_READY).reached());
        TripViewBot view = new TripViewBot(ui);
        view.waitForNext("Prepare Drives…");
        ui.click(view.next());
        ui.click(button("Prepare Drives for " + job, "Cancel")); // the wizard the Jobs view's toolbar opens
    }

    @Test
    void aCreatingJobCountsDownItsThreeDaysLeft() throws Exception {
        Instant created = clock().minus(Duration.ofDays(11));
        String job = job("tcreat", TO_CREATING, created);
        Trip trip = shown(job, "Creating");
        assertEquals(Step.SHIPPED, trip.current());
        assertEquals(Mark.ACTIVE, trip.mark(), "the job waits for its shipping details");
        assertNotNull(trip.stop(Step.DRIVES_READY).reached());
        assertNull(trip.stop(Step.SHIPPED).reached(), "not shipped yet");
        assertEquals("3 days left (due " + DAY.format(created.plus(Duration.ofDays(14))) + ")", trip.countdown());
        assertTrue(trip.deadline().warn() && !trip.deadline().expired(), "drawn as a warning, not red");
        new TripViewBot(ui).waitForNext("Update Shipping Details…");
        ui.screenshot(ui.activeShell(), UiDriver.screenshotFolder().resolve("trip.png")); // README's picture
    }

    @Test
    void aShippingJobHasShippedAndAsksTheService() throws Exception {
        List<JobState> path = new ArrayList<>(TO_CREATING);
        path.add(JobState.SHIPPING);
        String job = job("tship", path, clock().minus(Duration.ofDays(2)));
        Trip trip = shown(job, "Shipping");
        assertEquals(Step.SHIPPED, trip.current());
        assertNotNull(trip.stop(Step.SHIPPED).reached());
        assertEquals(Mark.DONE, trip.mark(), "on its way");
        assertNull(trip.countdown(), "the shipping details are in: no countdown");
        new TripViewBot(ui).waitForNext("Refresh status");
    }

    @Test
    void completedWithErrorsIsAWarningNotASuccess() throws Exception {
        List<JobState> path = new ArrayList<>(TO_PACKAGING);
        path.add(JobState.COMPLETED_WITH_ERRORS);
        String job = job("tcwe", path, clock().minus(Duration.ofDays(5)));
        Trip trip = shown(job, "CompletedWithErrors");
        assertEquals(Step.IMPORTED, trip.current());
        assertEquals(Mark.WARNING, trip.mark());
        assertNotNull(trip.stop(Step.AT_DATACENTER).reached());
        assertNotNull(trip.stop(Step.IMPORTED).reached());
        assertTrue(trip.status().startsWith("CompletedWithErrors: "), trip.status());
        new TripViewBot(ui).waitForNext("Seed vault");
    }

    @Test
    void aSeededJobHasEveryDayUpToSeededAndBacksUpNext() throws Exception {
        List<JobState> path = new ArrayList<>(TO_PACKAGING);
        path.addAll(List.of(JobState.COMPLETED, JobState.VAULT_SEEDING, JobState.SEEDED));
        String job = job("tseed", path, clock().minus(Duration.ofDays(5)));
        Trip trip = shown(job, "Seeded");
        assertEquals(Step.SEEDED, trip.current());
        assertEquals(Mark.DONE, trip.mark());
        for (Step s : List.of(Step.DRAFT, Step.STAGED, Step.DRIVES_READY, Step.SHIPPED, Step.AT_DATACENTER,
                Step.IMPORTED, Step.SEEDED)) {
            assertNotNull(trip.stop(s).reached(), s + " has its day");
        }
        assertNull(trip.stop(Step.INCREMENTALS).reached(), "no incremental backup yet");
        new TripViewBot(ui).waitForNext("Back up");
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            catalog.recordEvent(job, "backup", "incremental backup into the vault: test set-up");
        }
        ui.waitUntil("the trip reaches Incrementals after a backup", () -> {
            Trip t = new TripViewBot(ui).trip();
            return t != null && t.job().equals(job) && t.current() == Step.INCREMENTALS;
        });
    }

    @Test
    void anExpiredJobIsRedAtShippedAndOffersReopen() throws Exception {
        List<JobState> path = new ArrayList<>(TO_CREATING);
        path.add(JobState.EXPIRED);
        Instant created = clock().minus(Duration.ofDays(15));
        String job = job("texp", path, created);
        Trip trip = shown(job, "Expired");
        assertEquals(Step.SHIPPED, trip.current());
        assertEquals(Mark.FAILED, trip.mark(), "expired, not a success");
        assertEquals("expired (due " + DAY.format(created.plus(Duration.ofDays(14))) + ")", trip.countdown());
        assertTrue(trip.deadline().expired(), "drawn in red");
        new TripViewBot(ui).waitForNext("Reopen import job");
    }

    @Test
    void aCancelledJobStopsWhereItWas() throws Exception {
        String job = job("tcanc", List.of(JobState.STAGING, JobState.STAGED, JobState.CANCELLED), null);
        Trip trip = shown(job, "Cancelled");
        assertEquals(Step.STAGED, trip.current(), "cancelled once staged");
        assertEquals(Mark.CANCELLED, trip.mark());
        assertFalse(trip.mark() == Mark.DONE);
        new TripViewBot(ui).waitForNext("Delete job");
    }

    /** A job taken along {@code path} in the catalog; its import job created at {@code created} when not null. */
    private String job(String prefix, List<JobState> path, Instant created) throws Exception {
        String job = Fixtures.uniqueName(prefix);
        Fixtures.createJob(catalogs, job, tmp.resolve("staging"), Fixtures.dataset(tmp.resolve("src"), 1, 1000, 7));
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            for (JobState s : path) {
                catalog.moveJob(job, s, "test set-up");
                if (s == JobState.CREATING && created != null) {
                    catalog.putJobProperties(job, Map.of(ImportJobService.PROP_CREATED, created.toString()));
                }
            }
        }
        return job;
    }

    /** Selects the job in the Jobs view and waits for the Trip view to draw it in that state. */
    private Trip shown(String job, String state) {
        JobsViewBot jobs = new JobsViewBot(ui);
        jobs.waitForState(job, state);
        jobs.select(job);
        return new TripViewBot(ui).waitFor(job, state);
    }

    /** The local connector's clock, by which the deadline runs. */
    private Instant clock() throws Exception {
        CloudSession local = connectors.signedIn(workspaces.open(Fixtures.data()), "local");
        return local.clock().instant();
    }
}
