package org.seedbench.core.support.volume;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.seedbench.core.spi.DiskEncryptor.DriveFile;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.support.files.DurableFiles;

/**
 * A {@link Volume} whose files are files under the folder where the drive is mounted. It keeps what every
 * encryptor's volume must keep, so that an encryptor adds only how plain bytes are stored ({@link #startFile},
 * {@link #resumeFile}) and read back ({@link #decoder}):
 * <ul>
 * <li>paths are '/'-separated and relative to the drive root; an absolute path, an empty part, {@code ..}, a
 * {@code \} or {@code :} and a part starting with '.' (kept for the volume's own files) are refused, and so are
 * the file system's own root folders ({@code lost+found}, {@code System Volume Information},
 * {@code $RECYCLE.BIN});</li>
 * <li>a file being written is kept as {@code dir/.name.partial} beside its final name; {@link DriveFile#finish()}
 * forces it to disk, renames it into place atomically and forces the folder, so a crash leaves either the
 * unfinished file or the finished one, never a truncated finished file;</li>
 * <li>{@link #list()} shows finished files only, sorted, without the volume's dot-files;</li>
 * <li>the drive never holds more than {@link DriveTarget#capacityBytes()}: every byte under the mount point
 * counts (the volume's own files and unfinished files too), and a write that would pass the capacity fails
 * with an {@link IOException} naming the drive and saying it is full.</li>
 * </ul>
 * The bytes in use are counted when the volume opens and kept up to date by its own writes and deletes; another
 * program writing to the same drive at the same time is not seen until the volume is opened again.
 */
public abstract class FolderVolume implements Volume {
    private static final Set<String> FILE_SYSTEM_ENTRIES = Set.of("lost+found", "system volume information",
            "$recycle.bin");
    private static final String UNFINISHED_SUFFIX = ".partial";
    private static final String PATH_RULE =
            "give a '/'-separated path relative to the drive root whose parts do not start with '.'";

    private final DriveTarget drive;
    private final Path root;
    private final AtomicLong used = new AtomicLong();
    private volatile boolean usedKnown;
    private volatile boolean closed;

    /**
     * Opens the volume on the folder where {@code drive} is mounted and counts the bytes it holds.
     *
     * @throws IOException when the mount point is not a folder or the drive declares no capacity
     */
    protected FolderVolume(DriveTarget drive) throws IOException {
        this.drive = Objects.requireNonNull(drive, "drive");
        if (drive.capacityBytes() <= 0) {
            throw new IOException("drive " + drive.serial() + " declares no capacity (" + drive.capacityBytes()
                    + " bytes); give the drive's size in bytes");
        }
        if (!Files.isDirectory(drive.mountPoint())) {
            throw new IOException("drive " + drive.serial() + " is not mounted: " + drive.mountPoint()
                    + " is not a folder");
        }
        this.root = drive.mountPoint().toRealPath();
        used();
    }

    // ---- what an encryptor adds -------------------------------------------------------------------------

    /** Turns the plain bytes of one file into what the drive stores, through a {@link StoredOutput}. */
    protected interface Encoder {
        /** Takes the next plain bytes; complete units go to the output at once. */
        void write(byte[] b, int off, int len) throws IOException;

        /** Writes whatever closes the file (e.g. its last sealed segment) to the output. */
        void finish() throws IOException;
    }

    /** Starts a new file: writes what begins it (e.g. a header) to {@code out} and returns its encoder. */
    protected abstract Encoder startFile(String path, StoredOutput out) throws IOException;

    /**
     * Continues the unfinished file {@code unfinished} at plain offset {@code at} (a multiple of
     * {@link #RESUME_ALIGNMENT} within {@link #resumableLength}); the file is already cut at
     * {@link #storedOffset storedOffset(at)} and {@code out} continues there.
     */
    protected abstract Encoder resumeFile(String path, FileChannel unfinished, long at, StoredOutput out)
            throws IOException;

    /** Where plain offset {@code at} (a resume point) lies in the stored file. */
    protected abstract long storedOffset(long at);

    /** Plain bytes of the unfinished file that a resume can build on; -1 when it cannot be resumed at all. */
    protected abstract long resumableLength(String path, FileChannel unfinished) throws IOException;

    /** Plain length of the finished file; fails when the stored file is damaged or cut short. */
    protected abstract long plainLength(String path, FileChannel file) throws IOException;

    /**
     * The plain bytes of a finished file from {@code offset} (at most {@code length}) on. The stream owns
     * {@code file} and closes it.
     */
    protected abstract InputStream decoder(String path, FileChannel file, long offset, long length)
            throws IOException;

    // ---- helpers for encryptors ----------------------------------------------------------------------------

    public final DriveTarget drive() {
        return drive;
    }

    /** The real path of the folder the drive is mounted on. */
    public final Path root() {
        return root;
    }

    /** {@code 'path' on drive SERIAL}, for messages. */
    protected final String describe(String path) {
        return "'" + path + "' on drive " + drive.serial();
    }

    /**
     * Checks {@code path} against the volume's path rules and returns where its finished file lies.
     *
     * @throws IOException naming the path and what is wrong with it
     */
    protected final Path file(String path) throws IOException {
        String problem = pathProblem(path);
        if (problem != null) {
            throw new IOException("drive " + drive.serial() + ": path '" + path + "' " + problem + "; " + PATH_RULE);
        }
        Path p = root;
        for (String part : path.split("/")) {
            p = p.resolve(part);
        }
        if (!p.normalize().startsWith(root)) {
            throw new IOException("drive " + drive.serial() + ": path '" + path + "' leads outside the drive; "
                    + PATH_RULE);
        }
        return p;
    }

    /** Where the unfinished version of {@code file} is kept: {@code .name.partial} beside it. */
    protected static Path unfinished(Path file) {
        return file.resolveSibling("." + file.getFileName() + UNFINISHED_SUFFIX);
    }

    /**
     * Whether a folder of this name at a drive's root belongs to the file system itself ({@code lost+found},
     * {@code System Volume Information}, {@code $RECYCLE.BIN}): never listed, never part of a path, kept when a
     * drive is emptied.
     */
    public static boolean isFileSystemFolder(String rootEntryName) {
        return FILE_SYSTEM_ENTRIES.contains(rootEntryName.toLowerCase(Locale.ROOT));
    }

    /**
     * The folders at a mounted drive's root that hold a seed: each is a seeding job's ({@code <job>/…}), read
     * without the key where names are not encrypted. The volume's own names (starting with '.') and the file
     * system's folders are left out; empty when the root cannot be listed (not mounted, or locked).
     *
     * @since 1.1
     */
    public static Set<String> seedFolders(Path root) {
        if (root == null || !Files.isDirectory(root)) {
            return Set.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !isFileSystemFolder(n))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** What is wrong with {@code path}, or {@code null} when it keeps the rules. */
    static String pathProblem(String path) {
        if (path == null || path.isEmpty()) {
            return "is empty";
        }
        if (path.startsWith("/")) {
            return "is absolute";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' || c == ':') {
                return "holds '" + c + "'";
            }
            if (c < ' ' || c == 0x7f) {
                return "holds a control character";
            }
        }
        String[] parts = path.split("/", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return "has an empty part";
            }
            if (part.equals("..")) {
                return "leads outside the drive ('..')";
            }
            if (part.startsWith(".")) {
                return "has a part starting with '.', which the volume keeps for its own files";
            }
        }
        if (isFileSystemFolder(parts[0])) {
            return "lies in a folder of the file system itself";
        }
        return null;
    }

    // ---- the Volume --------------------------------------------------------------------------------------

    @Override
    public DriveFile create(String path) throws IOException {
        ensureOpen();
        Path file = file(path);
        if (Files.isDirectory(file)) {
            throw new IOException(describe(path) + " is a folder; a file cannot take its place");
        }
        Path partial = unfinished(file);
        makeFolders(path, partial.getParent());
        long previous = sizeOrZero(partial);
        FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        used.addAndGet(-previous);
        return closedOnFailure(channel, () -> {
            Writer writer = new Writer(path, file, partial, channel, 0, 0);
            writer.encoder = startFile(path, writer.out);
            return writer;
        });
    }

    @Override
    public DriveFile resume(String path, long at) throws IOException {
        ensureOpen();
        Path file = file(path);
        if (at < 0 || at % RESUME_ALIGNMENT != 0) {
            throw new IOException(describe(path) + ": cannot resume at " + at + "; a resume point is a multiple of "
                    + RESUME_ALIGNMENT + " bytes");
        }
        Path partial = unfinished(file);
        if (!Files.isRegularFile(partial)) {
            throw new IOException(describe(path) + " has no unfinished file to resume; create it afresh");
        }
        FileChannel channel = FileChannel.open(partial, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return closedOnFailure(channel, () -> {
            long resumable = resumableLength(path, channel);
            if (resumable < 0) {
                throw new IOException(describe(path) + ": its unfinished file cannot be resumed (it holds no usable "
                        + "start); create it afresh");
            }
            if (at > resumable) {
                throw new IOException(describe(path) + ": cannot resume at " + at + "; only " + resumable
                        + " bytes of it were written before");
            }
            long stored = storedOffset(at);
            long before = channel.size();
            channel.truncate(stored);
            used.addAndGet(stored - before);
            channel.position(stored);
            Writer writer = new Writer(path, file, partial, channel, at, stored);
            writer.encoder = resumeFile(path, channel, at, writer.out);
            return writer;
        });
    }

    @Override
    public long unfinishedLength(String path) throws IOException {
        ensureOpen();
        Path partial = unfinished(file(path));
        if (!Files.isRegularFile(partial)) {
            return -1;
        }
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.READ)) {
            return Math.max(-1, resumableLength(path, channel));
        }
    }

    @Override
    public InputStream open(String path, long offset) throws IOException {
        ensureOpen();
        FileChannel channel = openFinished(path);
        return closedOnFailure(channel, () -> {
            long length = plainLength(path, channel);
            if (offset < 0 || offset > length) {
                throw new IOException(describe(path) + ": cannot read from offset " + offset + "; it holds "
                        + length + " bytes");
            }
            return decoder(path, channel, offset, length);
        });
    }

    /** What is made of a channel it stays open for. */
    @FunctionalInterface
    private interface OverChannel<T> {
        T make() throws IOException;
    }

    /** What {@code make} makes of {@code channel}, which is closed when that fails and else left to the result. */
    private static <T> T closedOnFailure(FileChannel channel, OverChannel<T> make) throws IOException {
        try {
            return make.make();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public long size(String path) throws IOException {
        ensureOpen();
        try (FileChannel channel = openFinished(path)) {
            return plainLength(path, channel);
        }
    }

    @Override
    public boolean exists(String path) throws IOException {
        ensureOpen();
        return Files.isRegularFile(file(path));
    }

    /** Deletes the finished file and any unfinished version of it; a path that holds neither is left alone. */
    @Override
    public void delete(String path) throws IOException {
        ensureOpen();
        Path file = file(path);
        if (Files.isDirectory(file)) {
            throw new IOException(describe(path) + " is a folder, not a file");
        }
        for (Path p : new Path[] {file, unfinished(file)}) {
            long size = sizeOrZero(p);
            if (Files.deleteIfExists(p)) {
                used.addAndGet(-size);
            }
        }
    }

    @Override
    public List<String> list() throws IOException {
        ensureOpen();
        List<String> names = new ArrayList<>();
        Files.walkFileTree(root, new VolumeWalk() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && (isDotEntry(dir) || isFileSystemEntry(dir))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !isDotEntry(file) && !isFileSystemEntry(file)) {
                    names.add(relative(file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Collections.sort(names);
        return names;
    }

    /** The smaller of what the file system can still take and what the declared capacity leaves. */
    @Override
    public long freeSpace() throws IOException {
        ensureOpen();
        long onFileSystem = Files.getFileStore(root).getUsableSpace();
        long withinCapacity = drive.capacityBytes() - used();
        return Math.max(0, Math.min(onFileSystem, withinCapacity));
    }

    /** Bytes under the mount point, the volume's own files and unfinished files included. */
    public long usedBytes() throws IOException {
        ensureOpen();
        return used();
    }

    @Override
    public void close() throws IOException {
        closed = true;
    }

    /** @throws IOException once the volume is closed */
    protected final void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("drive " + drive.serial() + " is closed; unlock it again");
        }
    }

    // ---- capacity ----------------------------------------------------------------------------------------

    private long used() throws IOException {
        if (!usedKnown) {
            synchronized (used) {
                if (!usedKnown) {
                    used.set(countUsed());
                    usedKnown = true;
                }
            }
        }
        return used.get();
    }

    /** Counts {@code bytes} more in use, or fails when the drive would hold more than its capacity. */
    final void claim(long bytes, String path) throws IOException {
        used();
        long capacity = drive.capacityBytes();
        if (used.addAndGet(bytes) > capacity) {
            used.addAndGet(-bytes);
            throw new IOException("drive " + drive.serial() + " is full: writing '" + path + "' would pass its "
                    + "declared capacity of " + capacity + " bytes; continue on another drive");
        }
    }

    /** After a failed write the bytes in use are counted again when next needed. */
    final void recount() {
        usedKnown = false;
    }

    /** A walk of the volume's folder that passes over what the file system keeps there and cannot be read. */
    private abstract class VolumeWalk extends SimpleFileVisitor<Path> {
        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (isFileSystemEntry(file)) {
                return FileVisitResult.CONTINUE;
            }
            throw e;
        }
    }

    private long countUsed() throws IOException {
        long[] total = {0};
        Files.walkFileTree(root, new VolumeWalk() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    // ---- files -------------------------------------------------------------------------------------------

    private FileChannel openFinished(String path) throws IOException {
        Path file = file(path);
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            if (Files.isRegularFile(unfinished(file))) {
                throw new IOException(describe(path) + " is not finished; resume it or create it afresh", e);
            }
            throw new IOException(describe(path) + " does not exist", e);
        }
    }

    private void makeFolders(String path, Path folder) throws IOException {
        for (Path p = folder; !p.equals(root); p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new IOException(describe(path) + ": the file '" + relative(p) + "' is in the way of its folder");
            }
        }
        Files.createDirectories(folder);
    }

    private boolean isFileSystemEntry(Path p) {
        return root.equals(p.getParent()) && isFileSystemFolder(p.getFileName().toString());
    }

    private static boolean isDotEntry(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private String relative(Path file) {
        StringBuilder b = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(part);
        }
        return b.toString();
    }

    private static long sizeOrZero(Path p) throws IOException {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** A file being written: its unfinished version until {@link #finish()}. */
    private final class Writer extends DriveFile {
        private final String path;
        private final Path file;
        private final Path partial;
        private final FileChannel channel;
        final StoredOutput out;
        Encoder encoder;
        private final byte[] one = new byte[1];
        private long position;
        private boolean folderForced;
        private boolean closed;

        Writer(String path, Path file, Path partial, FileChannel channel, long position, long storedPosition) {
            this.path = path;
            this.file = file;
            this.partial = partial;
            this.channel = channel;
            this.position = position;
            this.out = new StoredOutput(FolderVolume.this, channel, path, storedPosition);
        }

        @Override
        public void write(int b) throws IOException {
            one[0] = (byte) b;
            write(one, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ensureWritable();
            Objects.checkFromIndexSize(off, len, b.length);
            encoder.write(b, off, len);
            position += len;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void sync() throws IOException {
            ensureWritable();
            out.flush();
            channel.force(true);
            if (!folderForced) {
                DurableFiles.forceFolder(partial.getParent());
                folderForced = true;
            }
        }

        @Override
        public void finish() throws IOException {
            ensureWritable();
            encoder.finish();
            out.flush();
            channel.force(true);
            closed = true;
            channel.close();
            out.release();
            long replaced = sizeOrZero(file);
            DurableFiles.commit(partial, file);
            used.addAndGet(-replaced);
        }

        /** Without {@link #finish()} the file stays unfinished, holding what was written so far. */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try (channel) {
                out.flush();
            } finally {
                out.release();
            }
        }

        private void ensureWritable() throws IOException {
            if (closed) {
                throw new IOException(describe(path) + ": the file was closed; resume it to write more");
            }
        }
    }
}
