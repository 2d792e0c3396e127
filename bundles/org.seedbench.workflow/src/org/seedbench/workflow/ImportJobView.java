package org.seedbench.workflow;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.rules.ShippingRules.Deadline;

/**
 * A job as the import service last reported it, after the catalog was brought along.
 *
 * @param jobState     the job's state in the catalog after the refresh
 * @param serviceState the service's state of the import job; null when there is no import job (yet), or when the
 *                     service reported a state Seedbench has no counterpart for ({@code serviceStateText} says
 *                     which: the job is then taken as still moving, never as finished)
 * @param created      when the service created the import job, by its clock; null when unknown
 * @param serviceNow   the service's time of this refresh (its clock may run compressed in the simulator)
 * @param deadline     the 14-day shipping deadline while the job waits for shipping details; null otherwise
 * @param changes      what this refresh changed in the catalog, one line each, in order
 * @param serviceStateText the service's state as it spelled it; null when there is no import job (yet)
 * @param shipTo       the address the drives go to as the import job gives it, or null
 * @param returnPackage the carrier and tracking number the drives came back with, or null
 * @param error        the service's error on the job in one line, or null
 * @param status       the status as the service reported it (each drive's state text and copy status
 *                     included); null when there is none
 */
public record ImportJobView(String jobName, JobState jobState, JobState serviceState, int percentComplete,
        long bytesCopied, Instant created, Instant serviceNow, Deadline deadline, List<DriveView> drives,
        List<String> changes, String serviceStateText, String shipTo, String returnPackage, String error,
        CloudJobStatus status) {

    /** The service states in which a job no longer moves by itself. */
    public static final Set<JobState> SETTLED = EnumSet.of(JobState.COMPLETED, JobState.COMPLETED_WITH_ERRORS,
            JobState.CLOSED, JobState.CANCELLED, JobState.EXPIRED);

    public ImportJobView {
        drives = drives == null ? List.of() : List.copyOf(drives);
        changes = changes == null ? List.of() : List.copyOf(changes);
        if (serviceStateText == null && serviceState != null) {
            serviceStateText = serviceState.label();
        }
    }

    /** A view of a job in one of Seedbench's states, with nothing more to say. */
    public ImportJobView(String jobName, JobState jobState, JobState serviceState, int percentComplete,
            long bytesCopied, Instant created, Instant serviceNow, Deadline deadline, List<DriveView> drives,
            List<String> changes) {
        this(jobName, jobState, serviceState, percentComplete, bytesCopied, created, serviceNow, deadline, drives,
                changes, null, null, null, null, null);
    }

    /** A view with the service's own report (null for none). */
    public ImportJobView(String jobName, JobState jobState, JobState serviceState, int percentComplete,
            long bytesCopied, Instant created, Instant serviceNow, Deadline deadline, List<DriveView> drives,
            List<String> changes, CloudJobStatus status) {
        this(jobName, jobState, serviceState, percentComplete, bytesCopied, created, serviceNow, deadline, drives,
                changes, status == null ? null : status.serviceStateText(), status == null ? null : status.shipTo(),
                status == null ? null : status.returnPackage(), status == null ? null : status.error(), status);
    }

    /** Whether the service reported the import job (in a state Seedbench knows or not). */
    public boolean reported() {
        return serviceStateText != null;
    }

    /**
     * One drive as the service reports it.
     *
     * @param state      the drive's state; null when the service reported one Seedbench has no counterpart for
     * @param errors     the relevant lines of the drive's error log (failing blobs and blocks), empty when none
     * @param stateText  the drive's state as the service spelled it
     * @param copyStatus the service's copy status of the drive, or null
     */
    public record DriveView(String serial, DriveState state, int percentComplete, long bytesCopied,
            List<String> errors, String stateText, String copyStatus) {
        public DriveView {
            errors = errors == null ? List.of() : List.copyOf(errors);
            if (stateText == null) {
                stateText = state == null ? "Unknown" : state.label();
            }
        }

        public DriveView(String serial, DriveState state, int percentComplete, long bytesCopied,
                List<String> errors) {
            this(serial, state, percentComplete, bytesCopied, errors, null, null);
        }

        /** Whether the drive did not make it into the storage account whole. */
        public boolean failed() {
            return !errors.isEmpty() || state == DriveState.NEVER_RECEIVED || state == DriveState.COMPLETED_MORE_INFO;
        }
    }

    /** Whether the service still moves the job along (or waits for its shipment). */
    public boolean moving() {
        return reported() && (serviceState == null || !SETTLED.contains(serviceState));
    }

    /**
     * Whether the admin must act: shipping details due within a few days, an expired job, or a copy that
     * finished with errors to read (a drive never received or not imported whole).
     */
    public boolean needsAction() {
        return deadline != null && (deadline.warn() || deadline.expired())
                || serviceState == JobState.EXPIRED || serviceState == JobState.COMPLETED_WITH_ERRORS
                || drives.stream().anyMatch(DriveView::failed);
    }
}
