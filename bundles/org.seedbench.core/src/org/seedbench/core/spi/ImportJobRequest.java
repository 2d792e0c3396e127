package org.seedbench.core.spi;

import java.util.List;
import java.util.Map;

import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;

/**
 * What the import service needs to create an import job: where the data goes, where the drives go back and,
 * per drive, its id, key protector, manifest file and the manifest's hash.
 *
 * @param returnAddress  where the drives go back and whom the datacenter calls; never null
 *                       ({@link ReturnAddress#NONE} when not given yet: a service that needs it at creation,
 *                       Data Box, refuses the request)
 * @param returnShipping the return carrier and account; never null

 * @param options connector-specific choices for the job, e.g. {@code route=databox} for the Azure connector
 */
public record ImportJobRequest(String subscriptionId, String location, String jobName, String storageAccount,
        String container, ReturnAddress returnAddress, ReturnShipping returnShipping, List<DriveEntry> drives,
        Map<String, String> options) {
    /**
     * Option of a rehearsal job: simulated days per real second on the job's own clock at a simulated datacenter
     * (the local cloud's). A real service has no such option; a job without it runs on the real clock.
     */
    public static final String REHEARSAL_DAYS_PER_SECOND = "rehearsal.daysPerSecond";
    /**
     * Option of a job at a simulated datacenter: the bytes a second it reads a drive at, so that the copy takes the
     * time the data needs (the drives of a job are read side by side). A real service has no such option.
     */
    public static final String DRIVE_READ_BYTES_PER_SECOND = "simulator.driveReadBytesPerSecond";

    public ImportJobRequest {
        drives = List.copyOf(drives);
        options = options == null ? Map.of() : Map.copyOf(options);
        returnAddress = returnAddress == null ? ReturnAddress.NONE : returnAddress;
        returnShipping = returnShipping == null ? ReturnShipping.NONE : returnShipping;
    }

    /** A request with a return address and carrier. */
    public ImportJobRequest(String subscriptionId, String location, String jobName, String storageAccount,
            String container, ReturnAddress returnAddress, ReturnShipping returnShipping, List<DriveEntry> drives) {
        this(subscriptionId, location, jobName, storageAccount, container, returnAddress, returnShipping, drives,
                Map.of());
    }

    /** A request whose return address is free text (tests and older callers). */
    public ImportJobRequest(String subscriptionId, String location, String jobName, String storageAccount,
            String container, String returnAddressText, List<DriveEntry> drives, Map<String, String> options) {
        this(subscriptionId, location, jobName, storageAccount, container, ReturnAddress.legacy(returnAddressText),
                ReturnShipping.NONE, drives, options);
    }

    /** A request whose return address is free text (tests and older callers). */
    public ImportJobRequest(String subscriptionId, String location, String jobName, String storageAccount,
            String container, String returnAddressText, List<DriveEntry> drives) {
        this(subscriptionId, location, jobName, storageAccount, container, returnAddressText, drives, Map.of());
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
