package org.seedbench.backup;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a restore.
 *
 * @param snapshotId      the snapshot restored
 * @param files           files written
 * @param directories     directories created or updated
 * @param symlinks        symbolic links created
 * @param bytes           bytes of file content written
 * @param skippedExisting paths that already existed in the target and were left as they were
 * @param failed          items that could not be restored, with why (a damaged pack, a link in the way…)
 * @param warnings        metadata that could not be set (an owner that does not exist here…)
 * @param duration        wall time
 */
public record RestoreResult(String snapshotId, long files, long directories, long symlinks, long bytes,
        List<String> skippedExisting, List<Failure> failed, List<String> warnings, Duration duration) {

    public RestoreResult {
        skippedExisting = List.copyOf(skippedExisting);
        failed = List.copyOf(failed);
        warnings = List.copyOf(warnings);
    }

    /** An item that could not be restored. */
    public record Failure(String path, String reason) {
        @Override
        public String toString() {
            return path + ": " + reason;
        }
    }

    /** Whether every selected item was restored (none failed, none skipped because it existed). */
    public boolean isComplete() {
        return failed.isEmpty() && skippedExisting.isEmpty();
    }
}
