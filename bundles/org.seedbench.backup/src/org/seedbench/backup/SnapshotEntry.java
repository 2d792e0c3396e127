package org.seedbench.backup;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.seedbench.core.spi.WorkloadItem;

/**
 * An item of a snapshot's tree as a listing shows it: no content, only where it is and what it is.
 *
 * @param path       '/'-separated, relative to the workload (as restore's include patterns match it)
 * @param type       file, directory or symbolic link
 * @param size       bytes of content (files; 0 for the others)
 * @param modified   modification time, {@code null} when the source did not know it
 * @param attributes the source's attributes of the item (permissions, owner, a datasource's name…)
 * @since 2.4
 */
public record SnapshotEntry(String path, WorkloadItem.Type type, long size, Instant modified,
        Map<String, String> attributes) {

    public SnapshotEntry {
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** The last segment of the path. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The path of the folder it is in; empty for an item at the top of the snapshot. */
    public String parent() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
