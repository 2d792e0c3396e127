package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.backup.BackupResult;
import org.seedbench.backup.BackupStatistics;
import org.seedbench.backup.Repository;
import org.seedbench.core.spi.Progress;

/**
 * A rerun takes unchanged files and whole unchanged tree parts from the previous snapshot, and recognises a file as
 * unchanged by size, modification time, status change time and inode (restic's rule).
 */
class RerunTest {
    private static final FileTime MTIME = FileTime.from(Instant.parse("2024-05-01T10:00:00Z"));
    /** Items in a tree part (TreeBuilder.PART_ITEMS): more files than this make a tree of several parts. */
    private static final int PART_ITEMS = 2000;

    /** What the tests with thousands of files restore: a file of each tree part (a restore fsyncs every file). */
    private static final List<String> SOME = List.of("d0/f0000.txt", "d0/f0001.txt", "d9/f0249.txt");

    private final Fixture fx = new Fixture();
    private final List<String> opened = new ArrayList<>();

    @TempDir
    Path temp;

    private FolderSourceForTests source() {
        return new FolderSourceForTests().onOpen((item, opening) -> opened.add(item.path()));
    }

    @Test
    void aFileRewrittenWithItsSizeAndTimeRestoredIsReadAgain() throws Exception {
        Path src = temp.resolve("source");
        Files.createDirectories(src);
        Path file = src.resolve("report.txt");
        Files.writeString(file, "total: 100");
        Files.setLastModifiedTime(file, MTIME);
        Files.writeString(src.resolve("other.txt"), "other");
        try (Repository repo = fx.init(temp.resolve("repo"), Fixture.SMALL)) {
            fx.backup(repo, source(), src, Progress.NONE);
            Object ctime = ctime(file);
            Files.writeString(file, "total: 999");
            Files.setLastModifiedTime(file, MTIME); // what `touch -d` does: same size, same mtime, new content
            while (ctime(file).equals(ctime)) {
                Files.setLastModifiedTime(file, MTIME); // until the file system's clock ticks on
            }
            opened.clear();
            BackupResult r = fx.backup(repo, source(), src, Progress.NONE);
            assertEquals(List.of("report.txt"), opened, "its ctime changed: it is read again, the other is not");
            assertEquals(1, r.statistics().filesUnchanged());
            fx.engine.restore(repo, "latest", temp.resolve("out"), List.of(), false, Progress.NONE);
        }
        assertEquals("total: 999", Files.readString(temp.resolve("out/report.txt")));
    }

    @Test
    void aFileReplacedByAnotherWithTheSameSizeAndTimeIsReadAgain() throws Exception {
        Path src = temp.resolve("source");
        Files.createDirectories(src);
        Path file = src.resolve("a.txt");
        Files.writeString(file, "first");
        Files.setLastModifiedTime(file, MTIME);
        try (Repository repo = fx.init(temp.resolve("repo"), Fixture.SMALL)) {
            fx.backup(repo, source(), src, Progress.NONE);
            Path saved = src.resolve("a.txt.tmp");
            Files.writeString(saved, "again");
            Files.setLastModifiedTime(saved, MTIME);
            Files.move(saved, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // a new inode
            opened.clear();
            fx.backup(repo, source(), src, Progress.NONE);
            assertEquals(List.of("a.txt"), opened);
            fx.engine.restore(repo, "latest", temp.resolve("out"), List.of(), false, Progress.NONE);
        }
        assertEquals("again", Files.readString(temp.resolve("out/a.txt")));
    }

    @Test
    void aRerunWithNothingChangedTakesEveryTreePartAsItWas() throws Exception {
        Path src = tree(PART_ITEMS + 500);
        Path repoDir = temp.resolve("repo");
        try (Repository repo = fx.init(repoDir, Fixture.SMALL)) {
            BackupResult first = fx.backup(repo, source(), src, Progress.NONE);
            assertEquals(0, first.statistics().treesReused());
            List<String> packs = Fixture.files(repoDir, "packs");
            opened.clear();

            BackupResult second = fx.backup(repo, source(), src, Progress.NONE);
            BackupStatistics s = second.statistics();
            assertEquals(List.of(), opened, "no file is read");
            assertEquals(s.files(), s.filesUnchanged());
            assertEquals(2, s.treesReused(), "both tree parts are the previous snapshot's");
            assertEquals(packs, Fixture.files(repoDir, "packs"), "no tree blob is written");
            assertEquals(first.statistics().bytesRead(), s.bytesRead(), "the snapshot still covers every file");
            assertEquals(2, fx.engine.snapshots(repo).get(1).statistics().treesReused(), "kept with the snapshot");
            fx.engine.restore(repo, "latest", temp.resolve("out"), SOME, false, Progress.NONE);
        }
        assertSameFiles(src, temp.resolve("out"));
    }

    @Test
    void aChangedFileMakesOnlyItsTreePartNew() throws Exception {
        Path src = tree(PART_ITEMS + 500);
        try (Repository repo = fx.init(temp.resolve("repo"), Fixture.SMALL)) {
            fx.backup(repo, source(), src, Progress.NONE);
            Path last = src.resolve("d9/f0249.txt");
            Files.writeString(last, "changed, and longer than before");
            opened.clear();
            BackupStatistics s = fx.backup(repo, source(), src, Progress.NONE).statistics();
            assertEquals(List.of("d9/f0249.txt"), opened);
            assertEquals(1, s.treesReused(), "the first part is taken as it was, the second is new");
            assertEquals(s.files() - 1, s.filesUnchanged());
            fx.engine.restore(repo, "latest", temp.resolve("out"), SOME, false, Progress.NONE);
        }
        assertSameFiles(src, temp.resolve("out"));
    }

    @Test
    void filesAddedAndRemovedDoNotMakeTheOthersBeReadAgain() throws Exception {
        Path src = tree(300);
        try (Repository repo = fx.init(temp.resolve("repo"), Fixture.SMALL)) {
            fx.backup(repo, source(), src, Progress.NONE);
            Files.delete(src.resolve("d0/f0003.txt"));
            Files.writeString(src.resolve("d0/f0003a.txt"), "new");
            Files.createDirectories(src.resolve("d1/new"));
            Files.writeString(src.resolve("d1/new/x.txt"), "new too");
            Files.writeString(src.resolve("d1.txt"), "beside d1, after its content");
            opened.clear();
            BackupStatistics s = fx.backup(repo, source(), src, Progress.NONE).statistics();
            assertEquals(List.of("d0/f0003a.txt", "d1/new/x.txt", "d1.txt"), opened);
            assertEquals(300 - 1, s.filesUnchanged());
            fx.engine.restore(repo, "latest", temp.resolve("out"), List.of(), false, Progress.NONE);
        }
        Fixture.assertSameTree(src, temp.resolve("out"));
    }

    @Test
    void aSnapshotWrittenWithoutStatusChangeTimesAndInodesStillReruns() throws Exception {
        Path src = tree(PART_ITEMS + 500);
        Path changed = src.resolve("d0/f0001.txt");
        try (Repository repo = fx.init(temp.resolve("repo"), Fixture.SMALL)) {
            fx.backup(repo, new FolderSourceForTests().withoutIdentity(), src, Progress.NONE);
            Files.writeString(changed, "a new size");
            opened.clear();
            BackupStatistics second = fx.backup(repo, source(), src, Progress.NONE).statistics();
            assertEquals(List.of("d0/f0001.txt"), opened,
                    "the old entries match on size and modification time: only the changed file is read");
            assertEquals(second.files() - 1, second.filesUnchanged());
            assertEquals(0, second.treesReused(), "the new entries keep ctime and inode: every part is new");

            opened.clear();
            BackupStatistics third = fx.backup(repo, source(), src, Progress.NONE).statistics();
            assertEquals(List.of(), opened);
            assertEquals(2, third.treesReused());
            fx.engine.restore(repo, "latest", temp.resolve("out"), SOME, false, Progress.NONE);
        }
        assertSameFiles(src, temp.resolve("out"));
    }

    /** {@code files} tiny files in folders of 250, each file with its own content and a fixed time. */
    private Path tree(int files) throws IOException {
        Path src = temp.resolve("source");
        for (int i = 0; i < files; i++) {
            Path dir = src.resolve("d" + i / 250);
            Files.createDirectories(dir);
            Path f = dir.resolve(String.format("f%04d.txt", i % 250));
            Files.writeString(f, "file " + i);
            Files.setLastModifiedTime(f, MTIME);
        }
        return src;
    }

    private static void assertSameFiles(Path src, Path out) throws IOException {
        for (String f : SOME) {
            if (Files.exists(src.resolve(f))) {
                assertEquals(Files.readString(src.resolve(f)), Files.readString(out.resolve(f)), f);
                assertEquals(Files.getLastModifiedTime(src.resolve(f)), Files.getLastModifiedTime(out.resolve(f)), f);
            }
        }
    }

    private static Object ctime(Path file) throws IOException {
        return Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
    }
}
