package org.seedbench.core.support.files;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.io.IOUtils;

/**
 * Durable writes, the one way Seedbench replaces a file: the content goes into a temporary file in the target's
 * folder (its name starts with {@value #TEMP_PREFIX}), which is forced to disk, renamed atomically onto the
 * target, and then the folder is forced to disk too, so that the rename survives a crash. A write that did not
 * finish leaves the old file (or none), never a part of the new one.
 *
 * <p>Writers of long-lived temporary files (an object store's pending objects) hold an OS lock on them for as
 * long as they write: {@link #createLocked} and {@link #abandoned} tell a write in progress from what a dead
 * process left.
 */
public final class DurableFiles {
    /** Temporary files start with this; listings skip such names. */
    public static final String TEMP_PREFIX = ".tmp-";

    private static final boolean WINDOWS = File.separatorChar == '\\';
    private static final int BUFFER = 1 << 16;

    /** Writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private DurableFiles() {
    }

    /**
     * Replaces {@code file} by {@code content}, creating its folder when missing.
     *
     * @param ownerOnly 0600, for files that hold secrets (key protectors, DriveInfo)
     */
    public static void write(Path file, byte[] content, boolean ownerOnly) throws IOException {
        write(file, ownerOnly, out -> out.write(content));
    }

    /**
     * Replaces {@code file} by exactly {@code length} bytes of {@code content}, creating its folder when missing.
     *
     * @throws EOFException when the stream ends before {@code length} bytes; the file is then untouched
     */
    public static void write(Path file, InputStream content, long length) throws IOException {
        write(file, false, out -> {
            long copied = IOUtils.copyLarge(content, out, 0, length);
            if (copied != length) {
                throw new EOFException("the content of " + file.getFileName() + " ended after " + copied + " of "
                        + length + " bytes");
            }
        });
    }

    /**
     * Replaces {@code file} by what {@code content} writes, streamed to disk (the streaming variant, for content
     * that is not held in memory whole); creates its folder when missing.
     *
     * @param ownerOnly 0600, for files that hold secrets
     */
    public static void write(Path file, boolean ownerOnly, Content content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = newTemp(folder, ownerOnly);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                // not closed: closing the channel is the try's
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            commit(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Replaces {@code file} by a copy of {@code source}: a hard link where the file system allows, else a copy. */
    public static void copy(Path source, Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = folder.resolve(tempName());
        try {
            try {
                Files.createLink(temp, source);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(source, temp, StandardCopyOption.COPY_ATTRIBUTES);
                try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    c.force(true);
                }
            }
            commit(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Renames a temporary file whose content is already forced to disk onto {@code file}, atomically, replacing
     * it, and forces the folder, so that the rename survives a crash.
     */
    public static void commit(Path temp, Path file) throws IOException {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceFolder(file.toAbsolutePath().getParent());
    }

    /**
     * Forces a folder's entries to disk, so that a rename or a new file in it survives a crash. A no-op on
     * Windows, where a folder cannot be opened as a channel and NTFS journals its entries itself.
     */
    public static void forceFolder(Path folder) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** A new, empty temporary file in {@code folder}, 0600 when {@code ownerOnly} (on POSIX file systems). */
    public static Path newTemp(Path folder, boolean ownerOnly) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = ownerOnly && posix
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
                : new FileAttribute<?>[0];
        return Files.createFile(folder.resolve(tempName()), attributes);
    }

    /** A fresh temporary file name, {@value #TEMP_PREFIX} and 16 random hex digits. */
    public static String tempName() {
        return TEMP_PREFIX + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /** Creates a new temporary file, opened for reading and writing, locked for as long as it is open. */
    public static FileChannel createLocked(Path temp) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        FileChannel channel = FileChannel.open(temp, options);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("cannot lock the new temporary file " + temp);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temp);
            throw e;
        }
        return channel;
    }

    /** Whether no process (this one included) holds the lock of a temporary file made by {@link #createLocked}. */
    public static boolean abandoned(Path temp) throws IOException {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException | NoSuchFileException e) {
            return false;
        }
    }
}
