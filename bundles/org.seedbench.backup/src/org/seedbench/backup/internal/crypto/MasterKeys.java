package org.seedbench.backup.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A repository's master keys: the data key (AES-256-GCM, everything encrypted) and the id key (HMAC-SHA-256,
 * blob ids and the chunker's gear table). Never printed.
 */
public final class MasterKeys implements AutoCloseable {
    /** Bytes of each key. */
    public static final int KEY_LENGTH = 32;

    private final byte[] dataKey;
    private final byte[] idKey;
    private final SecretKeySpec dataKeySpec;
    private final SecretKeySpec idKeySpec;

    /** Keys from their 64 bytes: data key, then id key. */
    public MasterKeys(byte[] both) {
        if (both.length != 2 * KEY_LENGTH) {
            throw new IllegalArgumentException("the master keys are " + 2 * KEY_LENGTH + " bytes");
        }
        dataKey = Arrays.copyOfRange(both, 0, KEY_LENGTH);
        idKey = Arrays.copyOfRange(both, KEY_LENGTH, 2 * KEY_LENGTH);
        dataKeySpec = new SecretKeySpec(dataKey, "AES");
        idKeySpec = new SecretKeySpec(idKey, "HmacSHA256");
    }

    /** Fresh random keys. */
    public static MasterKeys generate(SecureRandom random) {
        byte[] both = new byte[2 * KEY_LENGTH];
        random.nextBytes(both);
        try {
            return new MasterKeys(both);
        } finally {
            Arrays.fill(both, (byte) 0);
        }
    }

    /** The 64 bytes, for wrapping into a key file; the caller clears them. */
    byte[] export() {
        byte[] both = new byte[2 * KEY_LENGTH];
        System.arraycopy(dataKey, 0, both, 0, KEY_LENGTH);
        System.arraycopy(idKey, 0, both, KEY_LENGTH, KEY_LENGTH);
        return both;
    }

    SecretKeySpec dataKey() {
        return dataKeySpec;
    }

    /** A new HMAC-SHA-256 under the id key (a Mac is used by one thread at a time). */
    Mac newIdMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(idKeySpec);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public void close() {
        Arrays.fill(dataKey, (byte) 0);
        Arrays.fill(idKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "MasterKeys[******]";
    }
}
