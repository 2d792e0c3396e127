package org.seedbench.core.model;

/**
 * A drive of a seeding job: what the copy computer saw of it (serial, model, transport, media type,
 * capacity), what was written to it (bytes used, manifest file and its hash), the reference to its key
 * protector (never the secret itself), its state at the datacenter and how far the copy has come.
 *
 * @param transport    how the drive is attached: SATA, SAS, USB, NVMe, or FOLDER for a rehearsal drive
 * @param mediaType    HDD or SSD
 * @param percentCopied 0–100, of the copy onto the drive at the copy computer, then of the datacenter copy
 */
public record Drive(
        String jobName,
        String serial,
        String model,
        String transport,
        String mediaType,
        long capacityBytes,
        long usedBytes,
        String encryptor,
        String keyProtectorRef,
        String manifestFile,
        String manifestHash,
        DriveState state,
        int percentCopied) {

    public Drive {
        state = state == null ? DriveState.SPECIFIED : state;
    }
}
