package org.seedbench.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.PackLease;
import org.seedbench.diskprep.PackClaims;
import org.seedbench.diskprep.SeedFile;
import org.seedbench.diskprep.SeedListing;

/**
 * A job's packs shared by the copy computers of a shared catalog, as this computer sees them: its claims are leases
 * in the catalog ({@link Catalog#claimPacks}), renewed by a heartbeat while it copies; a lease a crashed computer
 * stopped renewing runs out and the next run of any computer takes its packs over.
 */
final class SharedPacks implements PackClaims, AutoCloseable {
    /** Environment variable (or system property {@code seedbench.lease.seconds}): how long a claim holds unrenewed. */
    static final String LEASE_ENV = "SEEDBENCH_LEASE_SECONDS";
    static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

    private final Workspace workspace;
    private final String jobName;
    private final String computer;
    private final List<String> packs;
    private final Map<String, Integer> index = new HashMap<>();
    private final Clock clock;
    private final Duration lease;
    private ScheduledExecutorService heartbeat;

    /** Offers the job's packs in the catalog (once, whichever computer comes first). */
    SharedPacks(Workspace workspace, String jobName, String computer, SeedListing listing, Clock clock,
            Duration lease) {
        this.workspace = workspace;
        this.jobName = jobName;
        this.computer = computer;
        this.packs = listing.packs().stream().map(SeedFile::path).toList();
        for (int i = 0; i < packs.size(); i++) {
            index.put(packs.get(i), i);
        }
        this.clock = clock;
        this.lease = lease;
        try (Catalog catalog = workspace.catalog()) {
            catalog.offerPacks(jobName, packs);
        }
    }

    /** The lease length: {@value #LEASE_ENV} seconds, else {@link #DEFAULT_LEASE}. */
    static Duration leaseLength() {
        String value = System.getProperty("seedbench.lease.seconds", System.getenv(LEASE_ENV));
        if (value == null || value.isBlank()) {
            return DEFAULT_LEASE;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LEASE;
        } catch (NumberFormatException e) {
            return DEFAULT_LEASE;
        }
    }

    String computer() {
        return computer;
    }

    @Override
    public BitSet heldElsewhere() {
        Instant now = clock.instant();
        BitSet held = new BitSet();
        for (PackLease l : leases()) {
            Integer i = index.get(l.pack());
            if (i != null && !computer.equals(l.computer()) && !l.takeable(now)) {
                held.set(i);
            }
        }
        return held;
    }

    @Override
    public BitSet claim(String serial, BitSet wanted) {
        BitSet won = new BitSet();
        List<String> ask = new ArrayList<>();
        Map<String, PackLease> now = byPack();
        for (int i = wanted.nextSetBit(0); i >= 0; i = wanted.nextSetBit(i + 1)) {
            PackLease l = now.get(packs.get(i));
            if (l != null && l.state() == PackLease.State.PLACED && computer.equals(l.computer())
                    && serial.equals(l.driveSerial())) {
                won.set(i);
            } else {
                ask.add(packs.get(i));
            }
        }
        if (!ask.isEmpty()) {
            Set<String> claimed;
            try (Catalog catalog = workspace.catalog()) {
                claimed = catalog.claimPacks(jobName, computer, serial, ask, clock.instant(), lease);
            }
            claimed.forEach(p -> won.set(index.get(p)));
        }
        return won;
    }

    @Override
    public void keepOnly(BitSet mine) {
        List<String> release = new ArrayList<>();
        for (PackLease l : leases()) {
            Integer i = index.get(l.pack());
            if (i != null && l.state() == PackLease.State.CLAIMED && computer.equals(l.computer()) && !mine.get(i)) {
                release.add(l.pack());
            }
        }
        if (!release.isEmpty()) {
            try (Catalog catalog = workspace.catalog()) {
                catalog.releasePacks(jobName, computer, release);
            }
        }
    }

    /** Marks a finished drive's packs placed; false when another computer took one over (the drive is planned again). */
    boolean place(String serial, BitSet drivePacks) {
        try (Catalog catalog = workspace.catalog()) {
            return catalog.placePacks(jobName, computer, serial, names(drivePacks));
        }
    }

    /**
     * Where the job's packs stand: how many are not placed yet, how many of those no computer holds (free, or their
     * lease ran out), and which other computers hold claims.
     */
    record Standing(int unplaced, int unheld, Set<String> claimedBy) {
    }

    Standing standing() {
        Instant now = clock.instant();
        int unplaced = packs.size();
        int held = 0;
        Set<String> holders = new java.util.TreeSet<>();
        for (PackLease l : leases()) {
            if (!index.containsKey(l.pack())) {
                continue;
            }
            if (l.state() == PackLease.State.PLACED) {
                unplaced--;
                held++;
            } else if (!l.takeable(now)) {
                held++;
                if (!computer.equals(l.computer())) {
                    holders.add(l.computer());
                }
            }
        }
        return new Standing(unplaced, packs.size() - held, holders);
    }

    /** Renews this computer's claims every third of the lease until {@link #close()}. */
    SharedPacks beating() {
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seedbench-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, lease.toMillis() / 3);
        heartbeat.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    private void renew() {
        try (Catalog catalog = workspace.catalog()) {
            catalog.renewPackLeases(jobName, computer, clock.instant(), lease);
        } catch (RuntimeException e) {
            // the next beat tries again; a lease that runs out meanwhile is found lost when the drive is placed
        }
    }

    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
            heartbeat = null;
        }
    }

    private List<String> names(BitSet set) {
        List<String> names = new ArrayList<>();
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            names.add(packs.get(i));
        }
        return names;
    }

    private List<PackLease> leases() {
        try (Catalog catalog = workspace.catalog()) {
            return catalog.packLeases(jobName);
        }
    }

    private Map<String, PackLease> byPack() {
        Map<String, PackLease> map = new HashMap<>();
        leases().forEach(l -> map.put(l.pack(), l));
        return map;
    }
}
