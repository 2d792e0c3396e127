package org.seedbench.diskprep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.Progress;
import org.seedbench.diskprep.DriveCopier.DriveSession;
import org.seedbench.diskprep.FakeSeed.TestDrive;

/**
 * The seed is listed and read through the backup engine's view of the staged repository's object store, not by
 * walking a staging folder: a repository kept in a store that is no folder goes onto drives the same way.
 */
class SeedFromObjectStoreTest {
    private static final long MIB = FakeSeed.MIB;

    @InjectService(filter = "(component.name=org.seedbench.crypto.portable.*)", timeout = 5000)
    DiskEncryptor portable;

    @TempDir
    Path temp;

    /** The fake seed's files, an admin's note and a write in progress, put into a store in memory. */
    private MemoryStore stage(Path folder, SeedListing fromFolder) throws Exception {
        Files.writeString(folder.resolve("NOTES.txt"), "an admin's notes");
        MemoryStore store = new MemoryStore();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            store.put(folder.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
        }
        assertTrue(store.exists("packs/.tmp-unfinished") && store.exists("NOTES.txt"));
        assertEquals(fromFolder.metadata().size() + fromFolder.packs().size(), store.list("").size() - 1,
                "the store lists every object and the note, never the write in progress");
        return store;
    }

    private DriveCopier.Result copy(SeedListing seed, List<TestDrive> drives) throws Exception {
        List<DriveSession> sessions = new ArrayList<>();
        for (TestDrive d : drives) {
            sessions.add(new DriveSession(d.serial(), d.unlock(portable), "one-disk", portable.id(), d.key()));
        }
        try {
            return new DriveCopier(seed, "seed-fs01", "seedcontainer", temp.resolve("data/drives/seed-fs01"),
                    Clock.systemUTC()).run(sessions, Progress.NONE);
        } finally {
            for (DriveSession s : sessions) {
                s.volume().close();
            }
        }
    }

    @Test
    void aSeedInAStoreThatIsNoFolderGoesOntoTheDrivesObjectForObject() throws Exception {
        Path folder = temp.resolve("staging/seed-fs01");
        SeedListing fromFolder = FakeSeed.create(folder, 6, 11);
        MemoryStore store = stage(folder, fromFolder);
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }

        SeedListing seed = SeedListing.scan(store);
        assertEquals(fromFolder.metadata(), seed.metadata());
        assertEquals(fromFolder.packs(), seed.packs());
        assertEquals(fromFolder.hash(), seed.hash(), "the same objects make the same listing, whatever holds them");

        List<TestDrive> drives = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            String serial = "SB-000" + i;
            drives.add(FakeSeed.drive(portable, temp.resolve("drives/" + serial), serial,
                    seed.packBytes() / 2 + 32 * MIB));
        }
        assertTrue(copy(seed, drives).complete());

        Set<String> packsSeen = new HashSet<>();
        for (TestDrive d : drives) {
            try (Volume v = d.unlock(portable)) {
                List<String> onDrive = v.list();
                assertFalse(onDrive.stream().anyMatch(f -> f.contains("NOTES") || f.contains(".tmp-")),
                        onDrive.toString());
                for (SeedFile f : seed.metadata()) {
                    assertSameBytes(store, v, f);
                }
                for (SeedFile f : seed.packs()) {
                    if (onDrive.contains(f.drivePath("seed-fs01"))) {
                        assertSameBytes(store, v, f);
                        assertTrue(packsSeen.add(f.path()), f.path() + " is on two drives");
                    }
                }
            }
        }
        assertEquals(seed.packs().size(), packsSeen.size(), "every pack is on a drive");
    }

    @Test
    void aDamagedPackInTheStoreIsRefusedByName() throws Exception {
        Path folder = temp.resolve("staging/seed-fs01");
        MemoryStore store = stage(folder, FakeSeed.create(folder, 3, 5));
        SeedListing seed = SeedListing.scan(store);
        SeedFile pack = seed.packs().get(1);
        store.flip(pack.path(), (int) (pack.length() / 2));
        TestDrive drive = FakeSeed.drive(portable, temp.resolve("drives/SB-0001"), "SB-0001",
                seed.packBytes() + 64 * MIB);

        DriveCopier.DamagedStagedFileException e = assertThrows(DriveCopier.DamagedStagedFileException.class,
                () -> copy(seed, List.of(drive)));
        assertEquals(pack.path(), e.path());
    }

    private static void assertSameBytes(MemoryStore store, Volume v, SeedFile f) throws Exception {
        try (InputStream in = v.open(f.drivePath("seed-fs01"))) {
            assertArrayEquals(store.get(f.path()), in.readAllBytes(), f.path());
        }
    }
}
