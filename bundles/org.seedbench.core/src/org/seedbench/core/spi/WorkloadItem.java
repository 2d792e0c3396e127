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

    /**
     * Compares two item paths in the order the files source lists them, which a backup's rerun follows to meet
     * the previous snapshot's items again: segment by segment, names by code point (the byte order of their UTF-8
     * form, unlike {@link String#compareTo}), a folder before its content ('/' sorts before every other
     * character).
     *
     * @since 3.2
     */
    public static int compareListingOrder(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca == '/' ? -1 : ca, cb == '/' ? -1 : cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** An item whose status change time and file id are not known. */
    public WorkloadItem(String path, Type type, long size, Instant modified, Map<String, String> attributes,
            String linkTarget) {
        this(path, type, size, modified, attributes, linkTarget, null, null);
    }
}
