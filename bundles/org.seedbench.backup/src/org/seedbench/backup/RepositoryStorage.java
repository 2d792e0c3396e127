package org.seedbench.backup;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Where a repository's files are kept: a local folder ({@link LocalStorage}), later a blob container of the
 * vault. The engine does all repository I/O through this interface.
 *
 * <p>Names are '/'-separated paths relative to the repository, e.g. {@code packs/3f/3f…} or {@code config};
 * each segment consists of ASCII letters, digits, '.', '_' and '-' and does not start with '.'. Names
 * starting with '.' are the storage's own (unfinished writes) and never listed.
 *
 * <p>Writes are atomic: an object either exists with its whole content or not at all, whatever happens to
 * the process writing it. A write that did not finish leaves at most an abandoned temporary object, which
 * {@link #deleteAbandoned()} removes.
 */
public interface RepositoryStorage {

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
     * The names of the objects whose name starts with {@code prefix}, sorted: the repository's objects only
     * ({@link RepositoryLayout#isObject}), never what else lies in the same place.
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
