package org.seedbench.backup.internal.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.generators.SCrypt;
import org.seedbench.backup.RepositoryException;
import org.seedbench.backup.RepositoryLayout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A key file ({@code keys/<name>}): the master keys wrapped with AES-256-GCM under a key derived from the
 * passphrase with scrypt (FORMAT.md, "Key files").
 */
public final class KeyFile {
    /** Folder of the key files. */
    public static final String FOLDER = RepositoryLayout.KEYS;
    static final int VERSION = 1;
    private static final int SALT = 32;
    private static final int R = 8;
    private static final int P = 1;
    private static final int NONCE = 12;
    private static final int TAG = 16;

    private KeyFile() {
    }

    /**
     * The key file's JSON wrapping {@code keys} under the passphrase, recording the SHA-256 of the config file;
     * it is stored under {@link #objectName} of these bytes.
     */
    public static byte[] create(ObjectMapper json, MasterKeys keys, String repositoryId, String configSha256,
            char[] passphrase, int logN, SecureRandom random) throws IOException {
        byte[] salt = new byte[SALT];
        random.nextBytes(salt);
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] kek = derive(passphrase, salt, logN);
        byte[] plain = keys.export();
        byte[] wrapped;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(aad(repositoryId));
            wrapped = cipher.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        } finally {
            Arrays.fill(kek, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
        ObjectNode root = json.createObjectNode();
        root.put("version", VERSION);
        root.put("repository", repositoryId);
        root.put("created", Instant.now().toString());
        ObjectNode kdf = root.putObject("kdf");
        kdf.put("algorithm", "scrypt");
        kdf.put("logN", logN);
        kdf.put("r", R);
        kdf.put("p", P);
        kdf.put("salt", Base64.getEncoder().encodeToString(salt));
        root.put("cipher", "AES-256-GCM");
        root.put("nonce", Base64.getEncoder().encodeToString(nonce));
        root.put("keys", Base64.getEncoder().encodeToString(wrapped));
        root.put("config", configSha256);
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /** The name a key file is stored under: {@code keys/<SHA-256 of its bytes>}. */
    public static String objectName(byte[] content) {
        return FOLDER + "/" + Sha256.hex(content);
    }

    /**
     * What is wrong with a key file's integrity, or {@code null} when nothing is: a key file named by a SHA-256
     * must match it, and the config checksum it records must be the config file's. Key files of version 1
     * repositories (named by 32 random hex digits, recording no checksum) pass.
     *
     * @param where        the key file as a person finds it, for the message
     * @param configSha256 the SHA-256 of the repository's config file
     * @param configFile   the config file as a person finds it, for the message
     */
    public static String damage(ObjectMapper json, String name, String where, byte[] content, String configSha256,
            String configFile) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        if (last.matches("[0-9a-f]{64}") && !Sha256.hex(content).equals(last)) {
            return "the key file " + where + " is damaged: its content does not match its name (SHA-256)";
        }
        JsonNode recorded;
        try {
            JsonNode root = json.readTree(content);
            recorded = root == null ? null : root.get("config");
        } catch (IOException e) {
            return "the key file " + where + " is damaged: it is not readable JSON";
        }
        if (recorded != null && !recorded.asText().equals(configSha256)) {
            return "the config file " + configFile + " is damaged: it does not match the SHA-256 the key file "
                    + where + " records for it";
        }
        return null;
    }

    /**
     * The master keys the passphrase unwraps from the key file, or {@code null} when it does not.
     *
     * @throws RepositoryException when the key file is not one this version reads
     */
    public static MasterKeys open(ObjectMapper json, String name, byte[] content, String repositoryId,
            char[] passphrase) throws RepositoryException {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (IOException e) {
            throw new RepositoryException("key file " + name + " is not readable JSON", e);
        }
        if (root == null || root.path("version").asInt() != VERSION) {
            throw new RepositoryException("key file " + name + " has version " + root.path("version").asText("none")
                    + "; this Seedbench reads version " + VERSION);
        }
        JsonNode kdf = root.path("kdf");
        if (!"scrypt".equals(kdf.path("algorithm").asText()) || !"AES-256-GCM".equals(root.path("cipher").asText())) {
            throw new RepositoryException("key file " + name + " uses an unknown key derivation or cipher");
        }
        int logN = kdf.path("logN").asInt();
        int r = kdf.path("r").asInt();
        int p = kdf.path("p").asInt();
        if (logN < 10 || logN > 24 || r != R || p != P) {
            throw new RepositoryException("key file " + name + " has scrypt parameters this version does not use");
        }
        byte[] salt;
        byte[] nonce;
        byte[] wrapped;
        try {
            salt = Base64.getDecoder().decode(kdf.path("salt").asText());
            nonce = Base64.getDecoder().decode(root.path("nonce").asText());
            wrapped = Base64.getDecoder().decode(root.path("keys").asText());
        } catch (IllegalArgumentException e) {
            throw new RepositoryException("key file " + name + " holds a value that is not base64", e);
        }
        if (nonce.length != NONCE || wrapped.length != 2 * MasterKeys.KEY_LENGTH + TAG) {
            throw new RepositoryException("key file " + name + " has a nonce or wrapped key of the wrong length");
        }
        byte[] kek = derive(passphrase, salt, logN);
        byte[] plain = null;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(aad(repositoryId));
            plain = cipher.doFinal(wrapped);
            return new MasterKeys(plain);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        } finally {
            Arrays.fill(kek, (byte) 0);
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private static byte[] aad(String repositoryId) {
        return ("seedbench:key:v1:" + repositoryId).getBytes(StandardCharsets.US_ASCII);
    }

    /** scrypt(UTF-8 of the passphrase, salt, N = 2^logN, r = 8, p = 1), 32 bytes. */
    private static byte[] derive(char[] passphrase, byte[] salt, int logN) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        try {
            return SCrypt.generate(bytes, salt, 1 << logN, R, P, 32);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
