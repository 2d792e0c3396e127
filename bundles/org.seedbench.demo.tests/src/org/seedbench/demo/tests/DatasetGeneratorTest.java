package org.seedbench.demo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.demo.internal.DatasetGenerator;
import org.seedbench.demo.internal.DatasetGenerator.Summary;

/** The benchmark's and the demo's dataset: the same bytes for the same seed, and every kind of file in it. */
class DatasetGeneratorTest {
    static final long SIZE = 16_000_000L;

    @TempDir
    Path temp;

    @Test
    void sameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
        AtomicLong reported = new AtomicLong();
        Summary first = DatasetGenerator.generate(temp.resolve("a"), SIZE, 42, reported::addAndGet);
        Summary second = DatasetGenerator.generate(temp.resolve("b"), SIZE, 42, null);
        Summary other = DatasetGenerator.generate(temp.resolve("c"), SIZE, 43, null);

        Map<String, String> a = digests(temp.resolve("a"));
        assertEquals(a, digests(temp.resolve("b")));
        assertEquals(first, second);
        assertNotEquals(a, digests(temp.resolve("c")));
        assertEquals(SIZE, first.bytes());
        assertEquals(SIZE, other.bytes());
        assertEquals(SIZE, reported.get(), "the progress reports add up to the bytes written");
        assertEquals(first.files(), a.values().stream().filter(d -> !d.equals("dir")).count());
        assertEquals(first.directories(), a.values().stream().filter(d -> d.equals("dir")).count());
        for (String name : a.keySet()) {
            assertEquals(Files.getLastModifiedTime(temp.resolve("a").resolve(name)),
                    Files.getLastModifiedTime(temp.resolve("b").resolve(name)), name);
        }
    }

    @Test
    void holdsEveryKindOfFileInAFolderTree() throws IOException {
        Path root = temp.resolve("data");
        DatasetGenerator.generate(root, SIZE, 42, null);
        List<Path> files = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> (Files.isDirectory(p) ? folders : files).add(p));
        }
        long sum = 0;
        int tiny = 0;
        int text = 0;
        int binaries = 0;
        List<Path> images = new ArrayList<>();
        for (Path f : files) {
            long size = Files.size(f);
            sum += size;
            String name = f.getFileName().toString();
            if (name.endsWith(".vhdx")) {
                images.add(f);
            } else if (size < 1024) {
                tiny++;
            } else if (size <= 64 * 1024 && name.matches(".*\\.(txt|log|csv)")) {
                text++;
                double ratio = (double) size / deflated(Files.readAllBytes(f));
                assertTrue(ratio > 2, name + " compresses only " + ratio + " times");
            } else if (size > 64 * 1024) {
                binaries++;
                byte[] content = Files.readAllBytes(f);
                assertTrue(deflated(content) >= content.length, name + " is compressible");
            }
        }
        assertEquals(SIZE, sum);
        assertTrue(tiny >= 10, "tiny files: " + tiny);
        assertTrue(text >= 3, "text files: " + text);
        assertTrue(binaries >= 1, "random binaries: " + binaries);
        assertEquals(3, images.size());
        assertEquals(1, images.stream().map(DatasetGeneratorTest::size).distinct().count());
        assertTrue(folders.size() >= 20, "folders: " + folders.size());
        assertTrue(folders.stream().anyMatch(d -> root.relativize(d).getNameCount() >= 3), "a tree a few levels deep");

        Map<String, Integer> pages = new HashMap<>();
        int total = 0;
        for (Path image : images) {
            byte[] content = Files.readAllBytes(image);
            for (int at = 0; at + 4096 <= content.length; at += 4096) {
                pages.merge(sha256(content, at, 4096), 1, Integer::sum);
                total++;
            }
        }
        assertTrue(pages.size() * 4 < total, "the images repeat their blocks: " + pages.size() + " distinct pages of "
                + total);
    }

    @Test
    void mutateChangesTheSameShareOfFilesTheSameWay() throws IOException {
        Path a = temp.resolve("a");
        Path b = temp.resolve("b");
        DatasetGenerator.generate(a, SIZE, 42, null);
        DatasetGenerator.generate(b, SIZE, 42, null);
        Map<String, String> before = digests(a);
        long fileCount = before.values().stream().filter(d -> !d.equals("dir")).count();

        Summary changed = DatasetGenerator.mutate(a, 0.05, 7);
        assertEquals(changed, DatasetGenerator.mutate(b, 0.05, 7));

        Map<String, String> after = digests(a);
        assertEquals(after, digests(b));
        assertEquals(Math.round(fileCount * 0.05), changed.files());
        long added = after.keySet().stream().filter(name -> !before.containsKey(name)).count();
        long rewritten = before.keySet().stream().filter(name -> !before.get(name).equals(after.get(name))).count();
        assertTrue(added >= 1, "adds new files");
        assertTrue(rewritten >= changed.files() / 2, "changes existing files: " + rewritten);
        assertTrue(added + rewritten <= changed.files() && added + rewritten >= changed.files() * 9 / 10,
                added + " added and " + rewritten + " changed of " + changed.files());
        assertTrue(changed.bytes() > 0);

        assertEquals(new Summary(0, 0, 0), DatasetGenerator.mutate(a, 0, 7));
        assertEquals(after, digests(a));
    }

    @Test
    void refusesAFolderInUseAndASizeTooSmallForEveryKind() throws IOException {
        Path used = Files.createDirectories(temp.resolve("used"));
        Files.writeString(used.resolve("keep.txt"), "mine");
        assertThrows(DirectoryNotEmptyException.class, () -> DatasetGenerator.generate(used, SIZE, 42, null));
        assertEquals("mine", Files.readString(used.resolve("keep.txt")));
        assertThrows(IllegalArgumentException.class,
                () -> DatasetGenerator.generate(temp.resolve("small"), DatasetGenerator.MIN_BYTES - 1, 42, null));
        assertThrows(IllegalArgumentException.class, () -> DatasetGenerator.mutate(used, 1.5, 7));
    }

    @Test
    void filesWritesThatManyTinyFilesInSmallFoldersTheSameForTheSameSeed() throws IOException {
        int count = 2_500;
        AtomicLong reported = new AtomicLong();
        Summary first = DatasetGenerator.generateFiles(temp.resolve("a"), count, 42, reported::addAndGet);
        Summary second = DatasetGenerator.generateFiles(temp.resolve("b"), count, 42, null);
        DatasetGenerator.generateFiles(temp.resolve("c"), count, 43, null);

        Map<String, String> a = digests(temp.resolve("a"));
        assertEquals(a, digests(temp.resolve("b")));
        assertEquals(first, second);
        assertNotEquals(a, digests(temp.resolve("c")));
        assertEquals(count, first.files());
        assertEquals(count, reported.get(), "one progress report a file");
        assertEquals(count, a.values().stream().filter(d -> !d.equals("dir")).count());
        assertEquals(first.directories(), a.values().stream().filter(d -> d.equals("dir")).count());
        assertEquals(1 + 3, first.directories(), "a group of three folders: 1,000 + 1,000 + 500 files");
        for (String name : a.keySet()) {
            assertEquals(Files.getLastModifiedTime(temp.resolve("a").resolve(name)),
                    Files.getLastModifiedTime(temp.resolve("b").resolve(name)), name);
        }

        Path root = temp.resolve("a");
        long sum = 0;
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        Map<String, Integer> extensions = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            int size = (int) Files.size(f);
            sum += size;
            smallest = Math.min(smallest, size);
            largest = Math.max(largest, size);
            String name = f.getFileName().toString();
            extensions.merge(name.substring(name.lastIndexOf('.') + 1), 1, Integer::sum);
        }
        assertEquals(first.bytes(), sum);
        assertTrue(largest <= DatasetGenerator.MAX_TINY_BYTES, "largest " + largest);
        assertTrue(smallest < 50 && largest > 1000, "sizes from " + smallest + " to " + largest);
        assertEquals(count, extensions.get("conf") + extensions.get("bin"), "text and binaries: " + extensions);
        assertTrue(extensions.get("bin") > count / 8 && extensions.get("conf") > count / 2, extensions.toString());
        assertTrue(new HashMap<>(a).values().stream().distinct().count() > count * 9 / 10,
                "the files differ from each other");
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path d : walk.filter(Files::isDirectory).toList()) {
                try (Stream<Path> entries = Files.list(d)) {
                    assertTrue(entries.count() <= DatasetGenerator.FILES_PER_FOLDER, d.toString());
                }
            }
        }
    }

    @Test
    void filesRefusesAFolderInUseAndNoFiles() throws IOException {
        Path used = Files.createDirectories(temp.resolve("used"));
        Files.writeString(used.resolve("keep.txt"), "mine");
        assertThrows(DirectoryNotEmptyException.class, () -> DatasetGenerator.generateFiles(used, 10, 42, null));
        assertEquals("mine", Files.readString(used.resolve("keep.txt")));
        assertThrows(IllegalArgumentException.class,
                () -> DatasetGenerator.generateFiles(temp.resolve("none"), 0, 42, null));
    }

    /** Every file and folder below {@code root}, by relative path: a file's SHA-256, or "dir". */
    private static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> {
                try {
                    String name = root.relativize(p).toString().replace('\\', '/');
                    if (Files.isDirectory(p)) {
                        result.put(name, "dir");
                    } else {
                        byte[] content = Files.readAllBytes(p);
                        result.put(name, sha256(content, 0, content.length));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return result;
    }

    private static String sha256(byte[] content, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(content, offset, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The size of {@code content} compressed with Deflate. */
    private static long deflated(byte[] content) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(content);
            deflater.finish();
            byte[] out = new byte[64 * 1024];
            long length = 0;
            while (!deflater.finished()) {
                length += deflater.deflate(out);
            }
            return length;
        } finally {
            deflater.end();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
