package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogConflictException;
import org.seedbench.catalog.EventChainCheck;
import org.seedbench.catalog.internal.H2CatalogService;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.IllegalTransitionException;

/**
 * Two admins on one catalog (two catalogs opened by two programs): a change made from a state the job has left
 * changes nothing and says who moved it and when; the event log is a hash chain that verifies, and survives the
 * deletion of its job.
 */
class CatalogSafeChangesTest extends CatalogTestBase {
    @TempDir
    Path data;

    @Test
    void aMoveFromAStateTheJobHasLeftChangesNothingAndSaysWhoMovedItAndWhen() throws Exception {
        H2CatalogService service = new H2CatalogService(Duration.ofSeconds(2));
        try (Catalog alice = backend.open(service, data, "workbench"); Catalog bob = backend.open(service, data, "cli")) {
            alice.createJob(SampleJobs.job("seed-fs01"));
            alice.moveJob("seed-fs01", JobState.DRAFT, JobState.STAGING, "alice stages");
            JobEvent moved = alice.events("seed-fs01").get(1);

            // bob still sees Draft and cancels it
            CatalogConflictException refused = assertThrows(CatalogConflictException.class,
                    () -> bob.moveJob("seed-fs01", JobState.DRAFT, JobState.CANCELLED, "bob cancels"));

            assertEquals("job seed-fs01 changed to Staging by " + alice.actor() + " at "
                    + moved.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ": refresh and try again",
                    refused.getMessage());
            assertEquals(Optional.of(JobState.STAGING), bob.job("seed-fs01").map(SeedingJob::state));
            assertEquals(2, bob.events("seed-fs01").size(), "the refused move wrote no event");
            // refreshed, bob's cancel goes through
            assertEquals(JobState.CANCELLED,
                    bob.moveJob("seed-fs01", JobState.STAGING, JobState.CANCELLED, "bob cancels").state());
        }
    }

    @Test
    void aMoveTheStateDoesNotAllowIsStillRefusedAsIllegalNotAsAConflict() throws Exception {
        try (Catalog catalog = open(data)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));
            assertThrows(IllegalTransitionException.class,
                    () -> catalog.moveJob("seed-fs01", JobState.DRAFT, JobState.SEEDED, null));
            assertEquals(1, catalog.events("seed-fs01").size());
        }
    }

    @Test
    void theStoredEventChainVerifiesAndEachEventFollowsTheOneBefore() throws Exception {
        try (Catalog catalog = open(data)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));
            catalog.createJob(SampleJobs.job("seed-fs02"));
            catalog.moveJob("seed-fs01", JobState.STAGING, null);
            catalog.recordEvent("seed-fs02", "note", "interleaved with the other job's events");
            catalog.recordEvent("seed-fs01", "note", "ünïcode, \"quotes\", a tab\tand\na line break");

            EventChainCheck check = catalog.verifyEvents("seed-fs01");

            assertTrue(check.intact(), check.toString());
            assertEquals(3, check.events());
            assertEquals(64, check.head().length(), "a SHA-256 in hex");
            assertTrue(catalog.verifyEvents("seed-fs02").intact());
            assertNotEquals(check.head(), catalog.verifyEvents("seed-fs02").head());
        }
    }

    @Test
    @EmbeddedOnly("H2 has no trigger: an event changed behind the catalog's back is named by verifyEvents")
    void anEventChangedBehindTheCatalogsBackIsNamedByTheChainCheck() throws Exception {
        long id;
        try (Catalog catalog = open(data)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));
            id = catalog.recordEvent("seed-fs01", "note", "shipped on Monday").id();
            catalog.recordEvent("seed-fs01", "note", "after it");
        }
        backend.sql(data, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE events SET detail = ? WHERE id = ?")) {
                ps.setString(1, "shipped on Tuesday");
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
        try (Catalog catalog = open(data)) {
            EventChainCheck check = catalog.verifyEvents("seed-fs01");

            assertFalse(check.intact());
            assertEquals(id, check.badId());
            assertEquals("event " + id + " was changed after it was written (its hash differs)", check.problem());
        }
    }

    @Test
    void aDeletedJobsEventsStayInTheLogAndANewJobOfItsNameStartsAChainOfItsOwn() throws Exception {
        try (Catalog catalog = open(data)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));
            catalog.recordEvent("seed-fs01", "note", "before the delete");
            List<JobEvent> removed = catalog.deleteJob("seed-fs01");
            assertEquals(2, removed.size());

            catalog.createJob(SampleJobs.job("seed-fs01"));

            assertEquals(List.of("job.created"), catalog.events("seed-fs01").stream().map(JobEvent::kind).toList());
            EventChainCheck check = catalog.verifyEvents("seed-fs01");
            assertTrue(check.intact(), check.toString());
            assertEquals(1, check.events());
        }
        long kept = backend.sql(data, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM events WHERE job_name = ?")) {
                ps.setString(1, "seed-fs01");
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        assertEquals(3, kept, "the deleted job's two events and the new job's one");
    }
}
