package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.backup.BackupResult;
import org.seedbench.backup.Repository;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.backup.WorkloadRun;
import org.seedbench.core.spi.Progress;

/** Data already in the repository is not stored again. */
class DedupAndRerunTest {
    private static final int MIB = 1024 * 1024;
    private final Fixture fx = new Fixture();

    @TempDir
    Path temp;

    @Test
    void theSameContentTwiceIsStoredOnce() throws IOException {
        Path src = temp.resolve("source");
        Files.createDirectories(src.resolve("copy"));
        byte[] content = Fixture.random(1, 3 * MIB);
        Files.write(src.resolve("original.bin"), content);
        Files.write(src.resolve("copy/original.bin"), content);
        Path repoDir = temp.resolve("repo");
        try (Repository repo = fx.init(repoDir, Fixture.SMALL)) {
            BackupResult r = fx.backup(repo, src);
            assertEquals(6 * MIB, r.statistics().bytesRead());
            assertEquals(3 * MIB, r.statistics().bytesNew(), "the copy adds nothing new");
            assertEquals(2.0, r.statistics().dedupRatio(), 0.001);
            assertTrue(Fixture.size(repoDir) < 3.2 * MIB, "the repository holds one copy: " + Fixture.size(repoDir));
        }
    }

    @Test
    void aRerunWithoutChangesStoresNothingNew() throws IOException {
        Path src = temp.resolve("source");
        Files.createDirectories(src.resolve("sub"));
        Files.write(src.resolve("text.txt"), Fixture.text(2, 2 * MIB));
        Files.write(src.resolve("sub/data.bin"), Fixture.random(3, MIB));
        Path repoDir = temp.resolve("repo");
        try (Repository repo = fx.init(repoDir, Fixture.SMALL)) {
            BackupResult first = fx.backup(repo, src);
            assertTrue(first.statistics().bytesNew() > 0);
            assertTrue(first.statistics().compressionRatio() > 1.5, "text compresses: "
                    + first.statistics().compressionRatio());
            List<String> packs = Fixture.files(repoDir, "packs");
            List<String> index = Fixture.files(repoDir, "index");

            BackupResult second = fx.backup(repo, src);
            assertEquals(0, second.statistics().bytesNew(), "0 bytes new");
            assertEquals(0, second.statistics().newChunks());
            assertEquals(0, second.statistics().bytesStored());
            assertEquals(first.statistics().bytesRead(), second.statistics().bytesRead());
            assertTrue(second.statistics().summary().contains("0 B new"), second.statistics().summary());
            assertEquals(packs, Fixture.files(repoDir, "packs"), "no pack is written");
            assertEquals(index, Fixture.files(repoDir, "index"), "no index file is written");
            assertNotEquals(first.snapshots().get(0).id(), second.snapshots().get(0).id());

            List<SnapshotInfo> snapshots = fx.engine.snapshots(repo);
            assertEquals(2, snapshots.size());
            assertEquals(second.snapshots().get(0).id(), snapshots.get(1).id(), "oldest first");
            assertEquals(0, snapshots.get(1).statistics().bytesNew(), "the statistics are kept with the snapshot");
        }
    }

    @Test
    void anIncrementalStoresOnlyWhatChanged() throws IOException {
        Path src = temp.resolve("source");
        Files.createDirectories(src);
        byte[] big = Fixture.random(4, 4 * MIB);
        Files.write(src.resolve("big.bin"), big);
        Files.write(src.resolve("other.bin"), Fixture.random(5, MIB));
        try (Repository repo = fx.init(temp.resolve("repo"), Fixture.SMALL)) {
            fx.backup(repo, src);
            big[2 * MIB] ^= 1;
            Files.write(src.resolve("big.bin"), big);
            BackupResult r = fx.backup(repo, src);
            assertTrue(r.statistics().bytesNew() > 0 && r.statistics().bytesNew() <= 512 * 1024,
                    "one changed byte stores about one chunk: " + r.statistics().bytesNew());
        }
    }

    @Test
    void aRerunReadsOnlyTheFilesWhoseSizeOrTimeChanged() throws Exception {
        Path src = temp.resolve("source");
        Files.createDirectories(src);
        Files.write(src.resolve("same.bin"), Fixture.random(6, MIB));
        Files.write(src.resolve("touched.bin"), Fixture.random(7, MIB));
        List<String> opened = new java.util.ArrayList<>();
        FolderSourceForTests source = new FolderSourceForTests().onOpen((item, opening) -> opened.add(item.path()));
        try (Repository repo = fx.init(temp.resolve("repo"), Fixture.SMALL)) {
            fx.backup(repo, source, src, Progress.NONE);
            assertEquals(List.of("same.bin", "touched.bin"), opened);
            opened.clear();
            Files.setLastModifiedTime(src.resolve("touched.bin"),
                    java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2024-01-01T00:00:00Z")));
            BackupResult r = fx.backup(repo, source, src, Progress.NONE);
            assertEquals(List.of("touched.bin"), opened, "an unchanged file is taken from the previous snapshot");
            assertEquals(2 * MIB, r.statistics().bytesRead(), "the snapshot still covers both files");
            assertEquals(0, r.statistics().bytesNew());
            fx.engine.restore(repo, "latest", temp.resolve("out"), List.of(), false, Progress.NONE);
        }
        assertEquals(-1, Fixture.mismatch(src.resolve("same.bin"), temp.resolve("out/same.bin")));
    }

    @Test
    void eachWorkloadOfARunBecomesASnapshot() throws Exception {
        Path a = temp.resolve("a");
        Path b = temp.resolve("b");
        Files.createDirectories(a);
        Files.createDirectories(b);
        Files.writeString(a.resolve("one.txt"), "one");
        Files.writeString(b.resolve("two.txt"), "two");
        FolderSourceForTests source = new FolderSourceForTests();
        try (Repository repo = fx.init(temp.resolve("repo"), Fixture.SMALL)) {
            BackupResult r = fx.engine.backup(repo, List.of(new WorkloadRun(source, FolderSourceForTests.spec(a)),
                    new WorkloadRun(source, FolderSourceForTests.spec(b))), Progress.NONE, w -> {
                    });
            assertEquals(2, r.snapshots().size());
            assertEquals(FolderSourceForTests.spec(a), r.snapshots().get(0).workload());
            assertEquals(2, r.statistics().files());
            fx.engine.restore(repo, r.snapshots().get(1).id(), temp.resolve("out"), List.of(), false, Progress.NONE);
            assertEquals("two", Files.readString(temp.resolve("out/two.txt")));
            assertTrue(Files.notExists(temp.resolve("out/one.txt")));
        }
    }
}
