package org.seedbench.core.spi;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Where a simulated datacenter (the embedded local cloud, a rehearsal's import service) finds the drives shipped
 * to it: on this computer, where they were prepared. A real service receives real drives and never asks.
 */
@FunctionalInterface
@org.osgi.annotation.versioning.ConsumerType
public interface DriveDock {
    /** A dock that never received a drive. */
    DriveDock NONE = serial -> Optional.empty();

    /** A drive on the dock: where it can be read, and the id of the encryptor that prepared it (null if unknown). */
    record DockedDrive(DriveTarget target, String encryptor) {
    }

    /** The drive with this serial (its drive id), when it is attached here. */
    Optional<DockedDrive> find(String serial) throws IOException;

    /** A dock holding the given drives, by serial. */
    static DriveDock of(Map<String, DockedDrive> drives) {
        Map<String, DockedDrive> copy = Map.copyOf(drives);
        return serial -> Optional.ofNullable(copy.get(serial));
    }
}
