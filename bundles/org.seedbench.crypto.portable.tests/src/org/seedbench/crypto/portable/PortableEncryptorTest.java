package org.seedbench.crypto.portable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.RecoveryPasswords;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DiskEncryptor.DriveFile;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.DiskEncryptor.WrongKeyException;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.spi.Progress;
import org.seedbench.testsupport.DiskEncryptorContract;

/** The portable encryptor keeps the contract, and what lies on its drives is sealed. */
class PortableEncryptorTest extends DiskEncryptorContract {
    private static final int MIB = 1 << 20;
    private static final int SEGMENT = PortableFormat.SEGMENT_SIZE;
    private static final int STORED_SEGMENT = PortableFormat.STORED_SEGMENT;

    private final PortableEncryptor encryptor = new PortableEncryptor();

    @Override
    protected DiskEncryptor encryptor() {
        return encryptor;
    }

    @Override
    protected DriveTarget drive(Path folder, long capacityBytes) throws IOException {
        Files.createDirectories(folder);
        return new DriveTarget("SB-P" + Math.abs(folder.getFileName().hashCode() % 1000), folder.toString(), folder,
                capacityBytes);
    }

    @Override
    protected KeyProtector strangerKey() {
        return new KeyProtector("stranger", RecoveryPasswords.generate(new SecureRandom()));
    }

    private DriveTarget preparedDrive() throws IOException {
        return drive(tempDir.resolve("portable"), 64L * MIB);
    }

    private static void write(Volume v, String path, byte[] data) throws IOException {
        try (DriveFile out = v.create(path)) {
            out.write(data);
            out.finish();
        }
    }

    private static byte[] random(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static void flipByte(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x20);
        }
    }

    @Test
    void theDriveHoldsNoPlainTextRun() throws Exception {
        DriveTarget drive = preparedDrive();
        KeyProtector key = encryptor.prepare(drive, Progress.NONE);
        byte[] plain = "Quarterly invoices of Contoso Ltd, customer 4711, total 12,345.67 EUR\n"
                .repeat(40_000).getBytes(StandardCharsets.US_ASCII);
        try (Volume v = encryptor.unlock(drive, key)) {
            write(v, "seed/invoices.txt", plain);
            assertEquals(v.storedSize(plain.length), Files.size(drive.mountPoint().resolve("seed/invoices.txt")));
        }
        byte[] stored = Files.readAllBytes(drive.mountPoint().resolve("seed/invoices.txt"));
        assertNotEquals(plain.length, stored.length);
        Set<ByteBuffer> plainRuns = new HashSet<>();
        for (int i = 0; i + 12 <= 4096; i++) {
            plainRuns.add(ByteBuffer.wrap(Arrays.copyOfRange(plain, i, i + 12)));
        }
        for (int i = 0; i + 12 <= stored.length; i++) {
            if (plainRuns.contains(ByteBuffer.wrap(stored, i, 12).slice())) {
                throw new AssertionError("12 plain bytes lie on the drive as they are, at " + i);
            }
        }
    }

    @Test
    void theVolumeHeaderHoldsNeitherPasswordNorKey() throws Exception {
        DriveTarget drive = preparedDrive();
        KeyProtector key = encryptor.prepare(drive, Progress.NONE);
        String header = Files.readString(drive.mountPoint().resolve(".seedbench-portable.json"));
        String password = new String(key.recoveryPassword().reveal());
        byte[] passwordKey = RecoveryPasswords.toKey(key.recoveryPassword().reveal());
        assertFalse(header.contains(password));
        assertFalse(header.contains(password.substring(0, 6) + "-"), "no group of the password");
        assertFalse(header.toLowerCase().contains(HexFormat.of().formatHex(passwordKey)));
        assertTrue(header.contains("\"kdf\": \"PBKDF2-HMAC-SHA256\""), header);
        assertTrue(header.contains("\"protectorId\": \"" + key.id() + "\""), header);
        assertTrue(key.id().matches("[0-9A-F]{8}"), "a short id: " + key.id());
    }

    @Test
    void aFlippedByteFailsTheReadOfItsSegmentNamingTheFile() throws Exception {
        DriveTarget drive = preparedDrive();
        KeyProtector key = encryptor.prepare(drive, Progress.NONE);
        byte[] data = random(3 * SEGMENT + 100, 5);
        try (Volume v = encryptor.unlock(drive, key)) {
            write(v, "seed/p1", data);
            flipByte(drive.mountPoint().resolve("seed/p1"), PortableFormat.segmentOffset(1) + 500);
            IOException e = assertThrows(IOException.class, () -> {
                try (InputStream in = v.open("seed/p1")) {
                    in.readAllBytes();
                }
            });
            assertEquals("'seed/p1' on drive " + drive.serial() + " is damaged: its bytes 65536 to 131072 do not "
                    + "authenticate (changed, moved or cut short); copy it to the drive again", e.getMessage());
            try (InputStream in = v.open("seed/p1")) {
                assertArrayEquals(Arrays.copyOf(data, SEGMENT), in.readNBytes(SEGMENT),
                        "the segments before the damage read back");
            }
            try (InputStream in = v.open("seed/p1", 2L * SEGMENT)) {
                assertArrayEquals(Arrays.copyOfRange(data, 2 * SEGMENT, data.length), in.readAllBytes(),
                        "and so do those after it");
            }
        }
    }

    @Test
    void aChangedFileHeaderFailsEverySegment() throws Exception {
        DriveTarget drive = preparedDrive();
        KeyProtector key = encryptor.prepare(drive, Progress.NONE);
        try (Volume v = encryptor.unlock(drive, key)) {
            write(v, "f", random(1000, 1));
            flipByte(drive.mountPoint().resolve("f"), 20);
            IOException e = assertThrows(IOException.class, () -> v.size("f"));
            assertTrue(e.getMessage().startsWith("'f' on drive " + drive.serial() + " is damaged"), e.getMessage());
        }
    }

    /** Cut at a segment boundary, inside a segment, one byte short, and down to the header. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void aFinishedFileCutShortIsDetected(int where) throws Exception {
        DriveTarget drive = preparedDrive();
        KeyProtector key = encryptor.prepare(drive, Progress.NONE);
        Path file = drive.mountPoint().resolve("seed/p2");
        try (Volume v = encryptor.unlock(drive, key)) {
            write(v, "seed/p2", random(5 * SEGMENT + 7, 6));
            long[] cuts = {PortableFormat.segmentOffset(2), PortableFormat.segmentOffset(2) + 128,
                    Files.size(file) - 1, PortableFormat.HEADER_LENGTH};
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(cuts[where]);
            }
            IOException size = assertThrows(IOException.class, () -> v.size("seed/p2"));
            assertTrue(size.getMessage().startsWith("'seed/p2' on drive " + drive.serial() + " is damaged"),
                    size.getMessage());
            assertThrows(IOException.class, () -> v.open("seed/p2").readAllBytes());
        }
    }

    @Test
    void swappedSegmentsAndAFileMovedToAnotherPathDoNotAuthenticate() throws Exception {
        DriveTarget drive = preparedDrive();
        KeyProtector key = encryptor.prepare(drive, Progress.NONE);
        Path file = drive.mountPoint().resolve("a");
        try (Volume v = encryptor.unlock(drive, key)) {
            write(v, "a", random(3 * SEGMENT, 8));
            write(v, "b", random(10, 9));
            byte[] stored = Files.readAllBytes(file);
            byte[] swapped = stored.clone();
            int s0 = (int) PortableFormat.segmentOffset(0);
            int s1 = (int) PortableFormat.segmentOffset(1);
            System.arraycopy(stored, s0, swapped, s1, STORED_SEGMENT);
            System.arraycopy(stored, s1, swapped, s0, STORED_SEGMENT);
            Files.write(file, swapped);
            assertThrows(IOException.class, () -> v.open("a").readAllBytes());

            Files.write(file, stored);
            Files.move(drive.mountPoint().resolve("b"), drive.mountPoint().resolve("c"));
            IOException moved = assertThrows(IOException.class, () -> v.open("c").readAllBytes());
            assertTrue(moved.getMessage().contains("'c' on drive"), moved.getMessage());
            assertEquals(3 * SEGMENT, v.open("a").readAllBytes().length, "the original still reads");
        }
    }

    @Test
    void storedSizeIsWhatTheDriveHolds() throws Exception {
        DriveTarget drive = preparedDrive();
        KeyProtector key = encryptor.prepare(drive, Progress.NONE);
        try (Volume v = encryptor.unlock(drive, key)) {
            for (int length : new int[] {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * MIB + 17}) {
                byte[] data = random(length, length);
                write(v, "f" + length, data);
                assertEquals(v.storedSize(length), Files.size(drive.mountPoint().resolve("f" + length)),
                        "stored size of " + length);
                assertEquals(length, v.size("f" + length));
                try (InputStream in = v.open("f" + length, length)) {
                    assertEquals(-1, in.read(), "nothing after the end");
                }
                assertArrayEquals(data, v.open("f" + length).readAllBytes());
            }
        }
    }

    @Test
    void theWrongPasswordSaysSoInOneLineWithoutAnyPassword() throws Exception {
        DriveTarget drive = preparedDrive();
        KeyProtector key = encryptor.prepare(drive, Progress.NONE);
        KeyProtector stranger = strangerKey();
        WrongKeyException e = assertThrows(WrongKeyException.class, () -> encryptor.unlock(drive, stranger));
        assertEquals("the recovery password does not unlock drive " + drive.serial(), e.getMessage());
        assertFalse(e.getMessage().contains(new String(key.recoveryPassword().reveal())));
    }

    @Test
    void aMistypedPasswordSaysWhichGroupWithoutEchoingIt() throws Exception {
        DriveTarget drive = preparedDrive();
        KeyProtector key = encryptor.prepare(drive, Progress.NONE);
        char[] typed = key.recoveryPassword().reveal();
        typed[7 * 2 + 5] = typed[7 * 2 + 5] == '9' ? '0' : (char) (typed[7 * 2 + 5] + 1); // last digit of group 3
        KeyProtector mistyped = new KeyProtector(key.id(), new Secret(typed));
        WrongKeyException e = assertThrows(WrongKeyException.class, () -> encryptor.unlock(drive, mistyped));
        assertEquals("the recovery password does not unlock drive " + drive.serial()
                + ": group 3 is not a multiple of 11 (a typo?)", e.getMessage());
        assertFalse(e.getMessage().contains(new String(typed)));
        assertFalse(e.getMessage().contains(new String(typed, 14, 6)), "not even the mistyped group");
    }

    @Test
    void prepareEmptiesTheDriveButKeepsTheFileSystemsOwnFolder() throws Exception {
        DriveTarget drive = preparedDrive();
        Path mount = drive.mountPoint();
        Files.createDirectories(mount.resolve("old/deep/er"));
        Files.writeString(mount.resolve("old/deep/er/file"), "old data");
        Files.writeString(mount.resolve(".hidden"), "old");
        Files.createDirectories(mount.resolve("lost+found"));
        assertFalse(encryptor.isPrepared(drive));
        KeyProtector first = encryptor.prepare(drive, Progress.NONE);
        try (var entries = Files.list(mount)) {
            assertEquals(Set.of(".seedbench-portable.json", "lost+found"),
                    entries.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
        assertTrue(encryptor.isPrepared(drive));
        try (Volume v = encryptor.unlock(drive, first)) {
            write(v, "x", new byte[] {1, 2, 3});
        }
        KeyProtector second = encryptor.prepare(drive, Progress.NONE);
        assertNotEquals(new String(first.recoveryPassword().reveal()), new String(second.recoveryPassword().reveal()));
        assertThrows(WrongKeyException.class, () -> encryptor.unlock(drive, first));
        try (Volume v = encryptor.unlock(drive, second)) {
            assertEquals(List.of(), v.list());
        }
    }

    /** Checked on the guard alone: a failing guard must not get to empty the folders of this build. */
    @Test
    void aMountPointHoldingTheWorkingFolderIsNeverEmptied() throws Exception {
        Path above = Path.of(System.getProperty("user.dir")).toRealPath().getParent();
        DriveTarget drive = new DriveTarget("SB-HOME", above.toString(), above, 64L * MIB);
        IOException e = assertThrows(IOException.class, () -> PortableEncryptor.refuseSystemFolders(drive, above));
        assertTrue(e.getMessage().startsWith("refusing to prepare drive SB-HOME: its mount point " + above),
                e.getMessage());
        PortableEncryptor.refuseSystemFolders(drive, tempDir.toRealPath());
    }

    @Test
    void aDriveThatWasNeverPreparedOrWhoseHeaderIsDamagedSaysWhatToDo() throws Exception {
        DriveTarget drive = preparedDrive();
        IOException none = assertThrows(IOException.class, () -> encryptor.unlock(drive, strangerKey()));
        assertTrue(none.getMessage().contains("holds no portable volume"), none.getMessage());
        assertTrue(none.getMessage().endsWith("prepare it first"), none.getMessage());

        KeyProtector key = encryptor.prepare(drive, Progress.NONE);
        Path header = drive.mountPoint().resolve(".seedbench-portable.json");
        Files.writeString(header, Files.readString(header).replace("\"version\": 1", "\"version\": 7"));
        assertFalse(encryptor.isPrepared(drive));
        IOException newer = assertThrows(IOException.class, () -> encryptor.unlock(drive, key));
        assertEquals("drive " + drive.serial() + ": its .seedbench-portable.json is damaged or from another version "
                + "(format version 7 is not one this Seedbench reads (1)); prepare the drive again",
                newer.getMessage());
    }

    @Test
    void anUnfinishedFileResumesAfterItsWriterDiedWithoutClosing() throws Exception {
        DriveTarget drive = preparedDrive();
        KeyProtector key = encryptor.prepare(drive, Progress.NONE);
        byte[] data = random(3 * MIB + 5, 12);
        try (Volume v = encryptor.unlock(drive, key)) {
            DriveFile out = v.create("seed/p");
            out.write(data, 0, 2 * MIB + 3);
            out.sync(); // the process dies here: the writer is never closed
            assertEquals(2L * MIB, v.unfinishedLength("seed/p"));
            // a torn write beyond what was synced
            try (RandomAccessFile f = new RandomAccessFile(
                    drive.mountPoint().resolve("seed/.p.partial").toFile(), "rw")) {
                f.seek(f.length());
                f.write(new byte[1000]);
            }
            assertEquals(2L * MIB, v.unfinishedLength("seed/p"));
            try (DriveFile again = v.resume("seed/p", 2L * MIB)) {
                again.write(data, 2 * MIB, data.length - 2 * MIB);
                again.finish();
            }
            assertArrayEquals(data, v.open("seed/p").readAllBytes());
        }
    }

    @Test
    void aResumeOverDamagedBytesIsRefused() throws Exception {
        DriveTarget drive = preparedDrive();
        KeyProtector key = encryptor.prepare(drive, Progress.NONE);
        try (Volume v = encryptor.unlock(drive, key)) {
            try (DriveFile out = v.create("p")) {
                out.write(random(MIB + 10, 3));
                out.sync();
            }
            flipByte(drive.mountPoint().resolve(".p.partial"), PortableFormat.segmentOffset(15) + 40);
            IOException e = assertThrows(IOException.class, () -> v.resume("p", MIB));
            assertEquals("'p' on drive " + drive.serial() + " cannot be resumed: the bytes before offset 1048576 do "
                    + "not authenticate; create it afresh", e.getMessage());
        }
    }

    @Test
    void theSeedsOnADriveAreReadWithoutItsKey() throws Exception {
        DriveTarget empty = drive(tempDir.resolve("empty"), 64L * MIB);
        assertEquals(Set.of(), encryptor.seedsOn(empty), "no portable volume, no seed");
        DriveTarget d = drive(tempDir.resolve("owned"), 64L * MIB);
        KeyProtector key = encryptor.prepare(d, "fs01", Progress.NONE);
        assertEquals(Set.of("fs01"), encryptor.seedsOn(d), "the header names the job");
        String header = Files.readString(d.mountPoint().resolve(VolumeHeader.FILE_NAME)).replace(" ", "");
        assertTrue(header.contains("\"job\":\"fs01\""), header);
        try (Volume v = encryptor.unlock(d, key)) {
            write(v, "fs02/packs/ab/pack", random(100, 1));
        }
        assertEquals(Set.of("fs01", "fs02"), encryptor.seedsOn(d), "and so do the job folders at its root");
        DriveTarget older = drive(tempDir.resolve("older"), 64L * MIB);
        try (Volume v = encryptor.unlock(older, encryptor.prepare(older, Progress.NONE))) {
            write(v, "fs03/config", random(10, 2));
        }
        assertEquals(Set.of("fs03"), encryptor.seedsOn(older), "a header without a job: its folders");
    }
}
