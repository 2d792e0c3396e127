package org.seedbench.backup.internal.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.core.spi.WorkloadItem;

/**
 * One item of a snapshot's tree.
 *
 * @param path       '/'-separated, relative to the workload
 * @param type       file, directory or symbolic link
 * @param size       bytes of content (files)
 * @param modified   modification time, {@code null} when the source did not know it
 * @param attributes the source's attributes (permissions, owner, group…)
 * @param linkTarget a link's target, else {@code null}
 * @param chunks     a file's content, chunk by chunk
 * @param changed    status change time (POSIX ctime), {@code null} when the source did not know it or the tree
 *                   was written before it was kept
 * @param fileId     the file system's id of the item (the inode), {@code null} likewise
 */
public record TreeEntry(String path, WorkloadItem.Type type, long size, Instant modified,
        Map<String, String> attributes, String linkTarget, List<BlobId> chunks, Instant changed, String fileId) {

    public TreeEntry {
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
    }

    /** An entry without status change time and file id. */
    public TreeEntry(String path, WorkloadItem.Type type, long size, Instant modified, Map<String, String> attributes,
            String linkTarget, List<BlobId> chunks) {
        this(path, type, size, modified, attributes, linkTarget, chunks, null, null);
    }
}
