package org.seedbench.backup;

import java.time.Instant;
import java.util.List;

import org.seedbench.core.model.WorkloadSpec;

/**
 * A snapshot: one workload as it was at one backup.
 *
 * @param id         64 hex digits (users may give a unique prefix)
 * @param time       when the backup of the workload started
 * @param host       the computer it was taken on
 * @param workload   the workload that was read
 * @param statistics what the snapshot's backup read and stored
 * @param warnings   the items left out or changed while they were read
 */
public record SnapshotInfo(String id, Instant time, String host, WorkloadSpec workload, BackupStatistics statistics,
        List<String> warnings) {

    public SnapshotInfo {
        warnings = List.copyOf(warnings);
    }

    /** The first 8 hex digits of the id, as listings show it. */
    public String shortId() {
        return id.substring(0, Math.min(8, id.length()));
    }
}
