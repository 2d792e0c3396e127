package org.seedbench.workload.files.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.workload.files.FilesWorkloadSource;

/**
 * Items carry what tells a rerun that a file is unchanged beyond size and modification time: the status change
 * time (ctime) and the inode, which {@code touch -d} cannot set back.
 */
class FileIdentityTest {
    private static final FileTime MTIME = FileTime.from(Instant.parse("2024-05-01T10:00:00Z"));

    @TempDir
    Path root;

    private final FilesWorkloadSource source = new FilesWorkloadSource();

    @Test
    void everyItemCarriesItsStatusChangeTimeAndInode() throws IOException {
        Files.createDirectories(root.resolve("dir"));
        Files.writeString(root.resolve("dir/a.txt"), "a");
        Files.createSymbolicLink(root.resolve("link"), Path.of("dir/a.txt"));
        Listing listing = Listing.of(source, Listing.spec(root));
        for (WorkloadItem item : listing.items) {
            Path p = root.resolve(item.path());
            assertEquals(((FileTime) Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS)).toInstant(),
                    item.changed(), item.path());
            assertEquals(Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS).toString(), item.fileId(),
                    item.path());
        }
        assertEquals(3, listing.items.size());
    }

    @Test
    void aFileRewrittenWithItsSizeAndTimeRestoredHasAnotherStatusChangeTime() throws IOException {
        Path file = root.resolve("report.txt");
        Files.writeString(file, "total: 100");
        Files.setLastModifiedTime(file, MTIME);
        WorkloadItem before = item("report.txt");
        Files.writeString(file, "total: 999");
        Files.setLastModifiedTime(file, MTIME);
        while (Files.getAttribute(file, "unix:ctime").equals(FileTime.from(before.changed()))) {
            Files.setLastModifiedTime(file, MTIME); // until the file system's clock ticks on
        }
        WorkloadItem after = item("report.txt");
        assertEquals(before.size(), after.size());
        assertEquals(before.modified(), after.modified());
        assertEquals(before.fileId(), after.fileId(), "written in place: the same inode");
        assertNotNull(after.changed());
        assertNotEquals(before.changed(), after.changed());
    }

    @Test
    void aFileReplacedThroughARenameHasAnotherInode() throws IOException {
        Path file = root.resolve("a.txt");
        Files.writeString(file, "first");
        WorkloadItem before = item("a.txt");
        Path saved = root.resolve("a.txt.tmp");
        Files.writeString(saved, "again");
        Files.move(saved, file, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(file, FileTime.from(before.modified()));
        WorkloadItem after = item("a.txt");
        assertEquals(before.size(), after.size());
        assertEquals(before.modified(), after.modified());
        assertNotEquals(before.fileId(), after.fileId());
    }

    private WorkloadItem item(String path) throws IOException {
        return Listing.of(source, Listing.spec(root)).items.stream().filter(i -> i.path().equals(path)).findFirst()
                .orElseThrow();
    }
}
