package org.seedbench.crypto.bitlocker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.seedbench.core.rules.RecoveryPasswords;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DiskEncryptor.DriveFile;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.spi.Progress;
import org.seedbench.testsupport.DiskEncryptorContract;

/**
 * The BitLocker encryptor keeps the contract of every encryptor, with manage-bde played by
 * {@link SimulatedManageBde} over temporary folders (one drive letter each). What it checks is the encryptor's
 * own part: the commands and their order, the key protector it returns, and the volume over the drive's root;
 * BitLocker's encryption itself is Windows' and is not simulated.
 */
class BitLockerContractWithSimulatedManageBdeTest extends DiskEncryptorContract {
    private final SimulatedManageBde manageBde = new SimulatedManageBde();
    private final BitLockerEncryptor encryptor = new BitLockerEncryptor(manageBde, Duration.ZERO);

    @Override
    protected DiskEncryptor encryptor() {
        return encryptor;
    }

    @Override
    protected DriveTarget drive(Path folder, long capacityBytes) throws IOException {
        Files.createDirectories(folder);
        String letter = manageBde.attach(folder);
        return new DriveTarget("SB-BL-" + letter.charAt(0), letter, folder, capacityBytes);
    }

    @Override
    protected KeyProtector strangerKey() {
        return new KeyProtector("{00000000-0000-0000-0000-000000000000}",
                RecoveryPasswords.generate(new SecureRandom()));
    }

    @Test
    void aDriveLockedWhenItWasUnpluggedUnlocksWithItsPasswordAndLocksAgainWhenClosed() throws Exception {
        DriveTarget drive = drive(tempDir.resolve("travelled"), 1L << 26);
        KeyProtector key = encryptor.prepare(drive, Progress.NONE);
        try (Volume v = encryptor.unlock(drive, key)) {
            try (DriveFile out = v.create("seed/p1")) {
                out.write(new byte[] {7});
                out.finish();
            }
        }
        manageBde.run(List.of("manage-bde", "-lock", drive.device()), Duration.ofSeconds(1));
        assertTrue(encryptor.isPrepared(drive));
        assertThrows(DiskEncryptor.WrongKeyException.class, () -> encryptor.unlock(drive, strangerKey()));
        try (Volume v = encryptor.unlock(drive, key)) {
            assertEquals(List.of("seed/p1"), v.list());
        }
        try (var files = Files.list(drive.mountPoint())) {
            assertEquals(0, files.count(), "locked again: the drive shows nothing");
        }
    }

    @Test
    void preparingADriveThatAlreadyHasBitLockerIsRefused() throws Exception {
        DriveTarget drive = drive(tempDir.resolve("again"), 1L << 26);
        encryptor.prepare(drive, Progress.NONE);
        IOException e = assertThrows(IOException.class, () -> encryptor.prepare(drive, Progress.NONE));
        assertTrue(e.getMessage().contains("already has BitLocker on"), e.getMessage());
    }
}
