package org.seedbench.cloud.simulator;

import java.util.Map;
import java.util.Optional;

import org.seedbench.core.spi.DriveTarget;

/**
 * Where the simulated datacenter finds the drives shipped to it: a REST request names a drive by its serial
 * only, so the simulator asks the dock where that drive is attached on this computer and which encryptor
 * prepared it.
 */
@FunctionalInterface
public interface Dock {

    /** A drive on the dock: where it can be read, and the id of the encryptor that prepared it. */
    record DockedDrive(DriveTarget target, String encryptor) {
    }

    Optional<DockedDrive> find(String serial);

    /** A dock holding the given drives, by serial. */
    static Dock of(Map<String, DockedDrive> drives) {
        Map<String, DockedDrive> copy = Map.copyOf(drives);
        return serial -> Optional.ofNullable(copy.get(serial));
    }

    /** A dock that never received a drive. */
    static Dock empty() {
        return serial -> Optional.empty();
    }
}
