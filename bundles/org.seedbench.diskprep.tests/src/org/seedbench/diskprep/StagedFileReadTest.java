package org.seedbench.diskprep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.seedbench.backup.RepositoryLayout;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.support.store.ForwardingObjectStore;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.support.store.FolderObjectStore;
import org.seedbench.diskprep.DriveCopier.DriveSession;
import org.seedbench.diskprep.FakeSeed.TestDrive;

/**
 * The drive copy reads a staged object the staging store keeps in a local file through that file, not through the
 * store's stream; objects of other stores through the stream. Either way a staged file that shrank since the drives
 * were planned stops the copy with the same message.
 */
class StagedFileReadTest {
    private static final long MIB = FakeSeed.MIB;

    @InjectService(filter = "(component.name=org.seedbench.crypto.portable.*)", timeout = 5000)
    DiskEncryptor portable;

    @TempDir
    Path temp;

    private DriveCopier.Result copy(SeedListing seed, TestDrive drive) throws Exception {
        try (Volume volume = drive.unlock(portable)) {
            return new DriveCopier(seed, "seed-fs01", "seedcontainer", temp.resolve("data-" + drive.serial()),
                    Clock.systemUTC()).run(List.of(new DriveSession(drive.serial(), volume, "one-disk",
                            portable.id(), drive.key())), Progress.NONE);
        }
    }

    @Test
    void aStagedObjectInALocalFileIsCopiedFromItsFileNeverThroughTheStoresStream() throws Exception {
        Path folder = temp.resolve("staging/seed-fs01");
        FakeSeed.create(folder, 4, 3);
        SeedListing seed = SeedListing.scan(new FilesOnly(new FolderObjectStore(folder, RepositoryLayout::isObject)));
        TestDrive drive = FakeSeed.drive(portable, temp.resolve("drives/SB-0001"), "SB-0001",
                seed.packBytes() + 64 * MIB);

        assertTrue(copy(seed, drive).complete());

        try (Volume v = drive.unlock(portable)) {
            for (List<SeedFile> group : List.of(seed.metadata(), seed.packs())) {
                for (SeedFile f : group) {
                    try (InputStream in = v.open(f.drivePath("seed-fs01"))) {
                        assertArrayEquals(Files.readAllBytes(folder.resolve(f.path())), in.readAllBytes(), f.path());
                    }
                }
            }
        }
    }

    @Test
    void aStagedFileThatShrankSincePlanningStopsTheCopyWhateverKeepsIt() throws Exception {
        Path folder = temp.resolve("staging/seed-fs01");
        FakeSeed.create(folder, 3, 9);
        SeedListing inFolder = SeedListing.scan(folder);
        MemoryStore memory = new MemoryStore();
        for (List<SeedFile> group : List.of(inFolder.metadata(), inFolder.packs())) {
            for (SeedFile f : group) {
                memory.put(f.path(), Files.readAllBytes(folder.resolve(f.path())));
            }
        }
        SeedListing inMemory = SeedListing.scan(memory);
        SeedFile pack = inFolder.packs().stream().filter(p -> p.length() == 8 * MIB + 1).findFirst().orElseThrow();
        byte[] shorter = Arrays.copyOf(Files.readAllBytes(folder.resolve(pack.path())), (int) (6 * MIB));
        Files.write(folder.resolve(pack.path()), shorter);
        memory.put(pack.path(), shorter);

        int n = 0;
        for (SeedListing seed : List.of(inFolder, inMemory)) {
            n++;
            TestDrive drive = FakeSeed.drive(portable, temp.resolve("drives/SB-000" + n), "SB-000" + n,
                    seed.packBytes() + 64 * MIB);
            IOException e = assertThrows(IOException.class, () -> copy(seed, drive));
            assertEquals("the staged file " + pack.drivePath("seed-fs01") + " is shorter than when the drives were "
                    + "planned; the staging repository changed (prepare-drives --restart)", e.getMessage());
        }
    }

    /** A folder store whose objects can be read through their files only: its streams fail the test. */
    private static final class FilesOnly extends ForwardingObjectStore {

        FilesOnly(ObjectStore folder) {
            super(folder);
        }

        @Override
        public InputStream open(String name) {
            throw new AssertionError(name + " was read through the store's stream, not its file");
        }

        @Override
        public InputStream open(String name, long offset, long length) {
            throw new AssertionError(name + " was read through the store's stream, not its file");
        }
    }
}
