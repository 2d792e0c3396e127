package org.seedbench.crypto.portable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.spi.DiskEncryptor.DriveFile;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.spi.Progress;

/**
 * FORMAT.md is enough for the datacenter side: a reader written from the document alone, with nothing but
 * the JDK and the recovery password, decrypts what the portable encryptor wrote. Nothing here calls the
 * plugin's own format code.
 */
class FormatDocumentTest {
    @TempDir
    Path mount;

    @Test
    void aReaderFollowingFormatMdDecryptsADriveFileWithThePasswordAlone() throws Exception {
        DriveTarget drive = new DriveTarget("SB-DOC1", mount.toString(), mount, 1L << 30);
        PortableEncryptor encryptor = new PortableEncryptor();
        KeyProtector key = encryptor.prepare(drive, Progress.NONE);
        byte[] data = new byte[3 * 65536 + 1234];
        new Random(3).nextBytes(data);
        try (Volume v = encryptor.unlock(drive, key)) {
            for (String path : new String[] {"seed-fs01/packs/3f/pack-1", "seed-fs01/empty", "seed-fs01/exact"}) {
                try (DriveFile out = v.create(path)) {
                    out.write(path.endsWith("pack-1") ? data : path.endsWith("exact") ? Arrays.copyOf(data, 65536)
                            : new byte[0]);
                    out.finish();
                }
            }
        }
        String password = new String(key.recoveryPassword().reveal());

        assertArrayEquals(data, decrypt(password, "seed-fs01/packs/3f/pack-1"));
        assertArrayEquals(new byte[0], decrypt(password, "seed-fs01/empty"));
        assertArrayEquals(Arrays.copyOf(data, 65536), decrypt(password, "seed-fs01/exact"));
        Files.move(mount.resolve("seed-fs01/exact"), mount.resolve("seed-fs01/renamed"));
        assertThrows(AEADBadTagException.class, () -> decrypt(password, "seed-fs01/renamed"));
    }

    /** The whole file at {@code path}, decrypted as FORMAT.md says. */
    private byte[] decrypt(String password, String path) throws Exception {
        String header = Files.readString(mount.resolve(".seedbench-portable.json"));
        assertEquals("seedbench-portable", field(header, "format"));
        assertEquals("AES-256-GCM", field(header, "cipher"));
        assertEquals("PBKDF2-HMAC-SHA256", field(header, "kdf"));

        // recovery password -> passwordKey -> P -> volumeKey, checked against keyCheck
        String[] groups = password.split("[- ]");
        byte[] passwordKey = new byte[16];
        for (int g = 0; g < 8; g++) {
            int q = Integer.parseInt(groups[g]) / 11;
            passwordKey[2 * g] = (byte) q;
            passwordKey[2 * g + 1] = (byte) (q >> 8);
        }
        StringBuilder p = new StringBuilder();
        for (byte b : passwordKey) {
            p.append(String.format("%02x", b & 0xff));
        }
        byte[] volumeKey = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(p.toString().toCharArray(),
                        Base64.getDecoder().decode(field(header, "kdfSalt")),
                        Integer.parseInt(field(header, "kdfIterations")), 256))
                .getEncoded();
        assertArrayEquals(Base64.getDecoder().decode(field(header, "keyCheck")),
                hkdf(volumeKey, new byte[32], "seedbench-portable/1 key check"));

        // the drive file: header, then segments of nonce | cipher text | tag
        byte[] file = Files.readAllBytes(mount.resolve(path));
        assertArrayEquals("SBPF".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(file, 4));
        assertEquals(65536, ByteBuffer.wrap(file, 8, 4).getInt());
        byte[] fileHeader = Arrays.copyOf(file, 44);
        byte[] fileKey = hkdf(volumeKey, Arrays.copyOfRange(fileHeader, 12, 44), "seedbench-portable/1 file key");
        long d = file.length - 44;
        long n = d / 65564;
        long r = d % 65564 - 28;
        assertEquals(true, r >= 0, "whole segments");

        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        for (long i = 0; i <= n; i++) {
            int start = (int) (44 + i * 65564);
            int stored = i < n ? 65564 : (int) r + 28;
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(fileKey, "AES"),
                    new GCMParameterSpec(128, file, start, 12));
            ByteBuffer aad = ByteBuffer.allocate(44 + 9 + path.length());
            aad.put(fileHeader).putLong(i).put((byte) (i == n ? 1 : 0)).put(path.getBytes(StandardCharsets.UTF_8));
            gcm.updateAAD(aad.array());
            plain.write(gcm.doFinal(file, start + 12, stored - 12));
        }
        return plain.toByteArray();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",\\n]*)\"?").matcher(json);
        if (!m.find()) {
            throw new AssertionError(name + " missing from the volume header");
        }
        return m.group(1).trim();
    }

    private static byte[] hkdf(byte[] ikm, byte[] salt, String info) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 1);
        return mac.doFinal();
    }
}
