package org.seedbench.backup.internal.blob;

import java.util.Arrays;
import java.util.HexFormat;

/** The 32-byte id of a blob: HMAC-SHA-256 of its plaintext under the repository's id key. */
public final class BlobId {
    /** Bytes in an id. */
    public static final int LENGTH = 32;

    private final byte[] bytes;
    private final int hash;

    private BlobId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** An id of the 32 bytes (copied). */
    public static BlobId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a blob id has " + LENGTH + " bytes, not " + bytes.length);
        }
        return new BlobId(bytes.clone());
    }

    /** An id of 32 bytes at {@code offset}. */
    public static BlobId of(byte[] bytes, int offset) {
        return new BlobId(Arrays.copyOfRange(bytes, offset, offset + LENGTH));
    }

    /** An id from its 64 hex digits. @throws IllegalArgumentException when it is not one */
    public static BlobId parse(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("not a blob id: '" + hex + "'");
        }
        return new BlobId(HexFormat.of().parseHex(hex));
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Copies the bytes into {@code out} at {@code offset}. */
    public void copyTo(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, LENGTH);
    }

    /** Eight bytes from {@code index * 8}, big-endian. */
    public long word(int index) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bytes[index * 8 + i] & 0xff);
        }
        return v;
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlobId other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return hex();
    }
}
