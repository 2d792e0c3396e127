package org.seedbench.workflow;

import java.io.IOException;

import org.seedbench.core.spi.CommandRunner;
import org.seedbench.diskprep.drives.DriveDiscovery;

/**
 * Lists the drives attached to this computer ({@code lsblk} on Linux, Get-Disk on Windows). A front end asks once
 * per run and hands what it showed to the preparation; tests give a stand-in.
 */
@FunctionalInterface
public interface DriveListing {
    /** No drive attached. */
    DriveListing NONE = () -> AttachedDrives.NONE;

    /** @throws IOException when the drives cannot be listed (lsblk or PowerShell failed) */
    AttachedDrives list() throws IOException;

    /** This computer's drives, listed by running its commands. */
    static DriveListing thisComputer(CommandRunner commands) {
        DriveDiscovery discovery = DriveDiscovery.forThisComputer(commands);
        return () -> AttachedDrives.of(discovery.discover());
    }
}
