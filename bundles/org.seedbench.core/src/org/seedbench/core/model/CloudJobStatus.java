package org.seedbench.core.model;

import java.util.List;

/**
 * What the import service says of a job: its state, how far the datacenter copy has come, and each
 * drive's state with the locations of its error and verbose logs.
 */
public record CloudJobStatus(
        String jobName,
        JobState serviceState,
        int percentComplete,
        long bytesCopied,
        List<DriveStatus> drives) {

    public CloudJobStatus {
        drives = drives == null ? List.of() : List.copyOf(drives);
    }

    /** One drive as the service reports it. */
    public record DriveStatus(
            String serial,
            DriveState state,
            int percentComplete,
            long bytesCopied,
            String errorLogUri,
            String verboseLogUri) {
    }
}
