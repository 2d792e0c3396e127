package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogWatcher;
import org.seedbench.catalog.internal.H2CatalogService;
import org.seedbench.catalog.internal.PostgresCatalogWatcher;
import org.seedbench.core.events.Topics;
import org.seedbench.core.model.JobState;
import org.seedbench.testsupport.PostgresServer;

/**
 * The catalog watcher on the real PostgreSQL server: what another process commits to the shared catalog (here a
 * catalog service of its own, with no event admin, as the command line on another computer) is posted under the
 * catalog's topics with the job and who did it; when the server drops the watcher's connection, the watcher connects
 * again, says that everything may have changed, and hears the next change. The embedded catalog is not watched.
 */
class CatalogWatcherTest {
    /** How long a notice may take to arrive before the test fails (it is a bound, not a wait: notices end it). */
    private static final long BOUND_SECONDS = 60;

    @TempDir
    Path data;

    @Test
    void anotherProcesssCommittedChangesArePostedWithTheJobAndTheActorAndHeardAgainAfterTheConnectionDrops()
            throws Exception {
        PostgresServer server = PostgresServer.get();
        String url = server.newDatabase("watcher");
        Heard heard = new Heard();
        PostgresCatalogWatcher watcher = new PostgresCatalogWatcher(heard);
        H2CatalogService otherProcess = new H2CatalogService(Duration.ofSeconds(2));
        try (Catalog catalog = otherProcess.open(data, url, "copy-b")) {
            try (CatalogWatcher.Watch watch = watcher.watch(url)) {
                awaitListening(watch);
                catalog.createJob(SampleJobs.job("seed-fs01", Instant.now()));
                Event created = heard.next();
                assertEquals(Topics.JOB_CREATED, created.getTopic());
                assertEquals("seed-fs01", created.getProperty(Topics.JOB));
                assertEquals(catalog.actor(), created.getProperty("actor"));
                assertTrue(catalog.actor().endsWith("(copy-b)"), catalog.actor());

                catalog.moveJob("seed-fs01", JobState.STAGING, "staging on copy-b");
                Event moved = heard.next();
                assertEquals(Topics.JOB_STATE, moved.getTopic());
                assertEquals("seed-fs01", moved.getProperty(Topics.JOB));

                // the server goes away for the watcher (as when it restarts): its backend is ended
                server.execute(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                        + "current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()");
                Event again = heard.next();
                assertEquals(Topics.JOB_EVENT, again.getTopic(), "after connecting again: everything may have changed");
                assertEquals(null, again.getProperty(Topics.JOB));
                assertTrue(watch.listening());
                catalog.putDrive(SampleJobs.drive("seed-fs01", "WD-1"));
                Event drive = heard.next();
                assertEquals(Topics.DRIVE_STATE, drive.getTopic());
                assertEquals("seed-fs01", drive.getProperty(Topics.JOB));
            }
            assertFalse(watcher.notifies(null), "the embedded catalog is read again instead");
            assertFalse(watcher.notifies("jdbc:h2:file:" + data.resolve("shared/catalog")));
            assertThrows(IllegalArgumentException.class, () -> watcher.watch(null));
        }
    }

    private static void awaitListening(CatalogWatcher.Watch watch) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (!watch.listening()) {
            assertTrue(System.nanoTime() < end, "the watcher listens within " + BOUND_SECONDS + " s");
            Thread.sleep(20);
        }
    }

    /** The events the watcher posts, in order. */
    private static final class Heard implements EventAdmin {
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

        @Override
        public void postEvent(Event event) {
            events.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            events.add(event);
        }

        Event next() throws InterruptedException {
            Event e = events.poll(BOUND_SECONDS, TimeUnit.SECONDS);
            assertNotNull(e, "a notice within " + BOUND_SECONDS + " s");
            return e;
        }
    }
}
