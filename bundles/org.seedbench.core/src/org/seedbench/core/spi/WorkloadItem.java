package org.seedbench.core.spi;

import java.time.Instant;
import java.util.Map;

/**
 * One item a workload yields: a file, a directory, a symbolic link or a stream (a database dump, a
 * datasource's replica file).
 *
 * <p>A backup takes a file's content from the previous snapshot, without reading it, when its size, modification
 * time, attributes and, where the source gives them, its {@link #changed() status change time} and
 * {@link #fileId() file id} are all as they were (restic's rule). A source that cannot tell them gives
 * {@code null}; the file then matches on the others.
 *
 * @param path       the item's path inside the workload, '/'-separated, never starting with '/' and never
 *                   holding a '..' segment
 * @param size       bytes of content (0 for directories and links)
 * @param attributes metadata to keep: {@code posix.permissions} ({@code rwxr-x---}), {@code owner},
 *                   {@code group}, {@code dos.attributes}… as the source knows them
 * @param linkTarget the target of a symbolic link, else {@code null}
 * @param changed    (since 3.2) when the item's metadata or content last changed (POSIX {@code ctime}: set by
 *                   the system on every write, rename, chmod or chown, and not settable by {@code touch}),
 *                   {@code null} when the source does not know it
 * @param fileId     (since 3.2) what identifies the item on its file system (POSIX: the inode number),
 *                   {@code null} when the source does not know it; a file replaced by another (saved through a
 *                   temporary file and a rename) gets another id
 */
public record WorkloadItem(String path, Type type, long size, Instant modified, Map<String, String> attributes,
        String linkTarget, Instant changed, String fileId) {

    public enum Type {
        FILE, DIRECTORY, SYMLINK
    }

    public WorkloadItem {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** An item whose status change time and file id are not known. */
    public WorkloadItem(String path, Type type, long size, Instant modified, Map<String, String> attributes,
            String linkTarget) {
        this(path, type, size, modified, attributes, linkTarget, null, null);
    }
}
