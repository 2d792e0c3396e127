package org.seedbench.backup.internal.snapshot;

import java.time.Instant;
import java.util.List;

import org.seedbench.backup.BackupStatistics;
import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.core.model.WorkloadSpec;

/**
 * The content of a snapshot file.
 *
 * @param time       when the workload's backup started
 * @param host       the computer
 * @param workload   the workload read
 * @param trees      the tree blobs holding its items, in order
 * @param statistics what its backup read and stored
 * @param warnings   items left out or changed while read
 */
public record SnapshotRecord(Instant time, String host, WorkloadSpec workload, List<BlobId> trees,
        BackupStatistics statistics, List<String> warnings) {

    public SnapshotRecord {
        trees = List.copyOf(trees);
        warnings = List.copyOf(warnings);
    }
}
