package org.seedbench.crypto.portable;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The numbers and derivations of the portable drive format (FORMAT.md is the description for readers on the
 * datacenter side; this class is what writes and reads it).
 */
final class PortableFormat {
    static final byte[] FILE_MAGIC = {'S', 'B', 'P', 'F'};
    static final int FILE_VERSION = 1;
    static final int SEGMENT_SIZE = 64 * 1024;
    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;
    static final int SALT_LENGTH = 32;
    static final int KEY_LENGTH = 32;
    /** Magic, version, flags, segment size, salt. */
    static final int HEADER_LENGTH = 4 + 2 + 2 + 4 + SALT_LENGTH;
    /** A stored segment is its nonce, its cipher text and its tag. */
    static final int SEGMENT_OVERHEAD = NONCE_LENGTH + TAG_LENGTH;
    static final int STORED_SEGMENT = SEGMENT_SIZE + SEGMENT_OVERHEAD;

    static final String FILE_KEY_INFO = "seedbench-portable/1 file key";
    static final String KEY_CHECK_INFO = "seedbench-portable/1 key check";

    private PortableFormat() {
    }

    /**
     * Bytes a file of {@code plain} bytes takes: its header, then one stored segment per full plain segment and
     * a last segment holding the remaining 0 … 65535 bytes.
     */
    static long storedSize(long plain) {
        return HEADER_LENGTH + plain + (plain / SEGMENT_SIZE + 1) * SEGMENT_OVERHEAD;
    }

    /** The plain length of a finished file of {@code stored} bytes, or -1 when no plain length gives that size. */
    static long plainLength(long stored) {
        long body = stored - HEADER_LENGTH;
        if (body < SEGMENT_OVERHEAD) {
            return -1;
        }
        long rest = body % STORED_SEGMENT - SEGMENT_OVERHEAD;
        if (rest < 0) {
            return -1;
        }
        return body / STORED_SEGMENT * SEGMENT_SIZE + rest;
    }

    /** Where segment {@code index} starts in the stored file. */
    static long segmentOffset(long index) {
        return HEADER_LENGTH + index * STORED_SEGMENT;
    }

    static byte[] fileHeader(byte[] salt) {
        byte[] h = new byte[HEADER_LENGTH];
        System.arraycopy(FILE_MAGIC, 0, h, 0, 4);
        h[5] = FILE_VERSION;
        h[8] = (byte) (SEGMENT_SIZE >>> 24);
        h[9] = (byte) (SEGMENT_SIZE >>> 16);
        h[10] = (byte) (SEGMENT_SIZE >>> 8);
        h[11] = (byte) SEGMENT_SIZE;
        System.arraycopy(salt, 0, h, 12, SALT_LENGTH);
        return h;
    }

    /** What is wrong with a stored file header, or {@code null} when it is one this version reads. */
    static String headerProblem(byte[] h) {
        if (!Arrays.equals(h, 0, 4, FILE_MAGIC, 0, 4)) {
            return "does not start like a portable drive file";
        }
        int version = (h[4] & 0xff) << 8 | (h[5] & 0xff);
        if (version != FILE_VERSION) {
            return "is in format version " + version + ", which this Seedbench does not read";
        }
        int segment = (h[8] & 0xff) << 24 | (h[9] & 0xff) << 16 | (h[10] & 0xff) << 8 | (h[11] & 0xff);
        if (segment != SEGMENT_SIZE || h[6] != 0 || h[7] != 0) {
            return "has a header this Seedbench does not read";
        }
        return null;
    }

    static byte[] salt(byte[] header) {
        return Arrays.copyOfRange(header, 12, 12 + SALT_LENGTH);
    }

    /**
     * The associated data of every segment of a file, with room for the segment's index and last-flag:
     * {@code header || index (8 bytes, big-endian) || last (1 byte) || path (UTF-8)}.
     */
    static byte[] associatedData(byte[] header, String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        byte[] aad = new byte[HEADER_LENGTH + 9 + p.length];
        System.arraycopy(header, 0, aad, 0, HEADER_LENGTH);
        System.arraycopy(p, 0, aad, HEADER_LENGTH + 9, p.length);
        return aad;
    }

    /** Sets the index and last-flag fields of {@link #associatedData}. */
    static void segment(byte[] aad, long index, boolean last) {
        for (int i = 0; i < 8; i++) {
            aad[HEADER_LENGTH + i] = (byte) (index >>> (56 - 8 * i));
        }
        aad[HEADER_LENGTH + 8] = (byte) (last ? 1 : 0);
    }

    /**
     * The volume key: PBKDF2-HMAC-SHA256 of the recovery password's 16-byte key written as 32 lowercase hex
     * digits, with the volume's salt.
     */
    static byte[] volumeKey(byte[] passwordKey, byte[] salt, int iterations) throws GeneralSecurityException {
        char[] hex = new char[passwordKey.length * 2];
        for (int i = 0; i < passwordKey.length; i++) {
            hex[2 * i] = Character.forDigit((passwordKey[i] >>> 4) & 0xf, 16);
            hex[2 * i + 1] = Character.forDigit(passwordKey[i] & 0xf, 16);
        }
        PBEKeySpec spec = new PBEKeySpec(hex, salt, iterations, KEY_LENGTH * 8);
        Arrays.fill(hex, '\0');
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } finally {
            spec.clearPassword();
        }
    }

    /** HKDF-SHA256(volume key, no salt, "seedbench-portable/1 key check"): proves the key without revealing it. */
    static byte[] keyCheck(byte[] volumeKey) throws GeneralSecurityException {
        return hkdf(volumeKey, new byte[32], KEY_CHECK_INFO, 32);
    }

    /** HKDF-SHA256(volume key, the file's salt, "seedbench-portable/1 file key"): the AES-256 key of one file. */
    static byte[] fileKey(byte[] volumeKey, byte[] salt) throws GeneralSecurityException {
        return hkdf(volumeKey, salt, FILE_KEY_INFO, KEY_LENGTH);
    }

    /** HKDF with HMAC-SHA256 (RFC 5869). */
    static byte[] hkdf(byte[] ikm, byte[] salt, String info, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        Arrays.fill(prk, (byte) 0);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        byte[] infoBytes = info.getBytes(StandardCharsets.US_ASCII);
        for (int done = 0, i = 1; done < length; i++) {
            mac.update(t);
            mac.update(infoBytes);
            mac.update((byte) i);
            t = mac.doFinal();
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        Arrays.fill(t, (byte) 0);
        return out;
    }
}
