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
import org.seedbench.core.manifest.DriveManifest;
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
                assertEquals("/drive-manifest.xml", info.manifestFile());
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
            DriveManifest.Blob pack = blobs.stream().filter(b -> b.filePath().contains("/packs/")).findFirst()
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
        // two drives of a third of the packs (and some) leave less than a third over: one more such drive holds it
        long shortfall = first.allocation().shortfallBytes();
        assertTrue(shortfall > 0 && shortfall <= packBytes / 3 + 16 * MIB, "shortfall " + shortfall);
        long copiedFirst = first.bytesCopied();

        List<TestDrive> three = new ArrayList<>(two);
        three.addAll(drives(1, packBytes / 3 + 16 * MIB, 3));
        DriveCopier.Result second = run(three, Progress.NONE);

        assertTrue(second.complete());
        assertEquals(0, second.drives().get(0).blocksCopied(), "SB-0001 was not copied again");
        assertEquals(0, second.drives().get(1).blocksCopied(), "SB-0002 was not copied again");
        // across both runs: every pack once, and the metadata once on each of the three drives
        assertTrue(copiedFirst + second.bytesCopied() <= packBytes + 3 * seed.metadataBytes(),
                "copied " + copiedFirst + " + " + second.bytesCopied() + " bytes");
        assertPlacedOnceAndClean(three);
    }

    @Test
    void aRunCutShortResumesWithoutCopyingAFinishedBlockAgain() throws Exception {
        List<TestDrive> drives = drives(2, seed.packBytes() / 2 + 32 * MIB, 1);
        // each run is cut after this many more bytes: together well short of the seed, so every run is cut
        for (long stopAt : new long[] {5 * MIB, 20 * MIB, 20 * MIB}) {
            AtomicLong worked = new AtomicLong();
            Progress cutting = new Progress() {
                @Override
                public void worked(long units) {
                    worked.addAndGet(units);
                }

                @Override
                public boolean isCanceled() {
                    return worked.get() >= stopAt;
                }
            };
            assertThrows(Progress.CanceledException.class, () -> run(drives, cutting));
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
    void aFlippedByteOnADriveIsNamedByBlobAndBlock() throws Exception {
        List<TestDrive> drives = drives(1, seed.packBytes() + 64 * MIB, 1);
        run(drives, Progress.NONE);
        // the pack of 8 MiB + 1 byte: its middle lies in its second 4 MiB block
        SeedFile pack = seed.packs().stream().filter(p -> p.length() == 8 * MIB + 1).findFirst().orElseThrow();
        Path onDisk = drives.get(0).target().mountPoint().resolve(pack.drivePath("seed-fs01"));
        byte[] bytes = Files.readAllBytes(onDisk);
        bytes[6 * (int) MIB] ^= 0x40; // 6 MiB into the sealed file: well inside the plain text's second block
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
        AtomicLong worked = new AtomicLong();
        Progress cutting = new Progress() {
            @Override
            public void worked(long units) {
                worked.addAndGet(units);
            }

            @Override
            public boolean isCanceled() {
                return worked.get() > 10 * MIB;
            }
        };
        assertThrows(Progress.CanceledException.class, () -> run(drives, cutting));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(drives.subList(0, 1),
                Progress.NONE));
        assertTrue(e.problems().get(0).message().contains("SB-0002"), e.problems().get(0).message());
    }
}
