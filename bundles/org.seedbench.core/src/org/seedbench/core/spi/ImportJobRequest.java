package org.seedbench.core.spi;

import java.util.List;
import java.util.Map;

/**
 * What the import service needs to create an import job: where the data goes and, per drive, its id, key
 * protector, manifest file and the manifest's hash.
 *
 * @param options connector-specific choices for the job, e.g. {@code route=databox} for the Azure connector
 */
public record ImportJobRequest(String subscriptionId, String location, String jobName, String storageAccount,
        String container, String returnAddress, List<DriveEntry> drives, Map<String, String> options) {
    /**
     * Option of a rehearsal job: simulated days per real second on the job's own clock at a simulated datacenter
     * (the local cloud's). A real service has no such option; a job without it runs on the real clock.
     */
    public static final String REHEARSAL_DAYS_PER_SECOND = "rehearsal.daysPerSecond";

    public ImportJobRequest {
        drives = List.copyOf(drives);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public ImportJobRequest(String subscriptionId, String location, String jobName, String storageAccount,
            String container, String returnAddress, List<DriveEntry> drives) {
        this(subscriptionId, location, jobName, storageAccount, container, returnAddress, drives, Map.of());
    }

    /**
     * One drive of the job.
     *
     * @param encryptor the id of the {@link DiskEncryptor} that prepared the drive ({@code bitlocker},
     *                  {@code portable})
     */
    public record DriveEntry(String driveId, KeyProtector keyProtector, String manifestFile, String manifestHash,
            String encryptor) {

        public DriveEntry(String driveId, KeyProtector keyProtector, String manifestFile, String manifestHash) {
            this(driveId, keyProtector, manifestFile, manifestHash, "bitlocker");
        }

        @Override
        public String toString() {
            return "DriveEntry[" + driveId + ", " + encryptor + ", manifest " + manifestFile + "]";
        }
    }
}
