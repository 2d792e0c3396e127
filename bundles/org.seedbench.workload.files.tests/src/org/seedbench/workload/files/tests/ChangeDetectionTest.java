package org.seedbench.workload.files.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.workload.files.ChangedWhileReadException;
import org.seedbench.workload.files.FilesWorkloadSource;

/** A file written to while it is read is caught, never handed on as a torn copy. */
class ChangeDetectionTest {
    private static final byte[] CONTENT = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path root;

    private final FilesWorkloadSource source = new FilesWorkloadSource();
    private WorkloadSpec spec;
    private Path file;
    private WorkloadItem item;

    @BeforeEach
    void listed() throws IOException {
        file = root.resolve("data.bin");
        Files.write(file, CONTENT);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-05-01T10:00:00Z")));
        spec = Listing.spec(root);
        item = Listing.of(source, spec).get("data.bin");
    }

    @Test
    void anUntouchedFileIsUnchangedAndReadsWhole() throws IOException {
        assertTrue(source.unchanged(spec, item));
        try (InputStream in = source.open(spec, item)) {
            assertArrayEquals(CONTENT, in.readAllBytes());
        }
    }

    @Test
    void aFileThatGrewAfterListingIsChangedAndItsReadFails() throws IOException {
        Files.write(file, "more".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        assertFalse(source.unchanged(spec, item));
        ChangedWhileReadException e = assertThrows(ChangedWhileReadException.class, () -> {
            try (InputStream in = source.open(spec, item)) {
                in.readAllBytes();
            }
        });
        assertEquals("data.bin", e.itemPath());
        assertTrue(e.getMessage().startsWith(file + " changed while it was read"), e.getMessage());
    }

    @Test
    void aFileTouchedWithTheSameSizeIsChanged() throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-05-01T10:00:01Z")));
        assertFalse(source.unchanged(spec, item));
        assertThrows(ChangedWhileReadException.class, () -> {
            try (InputStream in = source.open(spec, item)) {
                in.readAllBytes();
            }
        });
    }

    @Test
    void readingEveryByteWithoutAskingForTheEndStillChecksAtClose() throws IOException {
        InputStream in = source.open(spec, item);
        assertArrayEquals(CONTENT, in.readNBytes(CONTENT.length));
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-05-02T10:00:00Z")));
        assertThrows(ChangedWhileReadException.class, in::close);
    }

    @Test
    void aFileWrittenToDuringTheReadFails() throws IOException {
        try (InputStream in = source.open(spec, item)) {
            assertEquals(10, in.readNBytes(10).length);
            Files.write(file, "appended".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
            ChangedWhileReadException e = assertThrows(ChangedWhileReadException.class, in::readAllBytes);
            assertTrue(e.getMessage().contains("grew past 20 bytes"), e.getMessage());
        }
    }

    @Test
    void aFileTruncatedDuringTheReadFails() throws IOException {
        try (InputStream in = source.open(spec, item)) {
            assertEquals(5, in.readNBytes(5).length);
            Files.write(file, "short".getBytes(StandardCharsets.US_ASCII));
            ChangedWhileReadException e = assertThrows(ChangedWhileReadException.class, in::readAllBytes);
            assertTrue(e.getMessage().contains("ended after"), e.getMessage());
        }
    }

    @Test
    void aVanishedFileIsChanged() throws IOException {
        Files.delete(file);
        assertFalse(source.unchanged(spec, item));
    }

    @Test
    void refreshGivesTheItemAsItIsNowForASecondAttempt() throws IOException {
        Files.write(file, "longer content now".repeat(3).getBytes(StandardCharsets.US_ASCII));
        WorkloadItem now = source.refresh(spec, item);
        assertEquals(54, now.size());
        assertTrue(source.unchanged(spec, now));
        try (InputStream in = source.open(spec, now)) {
            assertEquals(54, in.readAllBytes().length);
        }
    }

    @Test
    void aFileReplacedByALinkIsNotFollowed() throws IOException {
        Path other = Files.writeString(root.resolve("other.txt"), "other");
        Files.delete(file);
        try {
            Files.createSymbolicLink(file, other);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "this file system or user cannot create symbolic links: " + e);
        }
        assertThrows(IOException.class, () -> source.open(spec, item).close());
    }

    @Test
    void anItemPathThatClimbsOutOfTheRootIsRefused() {
        WorkloadItem escape = new WorkloadItem("../outside.txt", WorkloadItem.Type.FILE, 1, Instant.now(), null,
                null);
        assertThrows(IllegalArgumentException.class, () -> source.open(spec, escape));
    }

    @Test
    void onlyFilesOpen() {
        WorkloadItem folder = new WorkloadItem("data.bin", WorkloadItem.Type.DIRECTORY, 0, Instant.now(), null, null);
        IOException e = assertThrows(IOException.class, () -> source.open(spec, folder));
        assertEquals("data.bin is a directory, not a file; only files have content to open", e.getMessage());
    }
}
