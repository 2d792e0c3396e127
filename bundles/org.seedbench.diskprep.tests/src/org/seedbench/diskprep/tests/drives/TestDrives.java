package org.seedbench.diskprep.tests.drives;

import java.util.List;

import org.seedbench.core.spi.DriveTarget;
import org.seedbench.diskprep.drives.AttachedDrive;

/** Drives made in code, for the cases no recorded output shows. */
final class TestDrives {
    private TestDrives() {
    }

    static AttachedDrive sata(String serial, String device) {
        return new AttachedDrive(serial, "ST8000VN004-2M2101", "SATA", "HDD", 8_000_000_000_000L, true, false, null,
                new DriveTarget(serial, device, null, 8_000_000_000_000L), List.of());
    }
}
