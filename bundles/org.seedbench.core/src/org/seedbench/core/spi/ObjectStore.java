package org.seedbench.core.spi;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one object store of Seedbench: where a repository's files are kept (the staging folder, which a
 * {@link StagingProvider} opens) and what a cloud connector's blob containers are (the import container, the
 * vault). The backup engine does all repository I/O through this interface.
 *
 * <p>Names are '/'-separated paths relative to the repository, e.g. {@code packs/3f/3f…} or {@code config};
 * each segment consists of ASCII letters, digits, '.', '_' and '-' and does not start with '.'. Names
 * starting with '.' are the storage's own (unfinished writes) and never listed.
 *
 * <p>Writes are atomic: an object either exists with its whole content or not at all, whatever happens to
 * the process writing it. A write that did not finish leaves at most an abandoned temporary object, which
 * {@link #deleteAbandoned()} removes.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface ObjectStore {

    /** Where the storage is, for messages (a folder, a container URL without credentials). */
    String location();

    /** Writes an object atomically, replacing one of the same name. */
    default void put(String name, byte[] content) throws IOException {
        int slash = name.lastIndexOf('/');
        try (PendingObject pending = create(slash < 0 ? "" : name.substring(0, slash))) {
            pending.output().write(content);
            pending.commit(name);
        }
    }

    /** Writes an object atomically from a stream of {@code length} bytes, replacing one of the same name. */
    default void put(String name, InputStream content, long length) throws IOException {
        int slash = name.lastIndexOf('/');
        try (PendingObject pending = create(slash < 0 ? "" : name.substring(0, slash))) {
            long copied = content.transferTo(pending.output());
            if (copied != length) {
                throw new java.io.EOFException(name + ": " + copied + " bytes given, " + length + " announced");
            }
            pending.commit(name);
        }
    }

    /**
     * Starts writing an object whose name is known only at the end (a pack is named by its content's hash).
     *
     * @param folder the folder the object will be committed into or under, e.g. {@code packs}; "" for the
     *               top
     */
    PendingObject create(String folder) throws IOException;

    /** The whole content of an object. @throws java.nio.file.NoSuchFileException when it does not exist */
    byte[] get(String name) throws IOException;

    /**
     * {@code length} bytes of an object from {@code offset}.
     *
     * @throws java.io.EOFException when the object ends before
     */
    byte[] getRange(String name, long offset, int length) throws IOException;

    /** Streams an object's content (for reading large objects whole). */
    InputStream open(String name) throws IOException;

    /**
     * Streams up to {@code length} bytes of an object from {@code offset} (fewer where it ends before).
     *
     * @throws java.nio.file.NoSuchFileException when the object does not exist
     */
    default InputStream open(String name, long offset, long length) throws IOException {
        InputStream in = open(name);
        in.skipNBytes(Math.min(offset, size(name)));
        return new java.io.FilterInputStream(in) {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    /**
     * The local file an object is kept in, for readers that read a whole large object faster through a
     * {@link java.nio.channels.FileChannel} than through {@link #open(String)} (copying staged packs to drives);
     * empty, the default, for stores that keep their objects anywhere else (a blob container, memory). The file is
     * only to be read: writes go through {@link #create(String)} and {@link #put}.
     */
    default Optional<Path> localFile(String name) throws IOException {
        return Optional.empty();
    }

    /** Copies an object of another store here under the same name, server-side where the stores can. */
    default void copyFrom(ObjectStore source, String name) throws IOException {
        try (InputStream in = source.open(name)) {
            put(name, in, source.size(name));
        }
    }

    /**
     * The names of the objects whose name starts with {@code prefix}, sorted: well-formed object names only
     * (see above), never the store's own temporary objects or what else lies in the same place.
     */
    List<String> list(String prefix) throws IOException;

    boolean exists(String name) throws IOException;

    /** Deletes an object; nothing happens when it does not exist. */
    void delete(String name) throws IOException;

    /** The size of an object in bytes. @throws java.nio.file.NoSuchFileException when it does not exist */
    long size(String name) throws IOException;

    /**
     * Removes what unfinished writes left behind (a process killed while writing), leaving writes still in
     * progress alone.
     *
     * @return how many were removed
     */
    int deleteAbandoned() throws IOException;

    /**
     * An object being written. Nothing is visible under its name until {@link #commit}; closing it without
     * committing discards it.
     */
    @org.osgi.annotation.versioning.ConsumerType
    interface PendingObject extends Closeable {

        /** Where the content goes. Closing it is not needed. */
        OutputStream output() throws IOException;

        /** Makes the object durable and visible under {@code name}, atomically. */
        void commit(String name) throws IOException;

        /** Discards the object unless it was committed. */
        @Override
        void close() throws IOException;
    }
}
