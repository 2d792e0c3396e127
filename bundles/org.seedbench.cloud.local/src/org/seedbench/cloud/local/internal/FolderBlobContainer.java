package org.seedbench.cloud.local.internal;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.commons.io.input.BoundedInputStream;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.support.files.DurableFiles;

/**
 * A blob container as a folder: {@code <folder>/accounts/<account>/<container>/<blob name>}, an
 * {@link ObjectStore}. A put is a temp file, fsync and atomic rename, so a killed put leaves no blob; temp files
 * ({@value DurableFiles#TEMP_PREFIX}…) are never listed. An object being written through {@link #create} is such
 * a temp file, locked while its writer has it open, so {@link #deleteAbandoned} tells a dead writer's from a live
 * one's. A copy from another folder container is "server-side": a hard link, or a file copy where links are not
 * possible.
 */
public final class FolderBlobContainer implements ObjectStore {
    private final Path root;
    private final String location;

    /** @param location where the container is, for messages, e.g. {@code local:contosobackup/seed} */
    public FolderBlobContainer(Path root, String location) {
        this.root = root;
        this.location = location;
    }

    @Override
    public String location() {
        return location;
    }

    /** The container's folder. */
    public Path root() {
        return root;
    }

    /** Where the blob lies. @throws IllegalArgumentException when the name breaks the rules of blob names */
    public Path file(String name) {
        BlobNames.check(name);
        return root.resolve(name);
    }

    @Override
    public void put(String name, InputStream content, long length) throws IOException {
        DurableFiles.write(file(name), content, length);
    }

    @Override
    public void put(String name, byte[] content) throws IOException {
        DurableFiles.write(file(name), content, false);
    }

    @Override
    public PendingObject create(String folder) throws IOException {
        Path dir = folder.isEmpty() ? root : file(folder);
        Files.createDirectories(dir);
        Path temp = dir.resolve(DurableFiles.TEMP_PREFIX + UUID.randomUUID());
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() == null) {
                throw new IOException("cannot lock the new temporary file " + temp);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temp);
            throw e;
        }
        return new TempObject(temp, channel);
    }

    @Override
    public byte[] get(String name) throws IOException {
        return Files.readAllBytes(existing(name));
    }

    @Override
    public byte[] getRange(String name, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(existing(name), StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new EOFException(name + " ends before byte " + (offset + length));
                }
            }
        }
        return buffer.array();
    }

    @Override
    public InputStream open(String name) throws IOException {
        return Files.newInputStream(existing(name));
    }

    @Override
    public InputStream open(String name, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative: " + offset + ", " + length);
        }
        FileChannel channel = FileChannel.open(existing(name), StandardOpenOption.READ);
        channel.position(offset);
        return BoundedInputStream.builder().setInputStream(Channels.newInputStream(channel)).setMaxCount(length)
                .get();
    }

    @Override
    public long size(String name) throws IOException {
        return Files.size(existing(name));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        // walk only the folder the prefix names, not the whole container
        String folder = prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/')) : "";
        Path start = folder.isEmpty() ? root : root.resolve(folder);
        if (!folder.isEmpty() && !BlobNames.isValid(folder) || !Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(start)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                String name = root.relativize(p).toString().replace('\\', '/');
                if (name.startsWith(prefix) && BlobNames.isValid(name)) {
                    names.add(name);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        names.sort(null);
        return names;
    }

    @Override
    public boolean exists(String name) throws IOException {
        return Files.isRegularFile(file(name));
    }

    @Override
    public void delete(String name) throws IOException {
        Path file = file(name);
        Files.deleteIfExists(file);
        pruneEmptyFolders(file.getParent());
    }

    @Override
    public void copyFrom(ObjectStore source, String name) throws IOException {
        if (source instanceof FolderBlobContainer folder) {
            DurableFiles.copy(folder.existing(name), file(name));
            return;
        }
        ObjectStore.super.copyFrom(source, name);
    }

    /** Removes the temp files of writers that are gone (nobody holds their lock); a write in progress stays. */
    @Override
    public int deleteAbandoned() throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> temps;
        try (Stream<Path> walk = Files.walk(root)) {
            temps = walk.filter(p -> p.getFileName().toString().startsWith(DurableFiles.TEMP_PREFIX)).toList();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        int removed = 0;
        for (Path temp : temps) {
            if (unlocked(temp) && Files.deleteIfExists(temp)) {
                removed++;
            }
        }
        return removed;
    }

    private static boolean unlocked(Path temp) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException | NoSuchFileException e) {
            return false; // this process writes it, or it is gone
        }
    }

    /** An object written into a locked temp file, renamed to its name on commit. */
    private final class TempObject implements PendingObject {
        private final Path temp;
        private final FileChannel channel;
        private final BufferedOutputStream buffer;
        private final OutputStream out;
        private boolean done;

        TempObject(Path temp, FileChannel channel) {
            this.temp = temp;
            this.channel = channel;
            this.buffer = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
            // a caller may close the output: the file stays open for the commit, which flushes the buffer
            this.out = CloseShieldOutputStream.wrap(buffer);
        }

        @Override
        public OutputStream output() {
            return out;
        }

        @Override
        public void commit(String name) throws IOException {
            if (done) {
                throw new IllegalStateException("already committed or discarded");
            }
            Path target = file(name);
            buffer.flush();
            channel.force(true);
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DurableFiles.forceFolder(target.getParent());
            done = true;
            channel.close();
        }

        @Override
        public void close() throws IOException {
            if (done) {
                return;
            }
            done = true;
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    private Path existing(String name) throws IOException {
        Path file = file(name);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException("blob " + name + " in container " + root.getFileName());
        }
        return file;
    }

    /** Folders left empty by a delete go too, up to the container's folder. */
    private void pruneEmptyFolders(Path folder) throws IOException {
        Path f = folder;
        while (f != null && f.startsWith(root) && !f.equals(root)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(f)) {
                if (entries.iterator().hasNext()) {
                    return;
                }
            } catch (NoSuchFileException e) {
                return;
            }
            try {
                Files.delete(f);
            } catch (IOException e) {
                return; // a put into this folder came in between
            }
            f = f.getParent();
        }
    }

    @Override
    public String toString() {
        return "FolderBlobContainer[" + location + " at " + root + "]";
    }
}
