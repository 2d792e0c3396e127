package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.IllegalTransitionException;

class CatalogJobStatesTest extends CatalogTestBase {
    @TempDir
    Path data;

    private Catalog catalog;

    @BeforeEach
    void createJob() throws Exception {
        catalog = open(data);
        catalog.createJob(SampleJobs.job("seed-fs01"));
    }

    @AfterEach
    void closeCatalog() {
        catalog.close();
    }

    @Test
    void legalMovesAreStoredAndLoggedInOrderWithTheActor() {
        SeedingJob staging = catalog.moveJob("seed-fs01", JobState.STAGING, "staging started");
        catalog.moveJob("seed-fs01", JobState.STAGING, "resumed after a restart");
        catalog.moveJob("seed-fs01", JobState.STAGED, null);
        catalog.moveJob("seed-fs01", JobState.PREPARING_DRIVES, " ");

        assertEquals(JobState.STAGING, staging.state());
        assertEquals(Optional.of(JobState.PREPARING_DRIVES), catalog.job("seed-fs01").map(SeedingJob::state));
        List<JobEvent> events = catalog.events("seed-fs01");
        assertEquals(List.of("job.created", "job.state", "job.state", "job.state", "job.state"),
                events.stream().map(JobEvent::kind).toList());
        assertEquals(List.of("Draft → Staging: staging started", "Staging → Staging: resumed after a restart",
                "Staging → Staged", "Staged → PreparingDrives"),
                events.subList(1, events.size()).stream().map(JobEvent::detail).toList());
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).id() > events.get(i - 1).id(), "event ids grow");
            assertFalse(events.get(i).time().isBefore(events.get(i - 1).time()), "event times do not go back");
        }
        String actor = System.getProperty("user.name") + "@";
        for (JobEvent e : events) {
            assertEquals("seed-fs01", e.jobName());
            assertEquals(catalog.actor(), e.actor());
            assertTrue(e.actor().startsWith(actor) && e.actor().endsWith(" (" + SampleJobs.PROGRAM + ")"), e.actor());
        }
    }

    @Test
    void anIllegalMoveIsRefusedAndChangesNothing() {
        List<JobEvent> before = catalog.events("seed-fs01");

        IllegalTransitionException refused = assertThrows(IllegalTransitionException.class,
                () -> catalog.moveJob("seed-fs01", JobState.COMPLETED, "too early"));

        assertEquals("job seed-fs01 cannot go from Draft to Completed; from Draft it can go to Staging, Cancelled",
                refused.getMessage());
        assertEquals(Optional.of(JobState.DRAFT), catalog.job("seed-fs01").map(SeedingJob::state));
        assertEquals(before, catalog.events("seed-fs01"));
    }

    @Test
    void aCancelledJobStaysCancelled() {
        catalog.moveJob("seed-fs01", JobState.CANCELLED, "not needed");

        IllegalTransitionException refused = assertThrows(IllegalTransitionException.class,
                () -> catalog.moveJob("seed-fs01", JobState.STAGING, null));

        assertTrue(refused.getMessage().contains("Cancelled is final"), refused.getMessage());
        assertEquals(Optional.of(JobState.CANCELLED), catalog.job("seed-fs01").map(SeedingJob::state));
        assertEquals(2, catalog.events("seed-fs01").size());
    }

    @Test
    void theStateSurvivesReopening() {
        catalog.moveJob("seed-fs01", JobState.STAGING, null);
        catalog.close();

        try (Catalog reopened = open(data)) {
            assertEquals(Optional.of(JobState.STAGING), reopened.job("seed-fs01").map(SeedingJob::state));
            assertEquals(2, reopened.events("seed-fs01").size());
        }
    }
}
