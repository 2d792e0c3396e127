package org.seedbench.workflow;

import java.util.List;

import org.seedbench.core.model.JobState;
import org.seedbench.diskprep.DriveCopier;

/**
 * What {@code prepare-drives} did: each drive's report, the job's state afterwards, and, when the drives were
 * too few, how many more the seed needs and how large.
 */
public record PrepareOutcome(DriveCopier.Result result, JobState state, List<String> notes) {

    public boolean needsMoreDrives() {
        return !result.allocation().complete();
    }

    public int drivesNeeded() {
        return result.allocation().drivesNeeded();
    }

    public long bytesNeededPerDrive() {
        return result.allocation().shortfallBytes();
    }
}
