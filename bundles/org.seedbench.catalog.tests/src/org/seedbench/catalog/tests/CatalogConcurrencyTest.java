package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.internal.H2CatalogService;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;

/** Several threads of one process working on one catalog, as the workbench's jobs do. */
class CatalogConcurrencyTest extends CatalogTestBase {
    private static final int THREADS = 6;
    private static final int JOBS_PER_THREAD = 5;

    @TempDir
    Path data;

    @Test
    void threadsOfOneProcessWorkSideBySide() throws Exception {
        H2CatalogService service = new H2CatalogService(Duration.ofSeconds(2));
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            work.add(() -> {
                try (Catalog catalog = backend.open(service, data, "thread-" + thread)) {
                    for (int j = 0; j < JOBS_PER_THREAD; j++) {
                        String name = "seed-t" + thread + "-j" + j;
                        catalog.createJob(SampleJobs.job(name));
                        catalog.moveJob(name, JobState.STAGING, null);
                    }
                }
                return null;
            });
        }

        assertEquals(List.of(), runTogether(work));

        try (Catalog catalog = backend.open(service, data, "check")) {
            List<SeedingJob> jobs = catalog.jobs();
            assertEquals(THREADS * JOBS_PER_THREAD, jobs.size());
            for (SeedingJob job : jobs) {
                assertEquals(JobState.STAGING, job.state(), job.name());
                assertEquals(2, catalog.events(job.name()).size(), job.name());
            }
        }
        assertFalse(Files.exists(data.resolve("catalog.owner")), "no note of a holder is left behind");
    }

    @Test
    void ofTwoThreadsCreatingTheSameJobExactlyOneSucceeds() throws Exception {
        H2CatalogService service = new H2CatalogService(Duration.ofSeconds(2));
        backend.open(service, data, "setup").close();
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            work.add(() -> {
                try (Catalog catalog = backend.open(service, data, "racer")) {
                    catalog.createJob(SampleJobs.job("seed-race"));
                }
                return null;
            });
        }

        List<Throwable> failures = runTogether(work);

        assertEquals(1, failures.size(), failures.toString());
        assertEquals(InvalidInputException.class, failures.get(0).getClass());
        try (Catalog catalog = backend.open(service, data, "check")) {
            assertEquals(1, catalog.jobs().size());
            assertEquals(1, catalog.events("seed-race").size());
        }
    }

    /** Runs every task at once and returns what they threw. */
    private static List<Throwable> runTogether(List<Callable<Void>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Throwable> failures = new ArrayList<>();
            for (Future<Void> f : futures) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }
}
