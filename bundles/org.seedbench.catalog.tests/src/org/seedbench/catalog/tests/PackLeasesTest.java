package org.seedbench.catalog.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.PackLease;
import org.seedbench.catalog.internal.H2CatalogService;
import org.seedbench.core.model.JobEvent;

/**
 * Copy computers sharing a job's packs through leases in one catalog: two catalog sessions of this process stand
 * for two computers (on H2 here, on the real PostgreSQL server in {@link PackLeasesOnPostgreSQLTest}). Lease times are given, never waited for: a lease "expires" because a later instant is given.
 */
class PackLeasesTest extends CatalogTestBase {
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Instant T0 = Instant.parse("2026-12-08T09:00:00Z");
    private static final List<String> PACKS = IntStream.range(0, 40).mapToObj(i -> String.format("packs/%02x/p%02d",
            i, i)).toList();

    @TempDir
    Path data;

    private Catalog open(String actor) {
        return backend.open(new H2CatalogService(Duration.ofSeconds(10)), data, actor);
    }

    @Test
    void twoComputersClaimingEveryPackAtOnceNeverWinTheSamePack() throws Exception {
        try (Catalog setup = open("setup")) {
            setup.createJob(SampleJobs.job("seed-fs01"));
        }
        CyclicBarrier start = new CyclicBarrier(2);
        List<Callable<Set<String>>> computers = new ArrayList<>();
        for (String computer : List.of("host-a/1111", "host-b/2222")) {
            computers.add(() -> {
                try (Catalog catalog = open(computer)) {
                    start.await();
                    assertEquals(PACKS.size(), catalog.offerPacks("seed-fs01", PACKS));
                    Set<String> won = new HashSet<>();
                    for (int i = 0; i < PACKS.size(); i += 5) {
                        won.addAll(catalog.claimPacks("seed-fs01", computer, computer + "-drive", PACKS.subList(i, i + 5),
                                T0, LEASE));
                    }
                    return won;
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Set<String>>> results = pool.invokeAll(computers);
            Set<String> a = results.get(0).get();
            Set<String> b = results.get(1).get();
            Set<String> both = new HashSet<>(a);
            both.retainAll(b);
            assertEquals(Set.of(), both, "no pack won by both computers");
            assertEquals(PACKS.size(), a.size() + b.size(), "every pack won by one of them");
        } finally {
            pool.shutdownNow();
        }
        try (Catalog catalog = open("check")) {
            List<PackLease> leases = catalog.packLeases("seed-fs01");
            assertEquals(PACKS.size(), leases.size(), "offered once, whoever came first");
            assertTrue(leases.stream().allMatch(l -> l.state() == PackLease.State.CLAIMED));
        }
    }

    @Test
    void aLeaseNotRenewedIsTakenOverAndItsHolderCanNoLongerPlaceThePacks() throws Exception {
        try (Catalog a = open("admin@host-a (cli)"); Catalog b = open("admin@host-b (cli)")) {
            a.createJob(SampleJobs.job("seed-fs02"));
            a.offerPacks("seed-fs02", PACKS);
            List<String> first = PACKS.subList(0, 10);
            assertEquals(Set.copyOf(first), a.claimPacks("seed-fs02", "host-a/1111", "SB-A1", first, T0, LEASE));

            // B, one minute later: A's lease holds
            assertEquals(Set.of(), b.claimPacks("seed-fs02", "host-b/2222", "SB-B1", first, T0.plusSeconds(60), LEASE));
            // A's heartbeat renews it beyond the first five minutes
            assertEquals(10, a.renewPackLeases("seed-fs02", "host-a/1111", T0.plusSeconds(120), LEASE));
            assertEquals(Set.of(), b.claimPacks("seed-fs02", "host-b/2222", "SB-B1", first, T0.plusSeconds(400), LEASE));

            // A stops renewing (killed); B's run after the lease ran out takes the packs over
            Instant later = T0.plusSeconds(120).plus(LEASE).plusSeconds(1);
            assertEquals(Set.copyOf(first), b.claimPacks("seed-fs02", "host-b/2222", "SB-B1", first, later, LEASE));
            assertFalse(a.placePacks("seed-fs02", "host-a/1111", "SB-A1", first), "A lost them: it places none");
            assertEquals(0, a.renewPackLeases("seed-fs02", "host-a/1111", later, LEASE));
            assertTrue(b.placePacks("seed-fs02", "host-b/2222", "SB-B1", first));
            assertTrue(b.placePacks("seed-fs02", "host-b/2222", "SB-B1", first), "a rerun places them again");
            assertEquals(1, b.events("seed-fs02").stream().filter(e -> e.kind().equals("packs.placed")).count(),
                    "placed once in the events");

            for (PackLease l : b.packLeases("seed-fs02")) {
                if (first.contains(l.pack())) {
                    assertEquals(PackLease.State.PLACED, l.state(), l.pack());
                    assertEquals("SB-B1", l.driveSerial());
                }
            }
            // placed packs never expire
            assertEquals(Set.of(), a.claimPacks("seed-fs02", "host-a/1111", "SB-A2", first, later.plus(Duration
                    .ofDays(30)), LEASE));
            List<String> events = b.events("seed-fs02").stream().map(JobEvent::detail).toList();
            assertTrue(events.contains("host-b/2222 claimed 10 of 10 packs for drive SB-B1; took over 10 from "
                    + "host-a/1111, whose lease expired"), events.toString());
        }
    }

    @Test
    void placingIsAllOrNothingAndReleasedPacksAreFreeAgain() throws Exception {
        try (Catalog a = open("a"); Catalog b = open("b")) {
            a.createJob(SampleJobs.job("seed-fs03"));
            a.offerPacks("seed-fs03", PACKS);
            a.claimPacks("seed-fs03", "host-a/1111", "SB-A1", PACKS.subList(0, 4), T0, LEASE);
            b.claimPacks("seed-fs03", "host-b/2222", "SB-B1", PACKS.subList(4, 5), T0, LEASE);

            assertFalse(a.placePacks("seed-fs03", "host-a/1111", "SB-A1", PACKS.subList(0, 5)), "one is B's");
            assertTrue(a.packLeases("seed-fs03").stream().noneMatch(l -> l.state() == PackLease.State.PLACED),
                    "nothing placed");

            assertEquals(4, a.releasePacks("seed-fs03", "host-a/1111", PACKS.subList(0, 5)), "B's one stays B's");
            assertEquals(Set.copyOf(PACKS.subList(0, 4)), b.claimPacks("seed-fs03", "host-b/2222", "SB-B1",
                    PACKS.subList(0, 4), T0.plusSeconds(1), LEASE));
        }
    }

    @Test
    void deletingAJobRemovesItsLeases() throws Exception {
        try (Catalog a = open("a")) {
            a.createJob(SampleJobs.job("seed-fs04"));
            a.offerPacks("seed-fs04", PACKS);
            a.deleteJob("seed-fs04");
            a.createJob(SampleJobs.job("seed-fs04"));
            assertEquals(List.of(), a.packLeases("seed-fs04"));
        }
    }
}
