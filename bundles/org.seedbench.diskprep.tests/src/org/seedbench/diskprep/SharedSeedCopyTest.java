package org.seedbench.diskprep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.Progress;
import org.seedbench.diskprep.DriveCopier.DriveSession;
import org.seedbench.diskprep.FakeSeed.TestDrive;

/**
 * Two copy computers (two journal folders) copying one seed through shared claims, kept here in memory as the
 * catalog's pack leases keep them: each copies only the packs it claimed; a drive that lost packs to the other
 * computer is planned again with what it still holds. A lease that ran out is simulated by marking it so.
 */
class SharedSeedCopyTest {
    private static final long MIB = FakeSeed.MIB;

    @InjectService(filter = "(component.name=org.seedbench.crypto.portable.*)", timeout = 5000)
    DiskEncryptor portable;

    @TempDir
    Path temp;

    private SeedListing seed;
    private final Leases leases = new Leases();

    @BeforeEach
    void stage() throws Exception {
        seed = FakeSeed.create(temp.resolve("staging/seed-fs01"), 12, 11);
    }

    /** The packs' owners, as the catalog's lease table keeps them. */
    private static final class Leases {
        final Map<Integer, String> owner = new HashMap<>();
        final Map<Integer, String> drive = new HashMap<>();
        final Set<Integer> expired = new HashSet<>();

        PackClaims of(String computer) {
            return new PackClaims() {
                @Override
                public BitSet heldElsewhere() {
                    BitSet held = new BitSet();
                    owner.forEach((p, c) -> {
                        if (!c.equals(computer) && !expired.contains(p)) {
                            held.set(p);
                        }
                    });
                    return held;
                }

                @Override
                public BitSet claim(String serial, BitSet packs) {
                    BitSet won = new BitSet();
                    for (int p = packs.nextSetBit(0); p >= 0; p = packs.nextSetBit(p + 1)) {
                        String was = owner.get(p);
                        if (was == null || was.equals(computer) || expired.contains(p)) {
                            owner.put(p, computer);
                            drive.put(p, serial);
                            expired.remove(p);
                            won.set(p);
                        }
                    }
                    return won;
                }

                @Override
                public void keepOnly(BitSet mine) {
                    owner.entrySet().removeIf(e -> e.getValue().equals(computer) && !mine.get(e.getKey()));
                }
            };
        }
    }

    private DriveCopier.Result run(String computer, TestDrive drive, Progress progress) throws Exception {
        Path journals = temp.resolve("data-" + computer + "/drives/seed-fs01");
        try (Volume volume = drive.unlock(portable)) {
            return new DriveCopier(seed, "seed-fs01", "seedcontainer", journals, Clock.systemUTC())
                    .sharing(leases.of(computer))
                    .run(List.of(new DriveSession(drive.serial(), volume, drive.serial(), portable.id(), drive.key())),
                            progress);
        }
    }

    private TestDrive drive(String serial, long capacity) throws Exception {
        return FakeSeed.drive(portable, temp.resolve("drives/" + serial), serial, capacity);
    }

    /** Every pack on exactly one of the drives, each drive's manifest listing what it holds; pack → serial. */
    private Map<String, String> placedOnceAndClean(Map<String, TestDrive> byComputer) throws Exception {
        Map<String, String> where = new HashMap<>();
        for (Map.Entry<String, TestDrive> e : byComputer.entrySet()) {
            TestDrive d = e.getValue();
            Path journals = temp.resolve("data-" + e.getKey() + "/drives/seed-fs01");
            try (Volume v = d.unlock(portable)) {
                for (String f : v.list()) {
                    if (f.startsWith("seed-fs01/packs/")) {
                        assertEquals(null, where.put(f, d.serial()), f + " is on two drives");
                    }
                }
                DriveInfoFile.Info info = DriveInfoFile.read(DriveInfoFile.path(journals, "seed-fs01", d.serial()));
                DriveVerifier.Report report = DriveVerifier.verify(d.serial(), v, info.manifestHash(), Progress.NONE);
                assertEquals(List.of(), report.problems(), "verify-drive of " + d.serial());
                assertEquals(v.list().stream().filter(f -> f.startsWith("seed-fs01/")).count(), report.blobs(),
                        d.serial() + ": its manifest lists exactly the seed's files on it");
            }
        }
        assertEquals(seed.packs().size(), where.size(), "every pack is placed");
        return where;
    }

    @Test
    void twoComputersEachCopyOnlyThePacksTheyClaimed() throws Exception {
        TestDrive a = drive("SB-A1", seed.packBytes() / 2 + 8 * MIB);
        TestDrive b = drive("SB-B1", seed.packBytes() + 16 * MIB);

        DriveCopier.Result first = run("a", a, Progress.NONE);
        assertFalse(first.allocation().complete(), "A's drive holds only part, no one holds the rest yet");
        DriveCopier.Result second = run("b", b, Progress.NONE);
        assertTrue(second.complete(), "B holds the rest; A's packs are A's");

        Map<String, String> where = placedOnceAndClean(Map.of("a", a, "b", b));
        assertTrue(where.containsValue("SB-A1") && where.containsValue("SB-B1"));
        assertEquals(first.allocation().assigned().get("SB-A1").cardinality(), where.values().stream()
                .filter("SB-A1"::equals).count());
    }

    @Test
    void aDriveThatLostPacksToAnotherComputerIsPlannedAgainWithWhatIsStillItsOwn() throws Exception {
        TestDrive a = drive("SB-A1", seed.packBytes() + 16 * MIB);
        AtomicLong worked = new AtomicLong();
        Progress killedMidway = new Progress() {
            @Override
            public void worked(long units) {
                worked.addAndGet(units);
            }

            @Override
            public boolean isCanceled() {
                return worked.get() >= seed.packBytes() / 3;
            }
        };
        assertThrows(Progress.CanceledException.class, () -> run("a", a, killedMidway));
        assertEquals(seed.packs().size(), leases.owner.size(), "A claimed every pack for its drive");
        leases.expired.addAll(leases.owner.keySet()); // A's lease ran out

        TestDrive b = drive("SB-B1", seed.packBytes() / 2 + 8 * MIB);
        DriveCopier.Result taken = run("b", b, Progress.NONE);
        assertFalse(taken.allocation().complete(), "B took over what fits on its drive");
        leases.expired.clear(); // A is back and renews what is still its own

        DriveCopier.Result back = run("a", a, Progress.NONE);
        assertTrue(back.complete());
        assertTrue(Files.exists(temp.resolve("data-a/drives/seed-fs01/.SB-A1.journal.replanned")),
                "the journal that named B's packs is set aside");
        Map<String, String> where = placedOnceAndClean(Map.of("a", a, "b", b));
        assertTrue(where.containsValue("SB-A1") && where.containsValue("SB-B1"));
        List<String> ofB = new ArrayList<>();
        where.forEach((pack, serial) -> {
            if (serial.equals("SB-B1")) {
                ofB.add(pack);
            }
        });
        assertEquals(taken.allocation().assigned().get("SB-B1").cardinality(), ofB.size());
    }
}
