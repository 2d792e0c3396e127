package org.seedbench.backup;

import java.util.List;

/**
 * What {@link BackupEngine#forget} kept and removed (or, in a dry run, would remove).
 *
 * @param kept    the snapshots kept, newest first, each with the rules that keep it
 * @param removed the snapshots whose files were (or would be) deleted, newest first
 * @param dryRun  whether nothing was deleted
 * @since 2.3
 */
public record ForgetResult(List<Kept> kept, List<SnapshotInfo> removed, boolean dryRun) {

    public ForgetResult {
        kept = List.copyOf(kept);
        removed = List.copyOf(removed);
    }

    /** A kept snapshot and why, e.g. {@code daily snapshot}, {@code last snapshot}, {@code oldest weekly snapshot}. */
    public record Kept(SnapshotInfo snapshot, List<String> reasons) {
        public Kept {
            reasons = List.copyOf(reasons);
        }
    }
}
