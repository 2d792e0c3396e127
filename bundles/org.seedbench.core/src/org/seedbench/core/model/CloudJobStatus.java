package org.seedbench.core.model;

import java.time.Instant;
import java.util.List;

/**
 * What the import service says of a job: its state, how far the datacenter copy has come, and each
 * drive's state with the locations of its error and verbose logs.
 *
 * @param serviceState     the service's state as Seedbench's, or null when the service reported one Seedbench has
 *                         no counterpart for: then {@code serviceStateText} says which, and nothing may take
 *                         the job for finished
 * @param created          when the service created the job, by the connector's clock (the 14-day shipping
 *                         deadline runs from it); null when the service does not say
 * @param serviceStateText the state as the service spelled it (e.g. {@code DevicePrepared}); never null
 * @param shipTo           the address the drives go to as the job itself gives it, one line per line of the
 *                         label; null when the job does not say (then the location's address applies)
 * @param returnPackage    the carrier and tracking number the datacenter sent the drives back with, or null
 * @param error            the service's error on the job in one line, details included, or null
 */
public record CloudJobStatus(
        String jobName,
        JobState serviceState,
        int percentComplete,
        long bytesCopied,
        List<DriveStatus> drives,
        Instant created,
        String serviceStateText,
        String shipTo,
        String returnPackage,
        String error) {

    public CloudJobStatus {
        drives = drives == null ? List.of() : List.copyOf(drives);
        if (serviceStateText == null) {
            serviceStateText = serviceState == null ? "Unknown" : serviceState.label();
        }
    }

    /** A status in one of Seedbench's states, with nothing more to say. */
    public CloudJobStatus(String jobName, JobState serviceState, int percentComplete, long bytesCopied,
            List<DriveStatus> drives, Instant created) {
        this(jobName, serviceState, percentComplete, bytesCopied, drives, created, null, null, null, null);
    }

    /**
     * One drive as the service reports it.
     *
     * @param state                 the drive's state as Seedbench's, or null when the service reported one
     *                              Seedbench has no counterpart for ({@code stateText} says which)
     * @param stateText             the state as the service spelled it; never null
     * @param copyStatus            the service's copy status of the drive (e.g. {@code InProgress}), or null
     * @param manifestUri           where the service keeps the drive's manifest, or null
     * @param incompleteBlobListUri where the service lists the blobs it could not complete, or null
     */
    public record DriveStatus(
            String serial,
            DriveState state,
            int percentComplete,
            long bytesCopied,
            String errorLogUri,
            String verboseLogUri,
            String stateText,
            String copyStatus,
            String manifestUri,
            String incompleteBlobListUri) {

        public DriveStatus {
            if (stateText == null) {
                stateText = state == null ? "Unknown" : state.label();
            }
        }

        public DriveStatus(String serial, DriveState state, int percentComplete, long bytesCopied,
                String errorLogUri, String verboseLogUri) {
            this(serial, state, percentComplete, bytesCopied, errorLogUri, verboseLogUri, null, null, null, null);
        }
    }
}
