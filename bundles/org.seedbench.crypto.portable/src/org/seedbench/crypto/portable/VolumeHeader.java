package org.seedbench.crypto.portable;

import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The volume header at the root of a portable drive ({@value #FILE_NAME}): how to turn the recovery password
 * into the volume key, a value that proves the key right without revealing it, and the seeding job the drive
 * was prepared for ({@code null} when not said). Never holds a key.
 *
 * <p>Written as an object indented by two spaces, {@code "name": value} a line, with a line feed at the end,
 * whatever the platform: the bytes FORMAT.md shows and every earlier Seedbench wrote.
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

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectWriter WRITER = JSON.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    String toJson() {
        ObjectNode m = JSON.createObjectNode();
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
        try {
            return WRITER.writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the volume header cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a header.
     *
     * @throws IllegalArgumentException saying what is wrong, when the text is not a header this version reads
     */
    static VolumeHeader parse(String json) {
        JsonNode m;
        try {
            m = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage());
        }
        if (m == null || !m.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        expect(m, "format", FORMAT);
        JsonNode version = m.get("version");
        if (version == null || !version.isIntegralNumber() || version.asLong() != VERSION) {
            throw new IllegalArgumentException("format version " + version + " is not one this Seedbench reads ("
                    + VERSION + ")");
        }
        expect(m, "cipher", CIPHER);
        expect(m, "kdf", KDF);
        JsonNode segmentSize = m.get("segmentSize");
        if (segmentSize == null || !segmentSize.isIntegralNumber()
                || segmentSize.asLong() != PortableFormat.SEGMENT_SIZE) {
            throw new IllegalArgumentException("segmentSize " + segmentSize + " is not "
                    + PortableFormat.SEGMENT_SIZE);
        }
        JsonNode iterations = m.get("kdfIterations");
        if (iterations == null || !iterations.isIntegralNumber() || !iterations.canConvertToLong()
                || iterations.asLong() < MIN_ITERATIONS || iterations.asLong() > MAX_ITERATIONS) {
            throw new IllegalArgumentException("kdfIterations " + iterations + " is not between " + MIN_ITERATIONS
                    + " and " + MAX_ITERATIONS);
        }
        byte[] salt = base64(m, "kdfSalt");
        byte[] check = base64(m, "keyCheck");
        if (salt.length < 16 || check.length != 32) {
            throw new IllegalArgumentException("kdfSalt or keyCheck has the wrong length");
        }
        JsonNode id = m.get("protectorId");
        JsonNode job = m.get("job");
        return new VolumeHeader(id != null && id.isTextual() ? id.asText() : "", iterations.asInt(), salt, check,
                job != null && job.isTextual() ? job.asText() : null);
    }

    private static void expect(JsonNode m, String field, String value) {
        JsonNode v = m.get(field);
        if (v == null || !v.isTextual() || !value.equals(v.asText())) {
            throw new IllegalArgumentException(field + " is " + (v == null || !v.isTextual() ? v : v.asText())
                    + ", not " + value);
        }
    }

    private static byte[] base64(JsonNode m, String field) {
        JsonNode v = m.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        try {
            return Base64.getDecoder().decode(v.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not base64");
        }
    }
}
