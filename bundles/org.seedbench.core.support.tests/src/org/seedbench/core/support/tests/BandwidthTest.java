package org.seedbench.core.support.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.support.bandwidth.Bandwidth;
import org.seedbench.core.support.bandwidth.Rate;
import org.seedbench.core.support.bandwidth.ThrottledObjectStore;
import org.seedbench.core.support.bandwidth.WorkHours;
import org.seedbench.core.support.store.FolderObjectStore;

/**
 * The token bucket: a burst of a tenth of a second at once, then the rate (lower bounds on elapsed time only),
 * cancellation of a waiting acquire, and a throttled store that limits writes and nothing else.
 */
class BandwidthTest {
    private static final int MB = 1_000_000;

    @TempDir
    Path temp;

    @Test
    void aFullBucketGivesItsBurstWithoutWaitingThenTheRate() {
        Bandwidth b = Bandwidth.fixed(new Rate(MB), "test");
        assertEquals(0, b.acquire(MB / 10)); // the burst: a tenth of a second of the rate, held from the start
        long start = System.nanoTime();
        long waited = b.acquire(MB / 2);
        long elapsed = System.nanoTime() - start;
        assertTrue(waited >= 0.45e9 && elapsed >= 0.45e9, "half a second's bytes after the burst waited " + waited);
        assertEquals(MB / 10 + MB / 2, b.sent());
    }

    @Test
    void anUnlimitedBucketNeverWaits() {
        Bandwidth b = Bandwidth.unlimited();
        assertEquals(0, b.acquire(10L * MB * 1000));
        assertTrue(b.describe().contains("unlimited"), b.describe());
    }

    @Test
    void cancellingStopsAWaitingAcquire() throws Exception {
        Bandwidth b = Bandwidth.fixed(new Rate(1000), "test"); // 1 KB/s: 10 MB would take hours
        b.acquire(16 * 1024);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            return b.acquire(10L * MB);
        });
        started.await();
        b.cancel();
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof Progress.CanceledException, String.valueOf(e.getCause()));
        assertThrows(Progress.CanceledException.class, () -> b.acquire(1));
    }

    @Test
    void aProgressCancelledWhileItWaitsStopsTheAcquire() throws Exception {
        Bandwidth b = Bandwidth.fixed(new Rate(1000), "test");
        AtomicBoolean canceled = new AtomicBoolean();
        CountDownLatch asked = new CountDownLatch(3);
        CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> b.acquire(10L * MB, () -> {
            asked.countDown();
            return canceled.get();
        }));
        asked.await(); // it is waiting, asking between slices
        canceled.set(true);
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof Progress.CanceledException, String.valueOf(e.getCause()));
    }

    @Test
    void theRateSwitchesWhenWorkHoursEndDuringAnUpload() throws InterruptedException {
        Instant last = Instant.parse("2026-12-07T17:59:59.999Z"); // the last moment of Monday's work hours
        AtomicReference<Instant> now = new AtomicReference<>(last);
        WorkHours hours = new WorkHours(LocalTime.of(8, 0), LocalTime.of(18, 0), EnumSet.allOf(DayOfWeek.class),
                new Rate(1000), Rate.UNLIMITED);
        Bandwidth b = Bandwidth.scheduled(hours, new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        });
        b.acquire(16 * 1024);
        assertEquals("work hours", b.limit().source());
        CountDownLatch waiting = new CountDownLatch(3);
        CompletableFuture<Long> upload = CompletableFuture.supplyAsync(() -> b.acquire(100L * MB, () -> {
            waiting.countDown();
            return false;
        }));
        waiting.await(); // the upload waits for tokens at 1 KB/s: 100 MB would take more than a day
        now.set(last.plusSeconds(1));
        upload.join(); // off hours are unlimited: it goes on at once
        assertEquals(100L * MB + 16 * 1024, b.sent());
        assertEquals("off hours", b.limit().source());
    }

    @Test
    void aThrottledStoreWritesAtTheRate() throws IOException {
        ObjectStore store = new ThrottledObjectStore(new FolderObjectStore(temp.resolve("store")),
                Bandwidth.fixed(new Rate(2 * MB), "test"), () -> false, temp.resolve("spool"));
        byte[] data = new byte[2 * MB];
        new Random(1).nextBytes(data);
        long start = System.nanoTime();
        store.put("packs/a", new ByteArrayInputStream(data), data.length);
        try (ObjectStore.PendingObject p = store.create("packs")) {
            OutputStream out = p.output();
            out.write(data);
            p.commit("packs/b");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds >= 4.0 * MB / (2 * MB) * 0.9, "4 MB at 2 MB/s took " + seconds + " s");
        assertEquals(2 * MB, Files.size(temp.resolve("store/packs/a")));
        assertEquals(2 * MB, Files.size(temp.resolve("store/packs/b")));
        assertEquals(0, store.deleteAbandoned());
        try (Stream<Path> spooled = Files.list(temp.resolve("spool"))) {
            assertEquals(0, spooled.count(), "the spool keeps nothing once committed");
        }
    }

    @Test
    void readsAndCopiesAreNotLimited() throws IOException {
        FolderObjectStore folder = new FolderObjectStore(temp.resolve("a"));
        folder.put("big", new byte[4 * MB]);
        Bandwidth b = Bandwidth.fixed(new Rate(1000), "test");
        ThrottledObjectStore store = new ThrottledObjectStore(folder, b, () -> false, temp.resolve("spool"));
        assertEquals(4 * MB, store.get("big").length);
        assertEquals(4 * MB, store.open("big").readAllBytes().length);
        assertEquals(0, b.sent());
    }
}
