package org.seedbench.cloud.local.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;

/**
 * An import job as the local cloud keeps it: one JSON file per job, 0600, since it holds each drive's key
 * protector (the datacenter needs it to unlock the drive). Times are service times (ISO-8601).
 */
public final class JobRecord {
    public String subscription;
    public String name;
    public String location;
    public String storageAccount;
    public String container;
    public String returnAddress;
    public Map<String, String> options = new LinkedHashMap<>();
    public String state;
    public String created;
    /** A rehearsal job's clock: simulated days per real second; null for a real job (the service's clock). */
    public Double daysPerSecond;
    /** A rehearsal job's real creation time, from which its clock runs compressed. */
    public String realCreated;
    public String carrier;
    public String trackingNumber;
    public String shipped;
    public String transferEnded;
    public long bytesCopied;
    public List<DriveRecord> drives = new ArrayList<>();

    /** One drive of the job. */
    public static final class DriveRecord {
        public String driveId;
        public String keyProtectorId;
        /** The recovery password, kept only in the 0600 job file; never logged. */
        public String recoveryPassword;
        public String manifestFile;
        public String manifestHash;
        public String encryptor;
        public String attachedSerial;
        public String attachedDevice;
        public String attachedMountPoint;
        public long attachedCapacity;
        public String state;
        /** The status the drive's log ends with: Completed, CompletedWithErrors, BitLockerKeyInvalid… */
        public String logStatus;
        public long totalBytes;
        public long bytesCopied;
        public String errorLogUri;
        public String verboseLogUri;

        public DriveState driveState() {
            return DriveState.parse(state);
        }

        public int percentComplete() {
            return percent(bytesCopied, totalBytes, logStatus != null);
        }

        @Override
        public String toString() {
            return "DriveRecord[" + driveId + ", " + state + "]";
        }
    }

    public JobState jobState() {
        return JobState.parse(state);
    }

    public Instant createdAt() {
        return Instant.parse(created);
    }

    public CloudJobStatus status() {
        List<CloudJobStatus.DriveStatus> ds = new ArrayList<>();
        for (DriveRecord d : drives) {
            ds.add(new CloudJobStatus.DriveStatus(d.driveId, d.driveState(), d.percentComplete(), d.bytesCopied,
                    d.errorLogUri, d.verboseLogUri));
        }
        return new CloudJobStatus(name, jobState(), percentComplete(), bytesCopied, ds, createdAt());
    }

    /** The mean of the received drives' percentages: each drive's copy is reported on its own. */
    private int percentComplete() {
        List<DriveRecord> received = drives.stream().filter(d -> d.driveState() != DriveState.NEVER_RECEIVED
                && d.driveState() != DriveState.SPECIFIED).toList();
        if (received.isEmpty()) {
            return 0;
        }
        return (int) received.stream().mapToInt(DriveRecord::percentComplete).average().orElse(0);
    }

    static int percent(long done, long total, boolean finished) {
        if (total <= 0) {
            return finished ? 100 : 0;
        }
        return (int) Math.min(100, done * 100 / total);
    }

    @Override
    public String toString() {
        return "JobRecord[" + subscription + "/" + name + ", " + state + "]";
    }
}
