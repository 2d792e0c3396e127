package org.seedbench.core.support.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.support.files.DurableFiles;

/**
 * The folder object store: a repository in a local folder (or a mounted network share), the store staging
 * providers open. Every object is written as a temporary file ({@code .tmp-…}) in the folder it ends up in, or
 * for packs in the folder above, forced to disk, renamed atomically to its name, and the folder is forced to disk
 * after the rename ({@link DurableFiles}). A write in progress holds a lock on its temporary file, so
 * {@link #deleteAbandoned()} removes only what a dead process left.
 */
public final class FolderObjectStore implements ObjectStore {
    private static final String TEMP_PREFIX = DurableFiles.TEMP_PREFIX;

    private final Path root;
    private final boolean posix;
    private final Predicate<String> objects;
    private final Set<Path> writing = ConcurrentHashMap.newKeySet();

    /** A store in {@code root}, which is created on the first write when missing, listing every object in it. */
    public FolderObjectStore(Path root) {
        this(root, name -> true);
    }

    /**
     * A store in {@code root} that lists only the objects whose names {@code objects} accepts (a repository's own,
     * e.g. {@code RepositoryLayout::isObject}), never what else lies in the same folder.
     */
    public FolderObjectStore(Path root, Predicate<String> objects) {
        this.root = root.toAbsolutePath().normalize();
        this.posix = this.root.getFileSystem().supportedFileAttributeViews().contains("posix");
        this.objects = objects;
    }

    /** The repository's folder. */
    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public String toString() {
        return "FolderObjectStore[" + root + "]";
    }

    @Override
    public PendingObject create(String folder) throws IOException {
        Path dir = folder.isEmpty() ? root : resolve(folder);
        createDirectories(dir);
        Path temp = dir.resolve(DurableFiles.tempName());
        LocalPending pending = new LocalPending(temp);
        writing.add(temp);
        return pending;
    }

    @Override
    public byte[] get(String name) throws IOException {
        return Files.readAllBytes(resolve(name));
    }

    @Override
    public byte[] getRange(String name, long offset, int length) throws IOException {
        byte[] out = new byte[length];
        try (FileChannel ch = FileChannel.open(resolve(name), StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(out);
            long pos = offset;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new EOFException(name + " ends before byte " + (offset + length));
                }
                pos += n;
            }
        }
        return out;
    }

    @Override
    public InputStream open(String name) throws IOException {
        return Files.newInputStream(resolve(name));
    }

    /** {@inheritDoc} The object's file in the folder, whether it exists or not. */
    @Override
    public Optional<Path> localFile(String name) {
        return Optional.of(resolve(name));
    }

    /**
     * {@inheritDoc} Only well-formed names the store's filter accepts are listed: whatever else lies in the folder
     * (a restore someone made into it, a file copied there by hand) is not part of the repository and never copied
     * with it.
     */
    @Override
    public List<String> list(String prefix) throws IOException {
        int slash = prefix.lastIndexOf('/');
        Path dir = slash < 0 ? root : resolve(prefix.substring(0, slash));
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).forEach(file -> addObject(names, file, prefix));
            }
        }
        Collections.sort(names);
        return names;
    }

    private void addObject(List<String> names, Path file, String prefix) {
        String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        if (name.startsWith(prefix) && wellFormed(name) && objects.test(name)) {
            names.add(name);
        }
    }

    private static boolean wellFormed(String name) {
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".") || !segment.chars().allMatch(FolderObjectStore::nameChar)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean exists(String name) throws IOException {
        return Files.isRegularFile(resolve(name));
    }

    @Override
    public void delete(String name) throws IOException {
        Path file = resolve(name);
        if (Files.deleteIfExists(file)) {
            forceDirectory(file.getParent());
        }
    }

    @Override
    public long size(String name) throws IOException {
        return Files.size(resolve(name));
    }

    @Override
    public int deleteAbandoned() throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> temps;
        try (Stream<Path> files = Files.walk(root)) {
            temps = files.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX) && Files.isRegularFile(p))
                    .toList();
        }
        int removed = 0;
        for (Path temp : temps) {
            if (!writing.contains(temp) && DurableFiles.abandoned(temp)) {
                Files.deleteIfExists(temp);
                forceDirectory(temp.getParent());
                removed++;
            }
        }
        return removed;
    }

    /** The file of an object name; names that are not the storage's form are refused. */
    private Path resolve(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
            throw new IllegalArgumentException("not an object name: '" + name + "'");
        }
        Path p = root;
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".") || !segment.chars().allMatch(FolderObjectStore::nameChar)) {
                throw new IllegalArgumentException("not an object name: '" + name + "'");
            }
            p = p.resolve(segment);
        }
        return p;
    }

    private static boolean nameChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-';
    }

    /** Creates the folder and any missing parents, forcing each new entry to disk. */
    private void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            return;
        }
        if (parent != null) {
            forceDirectory(parent);
        }
    }

    /** Makes a folder's entries durable. Only POSIX systems can open a folder for that. */
    private void forceDirectory(Path dir) throws IOException {
        if (posix) {
            DurableFiles.forceFolder(dir);
        }
    }

    /** A pending object renamed to its name on commit. */
    private final class LocalPending extends LockedTempObject {

        LocalPending(Path temp) throws IOException {
            super(temp);
        }

        @Override
        protected void commit(String name, FileChannel channel) throws IOException {
            Path target = resolve(name);
            channel.force(true);
            createDirectories(target.getParent());
            try {
                if (posix) {
                    DurableFiles.commit(temp(), target);
                    channel.close();
                } else {
                    channel.close();
                    DurableFiles.commit(temp(), target);
                }
            } catch (AccessDeniedException e) {
                throw new IOException("cannot write " + target + ": permission denied", e);
            }
            if (!target.getParent().equals(temp().getParent())) {
                forceDirectory(temp().getParent());
            }
        }

        @Override
        protected void finished() {
            writing.remove(temp());
        }
    }
}
