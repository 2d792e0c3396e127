package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogException;
import org.seedbench.catalog.internal.CatalogDatabase;
import org.seedbench.catalog.internal.H2CatalogService;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;

/** Two real processes on one data directory: a {@link CatalogHolder} and this one. */
class CatalogLockTest {
    private static final Duration WAIT = Duration.ofSeconds(1);
    private static final String TRY_AGAIN = "; try again when it ends";

    @TempDir
    Path data;

    @Test
    void whileAnotherProcessHoldsTheCatalogWorkFailsNamingItAndWorksAgainAfterwards() throws Exception {
        try (Catalog catalog = new H2CatalogService(WAIT).open(data, SampleJobs.PROGRAM)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));

            try (Holder holder = Holder.start(data, "catalog")) {
                long start = System.nanoTime();
                CatalogException refused = assertThrows(CatalogException.class, catalog::jobs);
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                CatalogException openRefused = assertThrows(CatalogException.class,
                        () -> new H2CatalogService(WAIT).open(data));

                String message = refused.getMessage();
                assertTrue(message.startsWith("catalog in use by PID " + holder.pid() + " (java"), message);
                assertTrue(message.matches(".*\\) since (\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d:\\d\\d" + TRY_AGAIN),
                        message);
                assertFalse(message.contains("\n"), message);
                assertTrue(waited.compareTo(WAIT.minusMillis(100)) >= 0, "gave up after " + waited);
                assertTrue(openRefused.getMessage().startsWith("catalog in use by PID " + holder.pid() + " ("),
                        openRefused.getMessage());

                holder.release();
            }

            assertEquals(List.of("seed-fs01"), catalog.jobs().stream().map(SeedingJob::name).toList());
            catalog.moveJob("seed-fs01", JobState.STAGING, "after the other process ended");
        }
        assertFalse(Files.exists(data.resolve("catalog.owner")), "no note of a holder is left behind");
    }

    @Test
    void workWaitsForAShortHoldAndThenSucceeds() throws Exception {
        try (Catalog catalog = new H2CatalogService(Duration.ofSeconds(30)).open(data, SampleJobs.PROGRAM)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));

            try (Holder holder = Holder.start(data, "catalog")) {
                CompletableFuture<List<SeedingJob>> jobs = CompletableFuture.supplyAsync(catalog::jobs);
                assertThrows(TimeoutException.class, () -> jobs.get(500, TimeUnit.MILLISECONDS),
                        "the catalog is held, so the work waits");

                holder.release();

                assertEquals(1, jobs.get(30, TimeUnit.SECONDS).size());
            }
        }
    }

    @Test
    void aVerbThatKeepsTheCatalogBetweenItsOperationsLetsGoForAProcessThatWaits() throws Exception {
        try (Catalog catalog = new H2CatalogService(Duration.ofSeconds(30)).open(data, SampleJobs.PROGRAM)) {
            catalog.createJob(SampleJobs.job("seed-fs01"));
            java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean(true);
            // operations back to back: each finds the connection the one before kept
            CompletableFuture<Integer> verb = CompletableFuture.supplyAsync(() -> {
                int done = 0;
                while (busy.get()) {
                    catalog.jobs();
                    done++;
                }
                return done;
            });

            try (Holder holder = Holder.start(data, "catalog")) {
                busy.set(false);
                holder.release();
            }
            assertTrue(verb.get(60, TimeUnit.SECONDS) > 0, "the verb's operation in flight got in afterwards");
            assertEquals(1, catalog.jobs().size(), "the verb works on once the other process let go");
        }
    }

    @Test
    void aHolderThatLeftNoNoteIsAnotherProcess() throws Exception {
        new H2CatalogService(WAIT).open(data).close();
        Files.writeString(data.resolve("catalog.owner"),
                "pid=" + (Long.MAX_VALUE - 1) + "\ncommand=long gone\nsince=2024-01-01T00:00:00Z\n");

        try (Holder holder = Holder.start(data, "raw")) {
            CatalogException refused = assertThrows(CatalogException.class,
                    () -> new H2CatalogService(WAIT).open(data));

            assertEquals("catalog in use by another process" + TRY_AGAIN, refused.getMessage());
            holder.release();
        }
        try (Catalog catalog = new H2CatalogService(WAIT).open(data)) {
            assertEquals(List.of(), catalog.jobs());
        }
    }

    /** A {@link CatalogHolder} in a JVM of its own. */
    private static final class Holder implements AutoCloseable {
        private final Process process;

        private Holder(Process process) {
            this.process = process;
        }

        /** Starts a holder and waits until it holds the catalog. */
        static Holder start(Path directory, String mode) throws Exception {
            // the holder's class path: this bundle, the catalog bundle and H2
            String classPath = JavaProcesses.classPath(List.of(CatalogHolder.class, CatalogDatabase.class,
                    org.h2.Driver.class, org.seedbench.core.support.files.DurableFiles.class));
            ProcessBuilder builder = new ProcessBuilder(JavaProcesses.java(), "-cp", classPath,
                    CatalogHolder.class.getName(), directory.toString(), mode)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            Holder holder = new Holder(builder.start());
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(holder.process.getInputStream(), StandardCharsets.UTF_8));
            // read on a thread of its own: on Java 25 a machine of two cores runs the common pool's async tasks
            // one at a time (Java 17 gave each a thread), behind a verb that keeps working until the holder holds
            CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, task -> new Thread(task, "holder output").start());
            try {
                assertEquals(CatalogHolder.HOLDING, firstLine.get(60, TimeUnit.SECONDS),
                        "the holder process reports that it holds the catalog");
            } catch (Exception | AssertionError e) {
                holder.close();
                throw e;
            }
            return holder;
        }

        long pid() {
            return process.pid();
        }

        /** Tells the holder to let go and waits until it has ended. */
        void release() throws IOException, InterruptedException {
            try (OutputStream in = process.getOutputStream()) {
                in.write('\n');
            }
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the holder process ends");
            assertEquals(0, process.exitValue(), "the holder process's exit code");
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
