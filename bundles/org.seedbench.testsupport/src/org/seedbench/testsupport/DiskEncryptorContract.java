package org.seedbench.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DiskEncryptor.DriveFile;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.DiskEncryptor.WrongKeyException;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.spi.Progress;

/** The contract every {@link DiskEncryptor} keeps. */
public abstract class DiskEncryptorContract {
    private static final int MIB = 1 << 20;

    @TempDir
    protected Path tempDir;

    protected abstract DiskEncryptor encryptor();

    /**
     * A drive for the test, backed by {@code folder} (or a recorded device for encryptors that cannot run),
     * holding at most {@code capacityBytes}.
     */
    protected abstract DriveTarget drive(Path folder, long capacityBytes) throws IOException;

    /** A key protector in the right form that does not belong to any drive. */
    protected abstract KeyProtector strangerKey();

    private DriveTarget drive() throws IOException {
        return drive(tempDir.resolve("drive"), 64L * MIB);
    }

    private static byte[] random(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static void write(Volume v, String path, byte[] data) throws IOException {
        try (DriveFile out = v.create(path)) {
            out.write(data);
            out.finish();
        }
    }

    @Test
    void whatIsWrittenReadsBackAfterUnlockingAgain() throws Exception {
        DriveTarget drive = drive();
        KeyProtector key = encryptor().prepare(drive, Progress.NONE);
        assertTrue(encryptor().isPrepared(drive));
        byte[] data = random(3 * MIB + 17, 42);
        try (Volume v = encryptor().unlock(drive, key)) {
            write(v, "seed/packs/00/p1", data);
        }
        try (Volume v = encryptor().unlock(drive, key); InputStream in = v.open("seed/packs/00/p1")) {
            assertArrayEquals(data, in.readAllBytes());
            assertEquals(data.length, v.size("seed/packs/00/p1"));
            assertEquals(List.of("seed/packs/00/p1"), v.list());
            assertTrue(v.storedSize(data.length) >= data.length);
        }
    }

    @Test
    void aFileReadsFromAnyOffset() throws Exception {
        DriveTarget drive = drive();
        KeyProtector key = encryptor().prepare(drive, Progress.NONE);
        byte[] data = random(2 * MIB + 5000, 7);
        try (Volume v = encryptor().unlock(drive, key)) {
            write(v, "f", data);
            for (long offset : new long[] {0, 1, 65535, 65536, MIB + 3, data.length - 1, data.length}) {
                try (InputStream in = v.open("f", offset)) {
                    assertArrayEquals(Arrays.copyOfRange(data, (int) offset, data.length), in.readAllBytes(),
                            "from offset " + offset);
                }
            }
        }
    }

    @Test
    void anUnfinishedFileIsNotListedAndResumesWhereAsked() throws Exception {
        DriveTarget drive = drive();
        KeyProtector key = encryptor().prepare(drive, Progress.NONE);
        byte[] data = random(3 * MIB + 100, 9);
        try (Volume v = encryptor().unlock(drive, key)) {
            DriveFile out = v.create("seed/p");
            out.write(data, 0, 2 * MIB + 10);
            out.sync();
            assertEquals(2 * MIB + 10, out.position());
            out.close();
            assertFalse(v.exists("seed/p"));
            assertEquals(List.of(), v.list());
            assertTrue(v.unfinishedLength("seed/p") >= 2 * MIB, "what was synced can be resumed");
        }
        try (Volume v = encryptor().unlock(drive, key)) {
            try (DriveFile out = v.resume("seed/p", MIB)) {
                assertEquals(MIB, out.position());
                out.write(data, MIB, data.length - MIB);
                out.finish();
            }
            try (InputStream in = v.open("seed/p")) {
                assertArrayEquals(data, in.readAllBytes());
            }
            assertEquals(-1, v.unfinishedLength("seed/p"));
            assertEquals(-1, v.unfinishedLength("never-started"));
        }
    }

    @Test
    void aDriveHoldsNoMoreThanItsCapacity() throws Exception {
        DriveTarget drive = drive(tempDir.resolve("small"), 4L * MIB);
        KeyProtector key = encryptor().prepare(drive, Progress.NONE);
        try (Volume v = encryptor().unlock(drive, key)) {
            long free = v.freeSpace();
            assertTrue(free <= 4L * MIB && free > 3L * MIB, "free space " + free + " within the declared 4 MiB");
            write(v, "a", random(2 * MIB, 1));
            assertTrue(v.freeSpace() <= free - 2L * MIB);
            IOException full = assertThrows(IOException.class, () -> write(v, "b", random(3 * MIB, 2)));
            assertTrue(full.getMessage().contains(drive.serial()), "names the drive: " + full.getMessage());
            assertEquals(List.of("a"), v.list());
        }
    }

    @Test
    void anotherKeyReadsNothingAndSaysSo() throws Exception {
        DriveTarget drive = drive();
        KeyProtector key = encryptor().prepare(drive, Progress.NONE);
        try (Volume v = encryptor().unlock(drive, key)) {
            write(v, "f", new byte[] {1});
        }
        KeyProtector stranger = strangerKey();
        WrongKeyException e = assertThrows(WrongKeyException.class, () -> encryptor().unlock(drive, stranger));
        assertFalse(e.getMessage().contains(new String(stranger.recoveryPassword().reveal())));
        assertFalse(e.getMessage().contains(new String(key.recoveryPassword().reveal())));
    }

    @Test
    void pathsOutsideTheDriveAreRefused() throws Exception {
        DriveTarget drive = drive();
        KeyProtector key = encryptor().prepare(drive, Progress.NONE);
        try (Volume v = encryptor().unlock(drive, key)) {
            assertThrows(IOException.class, () -> v.create("../escape"));
            assertThrows(IOException.class, () -> v.create("/abs"));
            assertThrows(IOException.class, () -> v.create("a/.hidden"));
        }
    }

    @Test
    void theKeyProtectorNeverShowsInText() throws Exception {
        KeyProtector key = encryptor().prepare(drive(), Progress.NONE);
        String password = new String(key.recoveryPassword().reveal());
        assertFalse(key.toString().contains(password));
        assertFalse(String.valueOf(key.recoveryPassword()).contains(password));
    }
}
