package org.seedbench.cloud.local.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

import org.seedbench.core.spi.volume.FolderVolume;

/**
 * Files written whole: a temp file beside the target (its name starts with {@value #TEMP_PREFIX}, which listings
 * skip), fsync, atomic rename, fsync of the folder. A write killed half-way leaves the old file or none, never
 * a part.
 */
public final class AtomicWrite {
    /** Temp files start with this; no blob name segment may. */
    public static final String TEMP_PREFIX = ".tmp-";

    private AtomicWrite() {
    }

    /** @param ownerOnly 0600, for files that hold key protectors */
    public static void bytes(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Path tmp = temp(file, ownerOnly);
        try {
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    c.write(buf);
                }
                c.force(true);
            }
            commit(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes exactly {@code length} bytes of {@code content} to {@code file}.
     *
     * @throws IOException when the stream ends before {@code length} bytes or fails; the file is then untouched
     */
    public static void stream(Path file, InputStream content, long length) throws IOException {
        Path tmp = temp(file, false);
        try {
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                byte[] buf = new byte[1 << 20];
                long left = length;
                while (left > 0) {
                    int n = content.read(buf, 0, (int) Math.min(buf.length, left));
                    if (n < 0) {
                        throw new IOException("the content of " + file.getFileName() + " ended after "
                                + (length - left) + " of " + length + " bytes");
                    }
                    ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                    while (b.hasRemaining()) {
                        c.write(b);
                    }
                    left -= n;
                }
                c.force(true);
            }
            commit(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Replaces {@code file} by a copy of {@code source} (a hard link where the file system allows). */
    public static void copy(Path source, Path file) throws IOException {
        Path tmp = file.resolveSibling(TEMP_PREFIX + UUID.randomUUID() + "-" + file.getFileName());
        Files.createDirectories(file.getParent());
        try {
            try {
                Files.createLink(tmp, source);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(source, tmp, StandardCopyOption.COPY_ATTRIBUTES);
                try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    c.force(true);
                }
            }
            commit(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path temp(Path file, boolean ownerOnly) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(TEMP_PREFIX + UUID.randomUUID() + "-" + file.getFileName());
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attrs = ownerOnly && posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        return Files.createFile(tmp, attrs);
    }

    private static void commit(Path tmp, Path file) throws IOException {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        FolderVolume.forceFolder(file.getParent());
    }
}
