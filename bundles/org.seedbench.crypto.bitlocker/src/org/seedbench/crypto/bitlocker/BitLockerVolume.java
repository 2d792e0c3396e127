package org.seedbench.crypto.bitlocker;

import java.io.IOException;

import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.support.volume.PlainFolderVolume;

/**
 * An unlocked BitLocker drive: Windows decrypts it below the file system, so its files are plain files under
 * the drive letter's root. Closing it locks the drive again if unlocking it was this volume's doing.
 */
final class BitLockerVolume extends PlainFolderVolume {
    private final ManageBde bde;
    private final boolean lockOnClose;
    private boolean closed;

    BitLockerVolume(DriveTarget drive, ManageBde bde, boolean lockOnClose) throws IOException {
        super(drive);
        this.bde = bde;
        this.lockOnClose = lockOnClose;
    }

    @Override
    public void close() throws IOException {
        super.close();
        if (lockOnClose && !closed) {
            closed = true;
            bde.lock(drive());
        }
    }
}
