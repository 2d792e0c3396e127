package org.seedbench.diskprep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.seedbench.core.support.manifest.DriveManifest;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.Progress;
import org.seedbench.diskprep.DriveCopier.DriveSession;
import org.seedbench.diskprep.FakeSeed.TestDrive;

/** Copies a seed onto folder drives through the real portable encryptor, cut short and resumed. */
class DriveCopierTest {
    private static final long MIB = FakeSeed.MIB;

    @InjectService(filter = "(component.name=org.seedbench.crypto.portable.*)", timeout = 5000)
    DiskEncryptor portable;

    @TempDir
    Path temp;

    private SeedListing seed;
    private Path journals;

    @BeforeEach
    void stage() throws Exception {
        seed = FakeSeed.create(temp.resolve("staging/seed-fs01"), 24, 7);
        journals = temp.resolve("data/drives/seed-fs01");
    }

    private DriveCopier copier() {
        return new DriveCopier(seed, "seed-fs01", "seedcontainer", journals, Clock.systemUTC());
    }

    private List<DriveSession> sessions(List<TestDrive> drives) throws Exception {
        List<DriveSession> sessions = new ArrayList<>();
        for (TestDrive d : drives) {
            sessions.add(new DriveSession(d.serial(), d.unlock(portable), "one-disk", portable.id(), d.key()));
        }
        return sessions;
    }

    private static void close(List<DriveSession> sessions) throws Exception {
        for (DriveSession s : sessions) {
            s.volume().close();
        }
    }

    private DriveCopier.Result run(List<TestDrive> drives, Progress progress) throws Exception {
        List<DriveSession> sessions = sessions(drives);
        try {
            return copier().run(sessions, progress);
        } finally {
            close(sessions);
        }
    }

    private List<TestDrive> drives(int count, long capacity, int first) throws Exception {
        List<TestDrive> drives = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            String serial = String.format("SB-%04d", i);
            drives.add(FakeSeed.drive(portable, temp.resolve("drives/" + serial), serial, capacity));
        }
        return drives;
    }

    /** Every pack is on exactly one drive, the metadata on all, each drive verifies clean. */
    private void assertPlacedOnceAndClean(List<TestDrive> drives) throws Exception {
        Set<String> packsSeen = new HashSet<>();
        for (TestDrive d : drives) {
            try (Volume v = d.unlock(portable)) {
                List<String> files = v.list();
                for (SeedFile m : seed.metadata()) {
                    assertTrue(files.contains(m.drivePath("seed-fs01")), d.serial() + " holds " + m.path());
                }
                for (String f : files) {
                    if (f.startsWith("seed-fs01/packs/")) {
                        assertTrue(packsSeen.add(f), f + " is on two drives");
                    }
                }
                DriveInfoFile.Info info = DriveInfoFile.read(DriveInfoFile.path(journals, "seed-fs01", d.serial()));
                assertEquals(d.serial(), info.driveId());
                assertEquals("\\drive-manifest.xml", info.manifestFile());
                DriveVerifier.Report report = DriveVerifier.verify(d.serial(), v, info.manifestHash(), Progress.NONE);
                assertEquals(List.of(), report.problems(), "verify-drive of " + d.serial());
            }
        }
        assertEquals(seed.packs().size(), packsSeen.size(), "every pack is placed");
    }

    @Test
    void threeDrivesHoldTheSeedOnceWithManifestsAndDriveInfo() throws Exception {
        long packBytes = seed.packBytes();
        List<TestDrive> drives = drives(3, packBytes / 3 + 16 * MIB, 1);
        DriveCopier.Result result = run(drives, Progress.NONE);

        assertTrue(result.complete());
        assertEquals(3, result.drives().size());
        assertPlacedOnceAndClean(drives);
        Path info = DriveInfoFile.path(journals, "seed-fs01", "SB-0001");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(info)));
        try (Volume v = drives.get(0).unlock(portable); InputStream in = v.open(DriveManifest.FILE_NAME)) {
            StringBuilder id = new StringBuilder();
            List<DriveManifest.Blob> blobs = DriveManifest.read(in, id);
            assertEquals("SB-0001", id.toString());
            DriveManifest.Blob pack = blobs.stream().filter(b -> b.volumePath().contains("/packs/")).findFirst()
                    .orElseThrow();
            assertTrue(pack.blobPath().startsWith("seedcontainer/seed-fs01/packs/"));
            assertEquals(DriveManifest.blockCount(pack.length()), pack.blocks().size());
            assertEquals(32, pack.blocks().get(0).hash().length());
        }
    }

    @Test
    void tooFewDrivesStopWithTheShortfallAndAThirdCompletesWithoutRecopying() throws Exception {
        long packBytes = seed.packBytes();
        List<TestDrive> two = drives(2, packBytes / 3 + 16 * MIB, 1);
        DriveCopier.Result first = run(two, Progress.NONE);

        assertFalse(first.complete());
        assertEquals(1, first.allocation().drivesNeeded());
        // at least what does not fit on the two drives (packs are placed whole, so it can be more)
        assertTrue(first.allocation().shortfallBytes() >= packBytes - 2 * (packBytes / 3 + 16 * MIB), "shortfall "
                + first.allocation().shortfallBytes());
        long copiedFirst = first.bytesCopied();

        List<TestDrive> three = new ArrayList<>(two);
        three.addAll(drives(1, packBytes / 3 + 16 * MIB, 3));
        DriveCopier.Result second = run(three, Progress.NONE);

        assertTrue(second.complete());
        assertEquals(0, second.drives().get(0).blocksCopied(), "SB-0001 was not copied again");
        assertEquals(0, second.drives().get(1).blocksCopied(), "SB-0002 was not copied again");
        // the packs the first run left, and the metadata of the new drive (the first two got theirs then)
        assertEquals(packBytes - copiedFirst + 3 * seed.metadataBytes(), second.bytesCopied());
        assertPlacedOnceAndClean(three);
    }

    @Test
    void aRunCutShortResumesWithoutCopyingAFinishedBlockAgain() throws Exception {
        List<TestDrive> drives = drives(2, seed.packBytes() / 2 + 32 * MIB, 1);
        // each run is cut short before it could finish: the three together copy less than the seed
        for (long stopAt : new long[] {5 * MIB, 25 * MIB, 45 * MIB}) {
            assertThrows(Progress.CanceledException.class, () -> run(drives, cutAt(stopAt)));
        }
        DriveCopier.Result result = run(drives, Progress.NONE);
        assertTrue(result.complete());
        long blocks = 0;
        for (TestDrive d : drives) {
            Set<String> seen = new HashSet<>();
            for (String line : FakeSeed.journalLines(journals, d.serial())) {
                if (line.startsWith("block ")) {
                    String[] f = line.split(" ");
                    assertTrue(seen.add(f[1] + "/" + f[2]), d.serial() + ": block " + f[2] + " of file " + f[1]
                            + " copied twice");
                    blocks++;
                }
            }
        }
        long expected = 0;
        for (TestDrive d : drives) {
            try (DriveJournal j = DriveJournal.open(DriveJournal.path(journals, d.serial()))) {
                for (SeedFile f : copier().filesOf(j.assigned())) {
                    expected += DriveManifest.blockCount(f.length());
                }
            }
        }
        assertEquals(expected, blocks, "every block journaled once");
        assertPlacedOnceAndClean(drives);
    }

    @Test
    void aPackCutShortInTheMiddleKeepsItsRecordedBlocksAndTheRerunCopiesOnlyTheRest() throws Exception {
        Path staging = temp.resolve("big/seed-fs01");
        FakeSeed.create(staging, 0, 11);
        FakeSeed.writeNamed(staging.resolve("packs"), true, 72 * (int) MIB, new java.util.Random(11)); // 18 blocks
        seed = SeedListing.scan(staging);
        SeedFile pack = seed.packs().get(0);
        List<TestDrive> drives = drives(1, 128 * MIB, 1);

        // cut once block 16 is written: blocks 0-15 are synced and recorded, 16 is read ahead and written, not synced
        assertThrows(Progress.CanceledException.class, () -> run(drives, cutAt(66 * MIB)));
        int index = copier().filesOf(bitSet(0)).indexOf(pack);
        long recorded = FakeSeed.journalLines(journals, "SB-0001").stream()
                .filter(l -> l.startsWith("block " + index + " ")).count();
        assertEquals(DriveCopier.SYNC_BLOCKS, recorded, "the blocks up to the last sync are recorded");
        long recordedAll = FakeSeed.journalLines(journals, "SB-0001").stream().filter(l -> l.startsWith("block "))
                .count(); // with the metadata's
        try (Volume v = drives.get(0).unlock(portable)) {
            assertTrue(v.unfinishedLength(pack.drivePath("seed-fs01")) >= recorded * DriveManifest.BLOCK_SIZE,
                    "every recorded block is on the drive");
        }

        DriveCopier.Result rerun = run(drives, Progress.NONE);
        assertTrue(rerun.complete());
        assertEquals(recordedAll, rerun.drives().get(0).blocksResumed(), "the recorded blocks are kept");
        assertEquals(18 - recorded, rerun.drives().get(0).blocksCopied(), "only the blocks not recorded are copied");
        assertEquals(18 * MIB * 4 - recorded * DriveManifest.BLOCK_SIZE, rerun.bytesCopied());
        assertPlacedOnceAndClean(drives);
    }

    private static java.util.BitSet bitSet(int bit) {
        java.util.BitSet set = new java.util.BitSet();
        set.set(bit);
        return set;
    }

    @Test
    void aFlippedByteOnADriveIsNamedByBlobAndBlock() throws Exception {
        List<TestDrive> drives = drives(1, seed.packBytes() + 64 * MIB, 1);
        run(drives, Progress.NONE);
        SeedFile pack = seed.packs().stream().filter(p -> p.length() == 8 * MIB + 1).findFirst().orElseThrow();
        Path onDisk = drives.get(0).target().mountPoint().resolve(pack.drivePath("seed-fs01"));
        byte[] bytes = Files.readAllBytes(onDisk);
        bytes[bytes.length * 3 / 4] ^= 0x40; // in its second 4 MiB block
        Files.write(onDisk, bytes);
        try (Volume v = drives.get(0).unlock(portable)) {
            DriveVerifier.Report report = DriveVerifier.verify("SB-0001", v, null, Progress.NONE);
            assertEquals(1, report.problems().size(), report.problems().toString());
            String problem = report.problems().get(0);
            assertTrue(problem.contains("blob seedcontainer/" + pack.drivePath("seed-fs01") + " block 1"), problem);
        }
    }

    @Test
    void aDriveOfAnEarlierRunMustBeGivenAgain() throws Exception {
        List<TestDrive> drives = drives(2, seed.packBytes() / 2 + 32 * MIB, 1);
        assertThrows(Progress.CanceledException.class, () -> run(drives, cutAt(10 * MIB + 1)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(drives.subList(0, 1),
                Progress.NONE));
        assertTrue(e.problems().get(0).message().contains("SB-0002"), e.problems().get(0).message());
    }

    /** Cuts a run short once {@code bytes} were copied. */
    private static Progress cutAt(long bytes) {
        AtomicLong worked = new AtomicLong();
        return new Progress() {
            @Override
            public void worked(long units) {
                worked.addAndGet(units);
            }

            @Override
            public boolean isCanceled() {
                return worked.get() >= bytes;
            }
        };
    }

    @Test
    void onlyTheRepositorysObjectsReachTheDrivesTreePacksOnEveryDrive() throws Exception {
        Path staging = temp.resolve("staging/seed-fs01");
        Files.createDirectories(staging.resolve("restored/home"));
        Files.writeString(staging.resolve("restored/home/passwords.txt"), "plaintext restored by an admin");
        Files.writeString(staging.resolve("NOTES.txt"), "an admin's notes");
        seed = SeedListing.scan(staging);
        assertTrue(seed.metadata().stream().anyMatch(f -> f.path().startsWith("treepacks/")), seed.metadata().toString());
        List<TestDrive> drives = drives(2, seed.packBytes() / 2 + 32 * MIB, 1);
        assertTrue(run(drives, Progress.NONE).complete());
        for (TestDrive d : drives) {
            try (Volume v = d.unlock(portable)) {
                for (String f : v.list()) {
                    assertFalse(f.contains("restored") || f.contains("NOTES"), d.serial() + " holds " + f);
                }
            }
        }
        assertPlacedOnceAndClean(drives);
    }

    @Test
    void aDamagedStagedPackIsRefusedByNameAndNothingOfItIsMarkedDone() throws Exception {
        SeedFile pack = seed.packs().stream().filter(p -> p.length() == 8 * MIB + 1).findFirst().orElseThrow();
        Path staged = temp.resolve("staging/seed-fs01").resolve(pack.path());
        byte[] original = Files.readAllBytes(staged);
        byte[] damaged = original.clone();
        damaged[6 * (int) MIB] ^= 0x01;
        Files.write(staged, damaged);
        List<TestDrive> drives = drives(1, seed.packBytes() + 64 * MIB, 1);

        DriveCopier.DamagedStagedFileException e = assertThrows(DriveCopier.DamagedStagedFileException.class,
                () -> run(drives, Progress.NONE));
        assertEquals(pack.path(), e.path());
        assertTrue(e.getMessage().contains("staged pack " + pack.path() + " is damaged"), e.getMessage());
        try (Volume v = drives.get(0).unlock(portable)) {
            assertFalse(v.exists(pack.drivePath("seed-fs01")), "the damaged pack is not finished on the drive");
        }
        int index = copier().filesOf(seed.packs().stream().map(seed.packs()::indexOf)
                .collect(java.util.BitSet::new, java.util.BitSet::set, java.util.BitSet::or)).indexOf(pack);
        for (String line : FakeSeed.journalLines(journals, "SB-0001")) {
            assertFalse(line.startsWith("done " + index + " ") || line.startsWith("block " + index + " "), line);
        }

        Files.write(staged, original);
        assertTrue(run(drives, Progress.NONE).complete());
        assertPlacedOnceAndClean(drives);
    }

    @Test
    void aDamagedJournalTailIsDroppedAndItsBlocksAreCopiedAgain() throws Exception {
        List<TestDrive> drives = drives(2, seed.packBytes() / 2 + 32 * MIB, 1);
        assertThrows(Progress.CanceledException.class, () -> run(drives, cutAt(40 * MIB)));
        // SB-0001: a flipped digit in a block's MD5 in the middle, then a record torn by kill -9
        Path first = DriveJournal.path(journals, "SB-0001");
        List<String> lines = new ArrayList<>(Files.readAllLines(first));
        int block = -1;
        for (int i = lines.size() - 1; i >= 0 && block < 0; i--) {
            if (lines.get(i).startsWith("block ") && i < lines.size() - 3) {
                block = i;
            }
        }
        assertTrue(block > 0, "a block record to damage: " + lines);
        String line = lines.get(block);
        int digit = line.indexOf(' ', line.indexOf(' ', 6) + 1) + 1;
        lines.set(block, line.substring(0, digit) + (line.charAt(digit) == '0' ? '1' : '0') + line.substring(digit + 1));
        Files.writeString(first, String.join("\n", lines) + "\nassignud 3 AAA");
        // SB-0002: its header's "assigned" record damaged
        Path second = DriveJournal.path(journals, "SB-0002");
        Files.writeString(second, Files.readString(second).replaceFirst("\nassigned ", "\nassignud "));

        DriveCopier.Result result = run(drives, Progress.NONE);
        assertTrue(result.complete());
        assertTrue(Files.exists(DriveJournal.damagedPath(second)), "the journal with a damaged header is kept aside");
        assertFalse(Files.readString(first).contains("assignud"), "the damaged tail is dropped");
        assertPlacedOnceAndClean(drives);
    }
}
