package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.seedbench.backup.BackupEngine;
import org.seedbench.backup.BackupResult;
import org.seedbench.core.support.store.FolderObjectStore;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RepositoryOptions;
import org.seedbench.backup.WorkloadRun;
import org.seedbench.backup.internal.engine.DefaultBackupEngine;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.Progress;

/** What the backup tests share: the engine, a passphrase, small repositories and folder comparisons. */
final class Fixture {
    static final String PASSPHRASE = "correct horse battery staple";
    /** 16 / 64 / 256 KiB chunks and 256 KiB packs: many chunks and packs from little data. */
    static final RepositoryOptions SMALL = RepositoryOptions.defaults().withChunkSizes(16 * 1024, 64 * 1024,
            256 * 1024).withPackSize(256 * 1024);

    final BackupEngine engine = new DefaultBackupEngine();

    static Secret passphrase() {
        return Secret.of(PASSPHRASE);
    }

    Repository init(Path folder, RepositoryOptions options) throws IOException {
        try {
            return engine.init(new FolderObjectStore(folder), passphrase(), options);
        } catch (InvalidInputException e) {
            throw new AssertionError(e);
        }
    }

    /** Opens the repository in the folder with the fixture's passphrase. */
    Repository open(Path folder) throws IOException {
        try {
            return engine.open(new FolderObjectStore(folder), passphrase());
        } catch (org.seedbench.backup.WrongPassphraseException e) {
            throw new AssertionError(e);
        }
    }

    BackupResult backup(Repository repo, Path folder) throws IOException {
        return backup(repo, new FolderSourceForTests(), folder, Progress.NONE);
    }

    BackupResult backup(Repository repo, FolderSourceForTests source, Path folder, Progress progress)
            throws IOException {
        List<String> warnings = new ArrayList<>();
        BackupResult result = engine.backup(repo, List.of(new WorkloadRun(source, FolderSourceForTests.spec(folder))),
                progress, warnings::add);
        assertEquals(result.warnings(), warnings, "every warning is also passed on as it happens");
        return result;
    }

    /** Random bytes of a fixed seed. */
    static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Text-like bytes: words of a small vocabulary. */
    static byte[] text(long seed, int size) {
        String[] words = { "seed", "drive", "backup", "vault", "azure", "import", "job", "pack", "chunk", "index",
                "snapshot", "restore", "verify", "staging", "the", "a", "of", "and", "to", "in" };
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder(size + 16);
        while (b.length() < size) {
            b.append(words[r.nextInt(words.length)]).append(r.nextInt(12) == 0 ? ".\n" : " ");
        }
        return b.substring(0, size).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** What a user sees of one item: type, size, time, permissions, owner, group, link target. */
    record Meta(String type, long size, FileTime modified, String permissions, String owner, String group,
            String link) {
    }

    /** Every item under {@code root} (not following links) with its metadata. */
    static Map<String, Meta> describe(Path root) throws IOException {
        Map<String, Meta> items = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                BasicFileAttributes b = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                PosixFileAttributes x = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String type = b.isSymbolicLink() ? "link" : b.isDirectory() ? "dir" : "file";
                items.put(root.relativize(p).toString(), new Meta(type, b.isRegularFile() ? b.size() : 0,
                        b.isSymbolicLink() ? toMicros(b.lastModifiedTime()) : b.lastModifiedTime(),
                        b.isSymbolicLink() ? null : PosixFilePermissions.toString(x.permissions()),
                        x.owner().getName(), x.group().getName(),
                        b.isSymbolicLink() ? Files.readSymbolicLink(p).toString() : null));
            }
        }
        return items;
    }

    /** A link's time as the JDK can set it (lutimes: microseconds); files and folders keep nanoseconds. */
    private static FileTime toMicros(FileTime t) {
        return FileTime.from(t.to(TimeUnit.MICROSECONDS), TimeUnit.MICROSECONDS);
    }

    /** Asserts the restored tree has every item of the original with the same metadata and content. */
    static void assertSameTree(Path original, Path restored) throws IOException {
        Map<String, Meta> expected = describe(original);
        Map<String, Meta> actual = describe(restored);
        assertEquals(expected.keySet(), actual.keySet(), "the restored items");
        for (Map.Entry<String, Meta> e : expected.entrySet()) {
            assertEquals(e.getValue(), actual.get(e.getKey()), "metadata of " + e.getKey());
            if (e.getValue().type().equals("file")) {
                long mismatch = mismatch(original.resolve(e.getKey()), restored.resolve(e.getKey()));
                if (mismatch != -1) {
                    fail(e.getKey() + " differs from byte " + mismatch);
                }
            }
        }
    }

    /**
     * The first position where the files differ, -1 when they are identical: {@link Files#mismatch} with
     * 4 MiB reads compared 64 KiB at a time (many short calls get the JIT's vectorised compare early), so
     * that comparing gibibytes (sparse files) takes seconds.
     */
    static long mismatch(Path a, Path b) throws IOException {
        try (FileChannel ca = FileChannel.open(a); FileChannel cb = FileChannel.open(b)) {
            ByteBuffer ba = ByteBuffer.allocateDirect(4 << 20);
            ByteBuffer bb = ByteBuffer.allocateDirect(4 << 20);
            long position = 0;
            while (true) {
                ba.clear();
                bb.clear();
                int na = fill(ca, ba);
                int nb = fill(cb, bb);
                if (na != nb) {
                    return position + Math.min(na, nb);
                }
                for (int at = 0; at < na; at += 1 << 16) {
                    int end = Math.min(na, at + (1 << 16));
                    int m = ba.slice(at, end - at).mismatch(bb.slice(at, end - at));
                    if (m >= 0) {
                        return position + at + m;
                    }
                }
                if (na == 0) {
                    return -1;
                }
                position += na;
            }
        }
    }

    private static int fill(FileChannel ch, ByteBuffer buf) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Bytes of every file under the repository folder. */
    static long size(Path repository) throws IOException {
        try (Stream<Path> all = Files.walk(repository)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** The repository's files (relative names) under a folder, e.g. {@code packs}. */
    static List<String> files(Path repository, String folder) throws IOException {
        Path dir = repository.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).map(p -> repository.relativize(p).toString()).sorted().toList();
        }
    }

    /**
     * A progress that counts its cancellation checks and cancels at the n-th (counting from 1), or, made
     * with {@link #afterLastPack()}, at the first check once the run has written its last pack and index.
     */
    static final class CancelAt implements Progress {
        private final long cancelAt;
        private final boolean afterLastPack;
        private boolean lastPackStarted;
        long checks;

        CancelAt(long cancelAt) {
            this(cancelAt, false);
        }

        private CancelAt(long cancelAt, boolean afterLastPack) {
            this.cancelAt = cancelAt;
            this.afterLastPack = afterLastPack;
        }

        static CancelAt afterLastPack() {
            return new CancelAt(-1, true);
        }

        @Override
        public void subTask(String name) {
            if (name.contains("last pack")) {
                lastPackStarted = true;
            }
        }

        @Override
        public boolean isCanceled() {
            return false;
        }

        @Override
        public void checkCanceled() {
            checks++;
            if (checks == cancelAt || (afterLastPack && lastPackStarted)) {
                throw new CanceledException();
            }
        }
    }
}
