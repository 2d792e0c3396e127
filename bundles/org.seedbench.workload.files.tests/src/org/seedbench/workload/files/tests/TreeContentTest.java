package org.seedbench.workload.files.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.workload.files.FilesWorkloadSource;

/** What a user finds of their tree in the files workload: links, names, long paths, big and empty files. */
class TreeContentTest {
    private static final long FIVE_GIB = 5L * 1024 * 1024 * 1024;

    @TempDir
    Path temp;

    private final FilesWorkloadSource source = new FilesWorkloadSource();

    private Path root() throws IOException {
        return Files.createDirectories(temp.resolve("root"));
    }

    private static byte[] read(FilesWorkloadSource source, Path root, WorkloadItem item) throws IOException {
        try (InputStream in = source.open(Listing.spec(root), item)) {
            return in.readAllBytes();
        }
    }

    private static void symlink(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "this file system or user cannot create symbolic links: " + e);
        }
    }

    @Test
    void aSymbolicLinkIsKeptAsALinkAndNotFollowed() throws IOException {
        Path root = root();
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "not part of the workload");
        Files.writeString(root.resolve("real.txt"), "real");
        symlink(root.resolve("to-outside"), Path.of("..", "outside"));
        symlink(root.resolve("dangling"), Path.of("nowhere"));
        symlink(root.resolve("to-real"), Path.of("real.txt"));

        Listing listing = Listing.of(source, Listing.spec(root));
        assertEquals(List.of(), listing.warnings);
        assertEquals(List.of("dangling", "real.txt", "to-outside", "to-real"), listing.paths());
        for (String link : List.of("dangling", "to-outside", "to-real")) {
            WorkloadItem item = listing.get(link);
            assertEquals(WorkloadItem.Type.SYMLINK, item.type(), link);
            assertEquals(0, item.size(), link);
            assertEquals(Files.readSymbolicLink(root.resolve(link)).toString(), item.linkTarget(), link);
        }
        assertEquals(Path.of("..", "outside").toString(), listing.get("to-outside").linkTarget());
        assertNull(listing.get("real.txt").linkTarget());
        assertEquals(4, source.estimateSize(Listing.spec(root), Progress.NONE), "links add no bytes");
    }

    @Test
    void namesInNfcAndNfdAreTwoItemsKeptExactlyAsOnDisk() throws IOException {
        Path root = root();
        String nfc = Normalizer.normalize("café.txt", Normalizer.Form.NFC);
        String nfd = Normalizer.normalize("café.txt", Normalizer.Form.NFD);
        assertFalse(nfc.equals(nfd));
        Files.writeString(root.resolve(nfc), "composed");
        Files.writeString(root.resolve(nfd), "decomposed");
        try (Stream<Path> entries = Files.list(root)) {
            assumeTrue(entries.count() == 2, "this file system normalizes names, so NFC and NFD are one file here");
        }

        Listing listing = Listing.of(source, Listing.spec(root));
        assertEquals(List.of(), listing.warnings);
        assertEquals(2, listing.items.size());
        assertEquals("composed", new String(read(source, root, listing.get(nfc)), StandardCharsets.UTF_8));
        assertEquals("decomposed", new String(read(source, root, listing.get(nfd)), StandardCharsets.UTF_8));
        assertEquals(nfd, listing.paths().get(0), "e + combining accent (U+0065) sorts before é (U+00E9)");
    }

    @Test
    void aPathOfMoreThan300CharactersIsListedAndRead() throws IOException {
        Path root = root();
        StringBuilder relative = new StringBuilder();
        Path dir = root;
        for (int i = 0; i < 4; i++) {
            String name = "level" + i + "-" + "d".repeat(60);
            dir = Files.createDirectories(dir.resolve(name));
            relative.append(name).append('/');
        }
        String fileName = "f".repeat(70) + ".txt";
        Files.writeString(dir.resolve(fileName), "deep");
        relative.append(fileName);
        assertTrue(relative.length() > 300, "the path is " + relative.length() + " characters long");

        Listing listing = Listing.of(source, Listing.spec(root));
        assertEquals(List.of(), listing.warnings);
        WorkloadItem deep = listing.get(relative.toString());
        assertEquals(4, deep.size());
        assertEquals("deep", new String(read(source, root, deep), StandardCharsets.UTF_8));
    }

    @Test
    void emptyFilesAndFoldersAreItems() throws IOException {
        Path root = root();
        Files.createFile(root.resolve("empty.txt"));
        Files.createDirectories(root.resolve("empty-folder"));

        Listing listing = Listing.of(source, Listing.spec(root));
        assertEquals(List.of("empty-folder", "empty.txt"), listing.paths());
        assertEquals(WorkloadItem.Type.DIRECTORY, listing.get("empty-folder").type());
        WorkloadItem empty = listing.get("empty.txt");
        assertEquals(WorkloadItem.Type.FILE, empty.type());
        assertEquals(0, empty.size());
        assertArrayEquals(new byte[0], read(source, root, empty));
    }

    @Test
    void aFileOf5GibIsSizedCountedAndReadToItsLastByte() throws IOException {
        Path root = root();
        Path big = root.resolve("big.img");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(FIVE_GIB);
            file.seek(FIVE_GIB - 4);
            file.write("tail".getBytes(StandardCharsets.US_ASCII));
        }
        Files.writeString(root.resolve("small.txt"), "12345");

        Listing listing = Listing.of(source, Listing.spec(root));
        WorkloadItem item = listing.get("big.img");
        assertEquals(FIVE_GIB, item.size());
        assertEquals(FIVE_GIB + 5, source.estimateSize(Listing.spec(root), Progress.NONE));
        try (InputStream in = source.open(Listing.spec(root), item)) {
            long skipped = 0;
            while (skipped < FIVE_GIB - 4) {
                long n = in.skip(FIVE_GIB - 4 - skipped);
                assertTrue(n > 0, "skip stalled at " + skipped);
                skipped += n;
            }
            assertEquals("tail", new String(in.readNBytes(4), StandardCharsets.US_ASCII));
            assertEquals(-1, in.read(), "the stream ends at 5 GiB, with the file unchanged");
        }
    }

    @Test
    void theOrderIsByNameInUtf8ByteOrderAndTheSameOnEveryRun() throws IOException {
        Path root = root();
        List<String> names = List.of("b", "a", "B", "_", "a b", "é", "\uFF21", "\uD83D\uDE00", "z");
        for (String name : names) {
            Files.createDirectories(root.resolve(name));
            Files.writeString(root.resolve(name).resolve("2"), name);
            Files.writeString(root.resolve(name).resolve("10"), name);
        }
        List<String> expected = new ArrayList<>();
        names.stream().sorted((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8),
                y.getBytes(StandardCharsets.UTF_8))).forEach(n -> {
                    expected.add(n);
                    expected.add(n + "/10");
                    expected.add(n + "/2");
                });

        List<String> first = Listing.of(source, Listing.spec(root)).paths();
        assertEquals(expected, first);
        assertTrue(first.indexOf("\uFF21") < first.indexOf("\uD83D\uDE00"),
                "U+FF21 comes before U+1F600 in UTF-8, though not in UTF-16");
        assertEquals(first, Listing.of(source, Listing.spec(root)).paths());
    }

    @Test
    void posixPermissionsOwnerGroupAndTimeAreKept() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "not a POSIX system");
        Path root = root();
        Path file = root.resolve("script.sh");
        Files.writeString(file, "echo seed\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-x---"));
        Path dir = Files.createDirectories(root.resolve("private"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));

        Listing listing = Listing.of(source, Listing.spec(root));
        WorkloadItem item = listing.get("script.sh");
        assertEquals("rwxr-x---", item.attributes().get("posix.permissions"));
        assertEquals(Files.getOwner(file).getName(), item.attributes().get("owner"));
        assertEquals(Files.readAttributes(file, PosixFileAttributes.class).group().getName(),
                item.attributes().get("group"));
        assertEquals(Files.getLastModifiedTime(file).toInstant(), item.modified());
        assertEquals("rwx------", listing.get("private").attributes().get("posix.permissions"));
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void dosAttributesAreKeptOnWindows() throws IOException {
        Path root = root();
        Path file = root.resolve("hidden.txt");
        Files.writeString(file, "hidden");
        Files.getFileAttributeView(file, DosFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setHidden(true);

        WorkloadItem item = Listing.of(source, Listing.spec(root)).get("hidden.txt");
        assertEquals("true", item.attributes().get("dos.hidden"));
        assertEquals("false", item.attributes().get("dos.system"));
    }

    @Test
    @DisplayName("an unreadable file is one warning and the run goes on (skipped as root: root reads every file)")
    void anUnreadableFileIsOneWarningAndTheRunGoesOn() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "not a POSIX system");
        Path root = root();
        Files.writeString(root.resolve("a.txt"), "a");
        Path locked = root.resolve("b-locked.txt");
        Files.writeString(locked, "locked");
        Files.writeString(root.resolve("c.txt"), "c");
        Path lockedDir = Files.createDirectories(root.resolve("d-locked"));
        Files.writeString(lockedDir.resolve("inside.txt"), "inside");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(lockedDir, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(locked), "runs as root (or with CAP_DAC_OVERRIDE), which reads every file, "
                    + "so no file can be made unreadable: skipped");
            Listing listing = Listing.of(source, Listing.spec(root));
            assertEquals(List.of("a.txt", "c.txt"), listing.paths());
            assertEquals(List.of("skipped " + locked + ": permission denied",
                    "skipped " + lockedDir + ": permission denied"), listing.warnings);
            assertEquals(2, source.estimateSize(Listing.spec(root), Progress.NONE));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(lockedDir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void theEnumerationStopsWhenCancelled() throws IOException {
        Path root = root();
        Files.writeString(root.resolve("a.txt"), "a");
        Progress cancelled = new Progress() {
            @Override
            public boolean isCanceled() {
                return true;
            }
        };
        List<WorkloadItem> items = new ArrayList<>();
        assertThrows(Progress.CanceledException.class,
                () -> source.enumerate(Listing.spec(root), items::add, w -> { }, cancelled));
        assertThrows(Progress.CanceledException.class,
                () -> source.estimateSize(Listing.spec(root), cancelled));
        assertEquals(List.of(), items);
    }
}
