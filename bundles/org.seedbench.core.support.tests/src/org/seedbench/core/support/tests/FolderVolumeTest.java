package org.seedbench.core.support.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedbench.core.spi.DiskEncryptor.DriveFile;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.support.volume.PlainFolderVolume;

/** The machinery every encryptor's volume shares, seen through the volume that stores bytes as they are. */
class FolderVolumeTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path mount;

    private DriveTarget drive;

    @BeforeEach
    void drive() {
        drive = new DriveTarget("SB-0007", "/dev/sdx", mount, 8L * MIB);
    }

    private static void write(Volume v, String path, byte[] data) throws IOException {
        try (DriveFile out = v.create(path)) {
            out.write(data);
            out.finish();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs", "a//b", "a/", "../x", "a/../../x", "a/./b", ".hidden", "a/.b", "a\\b",
            "C:/x", "lost+found/x", "System Volume Information/x", "a\nb"})
    void pathsBreakingTheRulesAreRefusedNamingTheDrive(String path) throws IOException {
        try (PlainFolderVolume v = new PlainFolderVolume(drive)) {
            IOException e = assertThrows(IOException.class, () -> v.create(path));
            assertTrue(e.getMessage().contains("SB-0007"), e.getMessage());
            assertTrue(e.getMessage().contains("'/'-separated path"), e.getMessage());
            assertThrows(IOException.class, () -> v.open(path));
            assertThrows(IOException.class, () -> v.delete(path));
        }
        try (var files = Files.list(mount)) {
            assertEquals(0, files.count(), "nothing was created");
        }
    }

    @Test
    void onlyFinishedFilesAreListedSortedWithoutTheVolumesOwnFiles() throws IOException {
        Files.writeString(mount.resolve(".volume-header"), "{}");
        Files.createDirectories(mount.resolve("lost+found"));
        Files.writeString(mount.resolve("lost+found/#1234"), "orphan");
        try (PlainFolderVolume v = new PlainFolderVolume(drive)) {
            write(v, "seed/b", bytes("b"));
            write(v, "seed/a/z", bytes("z"));
            write(v, "c", bytes("c"));
            DriveFile open = v.create("seed/unfinished");
            open.write(bytes("half"));
            open.close();
            assertEquals(List.of("c", "seed/a/z", "seed/b"), v.list());
            assertTrue(Files.isRegularFile(mount.resolve("seed/.unfinished.partial")),
                    "an unfinished file lies under a hidden name beside its final one");
            assertFalse(v.exists("seed/unfinished"));
            IOException e = assertThrows(IOException.class, () -> v.open("seed/unfinished"));
            assertTrue(e.getMessage().contains("is not finished"), e.getMessage());
        }
    }

    @Test
    void aFileBeingRewrittenKeepsItsFinishedVersionUntilFinished() throws IOException {
        try (PlainFolderVolume v = new PlainFolderVolume(drive)) {
            write(v, "f", bytes("old"));
            DriveFile out = v.create("f");
            out.write(bytes("new and longer"));
            out.sync();
            try (InputStream in = v.open("f")) {
                assertArrayEquals(bytes("old"), in.readAllBytes());
            }
            out.finish();
            try (InputStream in = v.open("f")) {
                assertArrayEquals(bytes("new and longer"), in.readAllBytes());
            }
            assertEquals(-1, v.unfinishedLength("f"));
            IOException closed = assertThrows(IOException.class, () -> out.write(1));
            assertTrue(closed.getMessage().contains("'f' on drive SB-0007"), closed.getMessage());
        }
    }

    @Test
    void everyByteUnderTheMountPointCountsAgainstTheCapacity() throws IOException {
        Files.write(mount.resolve(".volume-header"), new byte[MIB]);
        try (PlainFolderVolume v = new PlainFolderVolume(drive)) {
            assertEquals(MIB, v.usedBytes());
            assertTrue(v.freeSpace() <= 7L * MIB);
            DriveFile out = v.create("big");
            out.write(new byte[6 * MIB]);
            out.close();
            assertEquals(7L * MIB, v.usedBytes(), "the unfinished file counts");
            IOException full = assertThrows(IOException.class, () -> write(v, "more", new byte[MIB + 1]));
            assertEquals("drive SB-0007 is full: writing 'more' would pass its declared capacity of 8388608 bytes;"
                    + " continue on another drive", full.getMessage());
            v.delete("big");
            v.delete("more");
            assertEquals(MIB, v.usedBytes());
            assertEquals(List.of(), v.list());
        }
        try (PlainFolderVolume again = new PlainFolderVolume(drive)) {
            assertEquals(MIB, again.usedBytes(), "counted afresh when the volume opens");
        }
    }

    @Test
    void resumePointsAreAlignedAndWithinWhatWasWritten() throws IOException {
        try (PlainFolderVolume v = new PlainFolderVolume(drive)) {
            DriveFile out = v.create("p");
            out.write(new byte[MIB + 5]);
            out.close();
            assertEquals(MIB + 5, v.unfinishedLength("p"));
            IOException unaligned = assertThrows(IOException.class, () -> v.resume("p", 4096));
            assertTrue(unaligned.getMessage().contains("multiple of 1048576"), unaligned.getMessage());
            IOException beyond = assertThrows(IOException.class, () -> v.resume("p", 2L * MIB));
            assertTrue(beyond.getMessage().contains("only 1048581 bytes"), beyond.getMessage());
            IOException none = assertThrows(IOException.class, () -> v.resume("q", 0));
            assertTrue(none.getMessage().contains("no unfinished file"), none.getMessage());
            try (DriveFile again = v.resume("p", MIB)) {
                assertEquals(MIB, again.position());
                assertEquals(MIB, v.usedBytes(), "what lay beyond the resume point is dropped");
                again.write(bytes("tail"));
                again.finish();
            }
            assertEquals(MIB + 4, v.size("p"));
        }
    }

    @Test
    void aFileInTheWayOfAFolderIsNamed() throws IOException {
        try (PlainFolderVolume v = new PlainFolderVolume(drive)) {
            write(v, "seed", bytes("x"));
            IOException e = assertThrows(IOException.class, () -> v.create("seed/packs/p1"));
            assertTrue(e.getMessage().contains("the file 'seed' is in the way"), e.getMessage());
        }
    }

    @Test
    void aClosedVolumeSaysToUnlockAgain() throws IOException {
        PlainFolderVolume v = new PlainFolderVolume(drive);
        v.close();
        IOException e = assertThrows(IOException.class, v::list);
        assertEquals("drive SB-0007 is closed; unlock it again", e.getMessage());
    }

    @Test
    void aDriveWithoutCapacityOrMountIsRefused() {
        IOException none = assertThrows(IOException.class,
                () -> new PlainFolderVolume(new DriveTarget("SB-0008", "/dev/sdy", mount, 0)));
        assertTrue(none.getMessage().contains("declares no capacity"), none.getMessage());
        IOException gone = assertThrows(IOException.class,
                () -> new PlainFolderVolume(new DriveTarget("SB-0009", "/dev/sdz", mount.resolve("gone"), MIB)));
        assertTrue(gone.getMessage().contains("is not mounted"), gone.getMessage());
    }
}
