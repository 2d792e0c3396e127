package org.seedbench.core.spi;

import java.util.List;

/**
 * What the import service needs to create an import job: where the data goes and, per drive, its id, key
 * protector, manifest file and the manifest's hash.
 */
public record ImportJobRequest(String subscriptionId, String location, String jobName, String storageAccount,
        String container, String returnAddress, List<DriveEntry> drives) {

    public ImportJobRequest {
        drives = List.copyOf(drives);
    }

    public record DriveEntry(String driveId, KeyProtector keyProtector, String manifestFile, String manifestHash) {
    }
}
