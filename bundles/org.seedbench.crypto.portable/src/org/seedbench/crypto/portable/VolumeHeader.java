package org.seedbench.crypto.portable;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The volume header at the root of a portable drive ({@value #FILE_NAME}): how to turn the recovery password
 * into the volume key, a value that proves the key right without revealing it, and the seeding job the drive
 * was prepared for ({@code null} when not said). Never holds a key.
 */
record VolumeHeader(String protectorId, int iterations, byte[] salt, byte[] keyCheck, String job) {
    static final String FILE_NAME = ".seedbench-portable.json";
    static final String FORMAT = "seedbench-portable";
    static final int VERSION = 1;
    static final String CIPHER = "AES-256-GCM";
    static final String KDF = "PBKDF2-HMAC-SHA256";
    /** About 150–300 ms on a 2024 server core. */
    static final int DEFAULT_ITERATIONS = 200_000;
    static final int MIN_ITERATIONS = 10_000;
    static final int MAX_ITERATIONS = 10_000_000;

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("protectorId", protectorId);
        m.put("cipher", CIPHER);
        m.put("segmentSize", PortableFormat.SEGMENT_SIZE);
        m.put("kdf", KDF);
        m.put("kdfIterations", iterations);
        m.put("kdfSalt", Base64.getEncoder().encodeToString(salt));
        m.put("keyCheck", Base64.getEncoder().encodeToString(keyCheck));
        if (job != null) {
            m.put("job", job);
        }
        return FlatJson.write(m);
    }

    /**
     * Reads a header.
     *
     * @throws IllegalArgumentException saying what is wrong, when the text is not a header this version reads
     */
    static VolumeHeader parse(String json) {
        Map<String, Object> m = FlatJson.parse(json);
        expect(m, "format", FORMAT);
        Object version = m.get("version");
        if (!(version instanceof Long v) || v != VERSION) {
            throw new IllegalArgumentException("format version " + version + " is not one this Seedbench reads ("
                    + VERSION + ")");
        }
        expect(m, "cipher", CIPHER);
        expect(m, "kdf", KDF);
        if (!Long.valueOf(PortableFormat.SEGMENT_SIZE).equals(m.get("segmentSize"))) {
            throw new IllegalArgumentException("segmentSize " + m.get("segmentSize") + " is not "
                    + PortableFormat.SEGMENT_SIZE);
        }
        Object iterations = m.get("kdfIterations");
        if (!(iterations instanceof Long n) || n < MIN_ITERATIONS || n > MAX_ITERATIONS) {
            throw new IllegalArgumentException("kdfIterations " + iterations + " is not between " + MIN_ITERATIONS
                    + " and " + MAX_ITERATIONS);
        }
        byte[] salt = base64(m, "kdfSalt");
        byte[] check = base64(m, "keyCheck");
        if (salt.length < 16 || check.length != 32) {
            throw new IllegalArgumentException("kdfSalt or keyCheck has the wrong length");
        }
        Object id = m.get("protectorId");
        return new VolumeHeader(id instanceof String s ? s : "", (int) (long) (Long) iterations, salt, check,
                m.get("job") instanceof String job ? job : null);
    }

    private static void expect(Map<String, Object> m, String field, String value) {
        if (!value.equals(m.get(field))) {
            throw new IllegalArgumentException(field + " is " + m.get(field) + ", not " + value);
        }
    }

    private static byte[] base64(Map<String, Object> m, String field) {
        if (!(m.get(field) instanceof String s)) {
            throw new IllegalArgumentException(field + " is missing");
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not base64");
        }
    }
}
