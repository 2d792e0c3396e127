package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.backup.BackupResult;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RepositoryOptions;
import org.seedbench.backup.RestoreResult;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.core.spi.Progress;

/** Back up, restore: every file byte-identical, every item with its metadata. */
class RoundTripTest {
    private final Fixture fx = new Fixture();

    @TempDir
    Path temp;

    private static void write(Path file, byte[] content, String permissions, Instant mtime) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }

    private Path sampleTree() throws IOException {
        Path src = temp.resolve("source");
        Instant t = Instant.parse("2023-04-05T06:07:08.123456789Z");
        write(src.resolve("docs/readme.txt"), Fixture.text(1, 40_000), "rw-r-----", t);
        write(src.resolve("docs/report.bin"), Fixture.random(2, 3 * 1024 * 1024 + 17), "rw-------", t.plusSeconds(1));
        write(src.resolve("bin/tool.sh"), "#!/bin/sh\necho seed\n".getBytes(), "rwxr-xr-x", t.plusSeconds(2));
        write(src.resolve("read-only.txt"), "do not touch".getBytes(), "r--r--r--", t.plusSeconds(3));
        write(src.resolve("caf\u00e9.txt"), "composed (NFC)".getBytes(), "rw-r--r--", t.plusSeconds(4));
        write(src.resolve("cafe\u0301.txt"), "decomposed (NFD)".getBytes(), "rw-r--r--", t.plusSeconds(5));
        write(src.resolve("empty.txt"), new byte[0], "rw-r--r--", t.plusSeconds(6));
        String deep = "a".repeat(60) + "/" + "b".repeat(60) + "/" + "c".repeat(60) + "/" + "d".repeat(60) + "/"
                + "e".repeat(56) + ".txt";
        assertTrue(deep.length() >= 300, "the long path has " + deep.length() + " characters");
        write(src.resolve(deep), "deep".getBytes(), "rw-r--r--", t.plusSeconds(7));
        Files.createDirectories(src.resolve("empty-dir/nested-empty"));
        Files.createSymbolicLink(src.resolve("link-to-readme"), Path.of("docs/readme.txt"));
        Files.createSymbolicLink(src.resolve("link-absolute"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(src.resolve("link-dangling"), Path.of("nowhere/at/all"));
        Files.createSymbolicLink(src.resolve("link-to-dir"), Path.of("docs"));
        // content-defined cuts after a repeat fall back into step within a few chunks; how many depends on the
        // repository's random gear table, so the block is 64 average chunks long and half of it must be saved
        byte[] block = Fixture.random(3, 4 * 1024 * 1024);
        byte[] twice = new byte[2 * block.length];
        System.arraycopy(block, 0, twice, 0, block.length);
        System.arraycopy(block, 0, twice, block.length, block.length);
        write(src.resolve("docs/twice.bin"), twice, "rw-r--r--", t.plusSeconds(8));
        try {
            Files.setOwner(src.resolve("docs/readme.txt"),
                    src.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        } catch (UserPrincipalNotFoundException | java.nio.file.FileSystemException e) {
            // a system without "nobody", or a user who may not give files away: owners stay as they are
        }
        Files.setPosixFilePermissions(src.resolve("empty-dir"), PosixFilePermissions.fromString("rwx------"));
        for (String dir : List.of("docs", "bin", "empty-dir/nested-empty", "empty-dir")) {
            Files.setLastModifiedTime(src.resolve(dir), FileTime.from(t.minusSeconds(100)));
        }
        return src;
    }

    @Test
    void everyItemComesBackIdenticalWithItsMetadata() throws Exception {
        Path src = sampleTree();
        Path restored = temp.resolve("restored");
        try (Repository repo = fx.init(temp.resolve("repo"), Fixture.SMALL)) {
            BackupResult result = fx.backup(repo, src);
            assertFalse(result.completedWithWarnings(), () -> String.join("\n", result.warnings()));
            assertEquals(1, result.snapshots().size());
            assertEquals(9, result.statistics().files());
            assertEquals(4, result.statistics().symlinks());
            assertTrue(result.statistics().bytesNew() < result.statistics().bytesRead() - 2 * 1024 * 1024,
                    "the repeated block inside twice.bin is stored once: " + result.statistics());

            RestoreResult restore = fx.engine.restore(repo, "latest", restored, List.of(), false, Progress.NONE);
            assertEquals(List.of(), restore.failed());
            assertEquals(List.of(), restore.warnings());
            assertTrue(restore.isComplete());
            assertEquals(result.snapshots().get(0).id(), restore.snapshotId());
        }
        Fixture.assertSameTree(src, restored);
        assertTrue(Files.exists(restored.resolve("caf\u00e9.txt")) && Files.exists(restored.resolve("cafe\u0301.txt")),
                "both Unicode forms of the name are restored as two files");
    }

    @Test
    void aSparseFileOfFiveGibibytesRoundTripsWithoutFillingTheDisk() throws Exception {
        Path src = temp.resolve("sparse-source");
        Files.createDirectories(src);
        Path big = src.resolve("disk.img");
        long size = 5L << 30;
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(size);
            f.seek(0);
            f.write("boot sector".getBytes());
            f.seek(size / 2 + 12345);
            f.write(Fixture.random(9, 100_000));
            f.seek(size - 5);
            f.write("end!!".getBytes());
        }
        Path restored = temp.resolve("sparse-restored");
        RepositoryOptions options = RepositoryOptions.defaults().withPackSize(1 << 20);
        try (Repository repo = fx.init(temp.resolve("repo"), options)) {
            long t0 = System.nanoTime();
            BackupResult result = fx.backup(repo, src);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertEquals(size, result.statistics().bytesRead());
            assertTrue(result.statistics().bytesNew() < 20L << 20,
                    "the zeros are stored once: " + result.statistics().bytesNew() + " new bytes");
            assertTrue(took.toSeconds() < 60, "backing up 5 GiB of mostly zeros took " + took);

            long freeBefore = Files.getFileStore(temp).getUsableSpace();
            RestoreResult restore = fx.engine.restore(repo, "latest", restored, List.of(), false, Progress.NONE);
            long used = freeBefore - Files.getFileStore(temp).getUsableSpace();
            assertTrue(restore.isComplete(), restore::toString);
            assertTrue(used < 1L << 30, "the restored sparse file took " + used + " bytes of disk");
        }
        assertEquals(size, Files.size(restored.resolve("disk.img")));
        assertEquals(-1, Fixture.mismatch(big, restored.resolve("disk.img")));
        assertEquals(Files.getLastModifiedTime(big), Files.getLastModifiedTime(restored.resolve("disk.img")));
    }

    @Test
    void includeGlobsRestoreOnlyTheMatchingItemsAndTheirFolders() throws Exception {
        Path src = sampleTree();
        Path restored = temp.resolve("restored");
        try (Repository repo = fx.init(temp.resolve("repo"), Fixture.SMALL)) {
            fx.backup(repo, src);
            RestoreResult r = fx.engine.restore(repo, "latest", restored, List.of("docs", "**.sh"), false,
                    Progress.NONE);
            assertTrue(r.isComplete(), r::toString);
        }
        assertEquals(Files.readString(src.resolve("docs/readme.txt")), Files.readString(restored.resolve(
                "docs/readme.txt")));
        assertTrue(Files.exists(restored.resolve("docs/twice.bin")), "a matched folder brings its content");
        assertTrue(Files.exists(restored.resolve("bin/tool.sh")), "**.sh matches in any folder");
        assertFalse(Files.exists(restored.resolve("empty.txt"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(restored.resolve("link-to-readme"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void existingFilesAreKeptUnlessOverwriteIsAsked() throws Exception {
        Path src = temp.resolve("source");
        Files.createDirectories(src);
        Files.writeString(src.resolve("a.txt"), "from the backup");
        Files.writeString(src.resolve("b.txt"), "also from the backup");
        Path target = temp.resolve("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("a.txt"), "the user's own");
        try (Repository repo = fx.init(temp.resolve("repo"), Fixture.SMALL)) {
            SnapshotInfo snap = fx.backup(repo, src).snapshots().get(0);
            RestoreResult kept = fx.engine.restore(repo, snap.id().substring(0, 10), target, List.of(), false,
                    Progress.NONE);
            assertEquals(List.of("a.txt"), kept.skippedExisting());
            assertFalse(kept.isComplete());
            assertEquals("the user's own", Files.readString(target.resolve("a.txt")));
            assertEquals("also from the backup", Files.readString(target.resolve("b.txt")));

            RestoreResult replaced = fx.engine.restore(repo, "latest", target, List.of(), true, Progress.NONE);
            assertEquals(List.of(), replaced.skippedExisting());
            assertEquals("from the backup", Files.readString(target.resolve("a.txt")));
        }
        try (var left = Files.list(target)) {
            assertEquals(2, left.count(), "no temporary file is left behind");
        }
    }
}
