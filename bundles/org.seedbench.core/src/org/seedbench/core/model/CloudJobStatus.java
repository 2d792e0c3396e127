package org.seedbench.core.model;

import java.time.Instant;
import java.util.List;

/**
 * What the import service says of a job: its state, how far the datacenter copy has come, and each
 * drive's state with the locations of its error and verbose logs.
 *
 * @param created when the service created the job, by the connector's clock (the 14-day shipping deadline
 *                runs from it); null when the service does not say
 */
public record CloudJobStatus(
        String jobName,
        JobState serviceState,
        int percentComplete,
        long bytesCopied,
        List<DriveStatus> drives,
        Instant created) {

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
