package org.seedbench.backup;

import java.util.List;

/**
 * The outcome of a backup run.
 *
 * @param snapshots    the snapshots written, one per workload, in the order of the workloads
 * @param statistics   the totals of the run
 * @param warnings     items left out or changed while they were read, one line each
 * @param bytesWritten everything the run added to the storage: packs, index and snapshot files
 */
public record BackupResult(List<SnapshotInfo> snapshots, BackupStatistics statistics, List<String> warnings,
        long bytesWritten) {

    public BackupResult {
        snapshots = List.copyOf(snapshots);
        warnings = List.copyOf(warnings);
    }

    /** The ids of the snapshots written. */
    public List<String> snapshotIds() {
        return snapshots.stream().map(SnapshotInfo::id).toList();
    }

    /** Whether the run completed but left something out or saw something change ("completed with warnings"). */
    public boolean completedWithWarnings() {
        return !warnings.isEmpty();
    }
}
