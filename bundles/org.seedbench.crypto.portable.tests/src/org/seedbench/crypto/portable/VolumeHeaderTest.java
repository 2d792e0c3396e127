package org.seedbench.crypto.portable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedbench.core.spi.DiskEncryptor.DriveFile;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.spi.Progress;

/** The volume header keeps its bytes, and drives whose header an earlier Seedbench wrote still unlock. */
class VolumeHeaderTest {
    /** A header as the hand-written writer of earlier versions put it on a drive, byte for byte. */
    private static final String OLD_HEADER = """
            {
              "format": "seedbench-portable",
              "version": 1,
              "protectorId": "%s",
              "cipher": "AES-256-GCM",
              "segmentSize": 65536,
              "kdf": "PBKDF2-HMAC-SHA256",
              "kdfIterations": %d,
              "kdfSalt": "%s",
              "keyCheck": "%s"%s
            }
            """;

    @TempDir
    Path tempDir;

    private static String oldHeader(VolumeHeader h) {
        return String.format(OLD_HEADER, h.protectorId(), h.iterations(),
                Base64.getEncoder().encodeToString(h.salt()), Base64.getEncoder().encodeToString(h.keyCheck()),
                h.job() == null ? "" : ",\n  \"job\": \"" + h.job() + "\"");
    }

    private static VolumeHeader sample(String job) {
        byte[] salt = new byte[32];
        Arrays.fill(salt, (byte) 7);
        byte[] check = new byte[32];
        Arrays.fill(check, (byte) 9);
        return new VolumeHeader("0A1B2C3D", 200_000, salt, check, job);
    }

    @Test
    void theHeaderIsWrittenByteForByteAsEarlierVersionsWroteIt() {
        for (String job : new String[] {null, "seed-fs01"}) {
            VolumeHeader h = sample(job);
            assertEquals(oldHeader(h), h.toJson());
        }
    }

    @Test
    void aHeaderWrittenTheOldWayIsReadWithEveryField() {
        VolumeHeader h = sample("seed-fs01");
        VolumeHeader read = VolumeHeader.parse(oldHeader(h));
        assertEquals("0A1B2C3D", read.protectorId());
        assertEquals(200_000, read.iterations());
        assertArrayEquals(h.salt(), read.salt());
        assertArrayEquals(h.keyCheck(), read.keyCheck());
        assertEquals("seed-fs01", read.job());
        assertNull(VolumeHeader.parse(oldHeader(sample(null))).job());
    }

    @Test
    void aDriveWhoseHeaderWasWrittenTheOldWayStillUnlocks() throws Exception {
        Path mount = Files.createDirectories(tempDir.resolve("drive"));
        DriveTarget drive = new DriveTarget("SB-OLD1", mount.toString(), mount, 64L << 20);
        PortableEncryptor encryptor = new PortableEncryptor();
        KeyProtector key = encryptor.prepare(drive, Progress.NONE);
        byte[] data = "the seed of fs01\n".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        try (Volume v = encryptor.unlock(drive, key); DriveFile out = v.create("seed-fs01/config")) {
            out.write(data);
            out.finish();
        }
        Path headerFile = mount.resolve(VolumeHeader.FILE_NAME);
        VolumeHeader written = VolumeHeader.parse(Files.readString(headerFile));
        // the header as a Seedbench before Jackson wrote it: without the job, in its own bytes
        Files.writeString(headerFile, oldHeader(new VolumeHeader(written.protectorId(), written.iterations(),
                written.salt(), written.keyCheck(), null)));

        try (Volume v = encryptor.unlock(drive, key)) {
            assertArrayEquals(data, v.open("seed-fs01/config").readAllBytes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{\"format\": \"seedbench-portable\"", "{} {}", "{\"format\": 1}",
            "{\"format\": \"seedbench-portable\", \"version\": 1.5}",
            "{\"format\": \"seedbench-portable\", \"version\": \"1\"}"})
    void whatIsNotAHeaderIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> VolumeHeader.parse(text));
    }

    @Test
    void iterationsOutsideTheirRangeAreRefusedByName() {
        String tooFew = oldHeader(sample(null)).replace("200000", "9999");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VolumeHeader.parse(tooFew));
        assertEquals("kdfIterations 9999 is not between 10000 and 10000000", e.getMessage());
    }
}
