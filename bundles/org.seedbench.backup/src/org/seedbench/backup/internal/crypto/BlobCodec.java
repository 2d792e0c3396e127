package org.seedbench.backup.internal.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.blob.DamagedException;

/**
 * Computes blob ids, compresses and encrypts blobs and envelopes, and undoes both (see FORMAT.md, "Blobs"
 * and "Envelopes"). Holds a cipher, a MAC, zstd contexts and its own DRBG for nonces (the platform's default
 * generator makes threads wait on one lock), so it is used by one thread at a time; a run gives each of its
 * threads its own.
 */
public final class BlobCodec implements AutoCloseable {
    /** Flag bit: the payload is a zstd frame. */
    static final int FLAG_ZSTD = 1;
    /** Bytes of the nonce. */
    static final int NONCE = 12;
    /** Bytes of the GCM tag. */
    static final int TAG = 16;
    /** Bytes a blob or envelope adds to its payload: flags, nonce, tag. */
    public static final int OVERHEAD = 1 + NONCE + TAG;
    /**
     * Data is fed to the MAC in slices of this size: the JIT compiles the JDK's SHA-256 with its CPU
     * intrinsic only once the methods feeding it have been called often enough, which whole-chunk calls
     * delay by gigabytes.
     */
    private static final int SLICE = 16 * 1024;
    /**
     * Payloads up to this size are decrypted in direct buffers: the JDK compiles its AES-GCM with the AES-NI and
     * carry-less multiply intrinsics after tens of megabytes on that path, but only after gigabytes (decryption:
     * hardly ever) on the byte-array path. Encryption feeds the cipher in {@link #SLICE}s of a byte array instead,
     * which reaches the intrinsics as early and runs them without the copies to and from direct buffers (whose
     * path hashes 1 KiB at a time and stays several times slower).
     */
    private static final int DIRECT_LIMIT = 16 << 20;
    /** The largest plaintext an envelope may claim (1 GiB). */
    private static final long MAX_ENVELOPE = 1L << 30;

    private final MasterKeys keys;
    private final int level;
    private final SecureRandom random;
    private final Mac mac;
    private final Cipher cipher;
    private ZstdCompressCtx compressor;
    private ZstdDecompressCtx decompressor;
    private byte[] scratch = new byte[0];
    private final byte[] nonce = new byte[NONCE];
    private ByteBuffer directIn = ByteBuffer.allocateDirect(0);
    private ByteBuffer directOut = ByteBuffer.allocateDirect(0);
    private final byte[] blobAad = new byte[2 + BlobId.LENGTH];

    public BlobCodec(MasterKeys keys, int compressionLevel) {
        this.keys = keys;
        this.level = compressionLevel;
        this.mac = keys.newIdMac();
        try {
            this.random = SecureRandom.getInstance("DRBG");
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM or the DRBG random generator is not available", e);
        }
    }

    /** The id of a plaintext: HMAC-SHA-256 under the id key. */
    public BlobId id(byte[] data, int off, int len) {
        for (int done = 0; done < len; done += SLICE) {
            mac.update(data, off + done, Math.min(SLICE, len - done));
        }
        return BlobId.of(mac.doFinal());
    }

    /** The raw HMAC-SHA-256 of a byte string under the id key. */
    public byte[] hmac(byte[] data) {
        return mac.doFinal(data);
    }

    /**
     * Compresses (when that shrinks it, and unless {@link CompressionGuess} calls it random) and encrypts a blob: {@code flags | nonce | ciphertext+tag}, the
     * additional data binding its type, flags and id.
     */
    public byte[] encodeBlob(BlobType type, BlobId id, byte[] data, int off, int len) {
        byte[] out = new byte[len + OVERHEAD];
        int n = encodeBlob(type, id, data, off, len, out);
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * {@link #encodeBlob(BlobType, BlobId, byte[], int, int)} into {@code out}, which has room for
     * {@code len + OVERHEAD} bytes; returns the stored length.
     */
    public int encodeBlob(BlobType type, BlobId id, byte[] data, int off, int len, byte[] out) {
        int clen = CompressionGuess.looksRandom(data, off, len) ? -1 : compress(data, off, len);
        boolean compressed = clen >= 0 && clen < len;
        int flags = compressed ? FLAG_ZSTD : 0;
        blobAad(type, flags, id);
        return encrypt(flags, blobAad, compressed ? scratch : data, compressed ? 0 : off, compressed ? clen : len,
                out);
    }

    /**
     * Decrypts, authenticates and decompresses a blob.
     *
     * @throws DamagedException when it fails authentication or does not decompress to {@code rawLength}
     */
    public byte[] decodeBlob(BlobType type, BlobId id, byte[] blob, int off, int len, int rawLength)
            throws DamagedException {
        if (len < OVERHEAD) {
            throw new DamagedException("blob " + id + " is too short");
        }
        int flags = blob[off] & 0xff;
        if ((flags & ~FLAG_ZSTD) != 0) {
            throw new DamagedException("blob " + id + " has unknown flags " + flags);
        }
        blobAad(type, flags, id);
        byte[] payload = decrypt(blobAad, blob, off, len, "blob " + id);
        if ((flags & FLAG_ZSTD) == 0) {
            if (payload.length != rawLength) {
                throw new DamagedException("blob " + id + " holds " + payload.length + " bytes, not " + rawLength);
            }
            return payload;
        }
        byte[] out = new byte[rawLength];
        int n;
        try {
            n = decompressor().decompressByteArray(out, 0, rawLength, payload, 0, payload.length);
        } catch (ZstdException e) {
            throw new DamagedException("blob " + id + " does not decompress: " + e.getMessage(), e);
        }
        if (n != rawLength) {
            throw new DamagedException("blob " + id + " decompresses to " + n + " bytes, not " + rawLength);
        }
        return out;
    }

    /** Seals a file's content (index, snapshot, pack trailer): {@code flags | nonce | ciphertext+tag}. */
    public byte[] seal(String label, byte[] plain, boolean compress) {
        int clen = compress ? compress(plain, 0, plain.length) : -1;
        boolean compressed = clen >= 0 && clen < plain.length;
        int flags = compressed ? FLAG_ZSTD : 0;
        int len = compressed ? clen : plain.length;
        byte[] out = new byte[len + OVERHEAD];
        encrypt(flags, envelopeAad(label, flags), compressed ? scratch : plain, 0, len, out);
        return out;
    }

    /** Opens what {@link #seal} sealed with the same label. @throws DamagedException when it does not open */
    public byte[] open(String label, byte[] sealed) throws DamagedException {
        return open(label, sealed, 0, sealed.length);
    }

    /** {@link #open(String, byte[])} of a slice. */
    public byte[] open(String label, byte[] sealed, int off, int len) throws DamagedException {
        if (len < OVERHEAD) {
            throw new DamagedException(label + " is too short");
        }
        int flags = sealed[off] & 0xff;
        if ((flags & ~FLAG_ZSTD) != 0) {
            throw new DamagedException(label + " has unknown flags " + flags);
        }
        byte[] payload = decrypt(envelopeAad(label, flags), sealed, off, len, label);
        if ((flags & FLAG_ZSTD) == 0) {
            return payload;
        }
        long size = Zstd.getFrameContentSize(payload, 0, payload.length);
        if (size < 0 || size > MAX_ENVELOPE) {
            throw new DamagedException(label + " does not say its size");
        }
        byte[] out = new byte[(int) size];
        try {
            int n = decompressor().decompressByteArray(out, 0, out.length, payload, 0, payload.length);
            if (n != out.length) {
                throw new DamagedException(label + " decompresses to " + n + " bytes, not " + size);
            }
        } catch (ZstdException e) {
            throw new DamagedException(label + " does not decompress: " + e.getMessage(), e);
        }
        return out;
    }

    private void blobAad(BlobType type, int flags, BlobId id) {
        blobAad[0] = (byte) type.code();
        blobAad[1] = (byte) flags;
        id.copyTo(blobAad, 2);
    }

    private static byte[] envelopeAad(String label, int flags) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        byte[] aad = Arrays.copyOf(l, l.length + 1);
        aad[l.length] = (byte) flags;
        return aad;
    }

    /** Compresses into {@link #scratch}; the compressed length, or -1 when zstd fails. */
    private int compress(byte[] data, int off, int len) {
        int bound = (int) Math.min(Integer.MAX_VALUE - 64, Zstd.compressBound(len));
        if (scratch.length < bound) {
            scratch = new byte[bound];
        }
        if (compressor == null) {
            compressor = new ZstdCompressCtx();
            compressor.setLevel(level);
            compressor.setContentSize(true);
            compressor.setChecksum(false);
        }
        try {
            return compressor.compressByteArray(scratch, 0, scratch.length, data, off, len);
        } catch (ZstdException e) {
            return -1;
        }
    }

    private ZstdDecompressCtx decompressor() {
        if (decompressor == null) {
            decompressor = new ZstdDecompressCtx();
        }
        return decompressor;
    }

    /** Encrypts into {@code out} (room for {@code len + OVERHEAD}); returns the bytes written. */
    private int encrypt(int flags, byte[] aad, byte[] payload, int off, int len, byte[] out) {
        random.nextBytes(nonce);
        out[0] = (byte) flags;
        System.arraycopy(nonce, 0, out, 1, NONCE);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, keys.dataKey(), new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(aad);
            int n = 0;
            for (int done = 0; done < len; done += SLICE) {
                n += cipher.update(payload, off + done, Math.min(SLICE, len - done), out, 1 + NONCE + n);
            }
            n += cipher.doFinal(out, 1 + NONCE + n);
            if (n != len + TAG) {
                throw new IllegalStateException("AES-GCM wrote " + n + " bytes, not " + (len + TAG));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        return 1 + NONCE + len + TAG;
    }

    private byte[] decrypt(byte[] aad, byte[] in, int off, int len, String what) throws DamagedException {
        int cipherLength = len - 1 - NONCE;
        try {
            cipher.init(Cipher.DECRYPT_MODE, keys.dataKey(), new GCMParameterSpec(TAG * 8, in, off + 1, NONCE));
            cipher.updateAAD(aad);
            if (cipherLength > DIRECT_LIMIT) {
                return cipher.doFinal(in, off + 1 + NONCE, cipherLength);
            }
            ByteBuffer src = directIn(cipherLength);
            src.put(in, off + 1 + NONCE, cipherLength).flip();
            ByteBuffer dst = directOut(cipherLength);
            int n = cipher.doFinal(src, dst);
            byte[] plain = new byte[n];
            dst.flip().get(plain);
            return plain;
        } catch (AEADBadTagException e) {
            throw new DamagedException(what + " fails authentication (damaged or tampered)");
        } catch (GeneralSecurityException e) {
            throw new DamagedException(what + " cannot be decrypted: " + e.getMessage(), e);
        }
    }

    /** The cleared input buffer of the cipher, with room for {@code size} bytes. */
    private ByteBuffer directIn(int size) {
        if (directIn.capacity() < size) {
            directIn = ByteBuffer.allocateDirect(size);
        }
        return directIn.clear();
    }

    /** The cleared output buffer of the cipher, with room for {@code size} bytes. */
    private ByteBuffer directOut(int size) {
        if (directOut.capacity() < size) {
            directOut = ByteBuffer.allocateDirect(size);
        }
        return directOut.clear();
    }

    @Override
    public void close() {
        if (compressor != null) {
            compressor.close();
            compressor = null;
        }
        if (decompressor != null) {
            decompressor.close();
            decompressor = null;
        }
    }
}
