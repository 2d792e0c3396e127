package org.seedbench.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.DiskEncryptor.WrongKeyException;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.spi.Progress;

/** The contract every {@link DiskEncryptor} keeps. */
public abstract class DiskEncryptorContract {

    @TempDir
    protected Path tempDir;

    protected abstract DiskEncryptor encryptor();

    /** A drive for the test, backed by {@code folder} (or a recorded device for encryptors that cannot run). */
    protected abstract DriveTarget drive(Path folder) throws IOException;

    /** A key protector in the right form that does not belong to any drive. */
    protected abstract KeyProtector strangerKey();

    @Test
    void whatIsWrittenReadsBackAfterUnlockingAgain() throws Exception {
        DriveTarget drive = drive(tempDir.resolve("drive"));
        KeyProtector key = encryptor().prepare(drive, Progress.NONE);
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        try (Volume v = encryptor().unlock(drive, key); OutputStream out = v.create("seed/packs/00/p1")) {
            out.write(data);
        }
        try (Volume v = encryptor().unlock(drive, key); InputStream in = v.open("seed/packs/00/p1")) {
            assertArrayEquals(data, in.readAllBytes());
            assertEquals(data.length, v.size("seed/packs/00/p1"));
            assertTrue(v.list().contains("seed/packs/00/p1"));
        }
    }

    @Test
    void anotherKeyReadsNothingAndSaysSo() throws Exception {
        DriveTarget drive = drive(tempDir.resolve("drive"));
        KeyProtector key = encryptor().prepare(drive, Progress.NONE);
        try (Volume v = encryptor().unlock(drive, key); OutputStream out = v.create("f")) {
            out.write(1);
        }
        KeyProtector stranger = strangerKey();
        WrongKeyException e = assertThrows(WrongKeyException.class, () -> encryptor().unlock(drive, stranger));
        assertFalse(e.getMessage().contains(new String(stranger.recoveryPassword().reveal())));
        assertFalse(e.getMessage().contains(new String(key.recoveryPassword().reveal())));
    }

    @Test
    void theKeyProtectorNeverShowsInText() throws Exception {
        KeyProtector key = encryptor().prepare(drive(tempDir.resolve("drive")), Progress.NONE);
        String password = new String(key.recoveryPassword().reveal());
        assertFalse(key.toString().contains(password));
        assertFalse(String.valueOf(key.recoveryPassword()).contains(password));
    }
}
