package org.seedbench.crypto.portable;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens the segments of one file with AES-256-GCM under the file's key. Each stored segment is
 * {@code nonce || cipher text || tag}; its index, whether it is the last one, the file header and the file's
 * path are its associated data, so a segment moved to another place, another file or the end of a cut-short
 * file does not authenticate.
 *
 * <p>Nonces are stored, not derived from the index: a resumed file re-writes segments under the same file key,
 * and a nonce repeated with other bytes would break GCM. A writer's nonces are 8 random bytes drawn when it
 * starts, then a 4-byte counter, so they never repeat under one key (new random bytes every 2^32 segments).
 */
final class SegmentCipher {
    /** Segments sealed and opened by {@link #warmUp()}: enough calls for the JIT to compile GCM's callers. */
    static final int WARM_UP_SEGMENTS = 24_000;
    private static final AtomicBoolean WARMING = new AtomicBoolean();
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] aad;
    private final SecureRandom random;
    private final byte[] nonce = new byte[PortableFormat.NONCE_LENGTH];
    private long counter = -1;

    SegmentCipher(byte[] fileKey, byte[] header, String path, SecureRandom random) throws GeneralSecurityException {
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        this.key = new SecretKeySpec(fileKey, "AES");
        Arrays.fill(fileKey, (byte) 0);
        this.aad = PortableFormat.associatedData(header, path);
        this.random = random;
    }

    /**
     * Seals {@code len} plain bytes as segment {@code index} into {@code out} at {@code outOff}, which has room
     * for {@code len + SEGMENT_OVERHEAD} bytes; returns that length.
     */
    int seal(long index, boolean last, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws GeneralSecurityException {
        nextNonce();
        System.arraycopy(nonce, 0, out, outOff, nonce.length);
        PortableFormat.segment(aad, index, last);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(PortableFormat.TAG_LENGTH * 8, nonce));
        cipher.updateAAD(aad);
        return nonce.length + cipher.doFinal(in, inOff, len, out, outOff + nonce.length);
    }

    /**
     * Opens the stored segment {@code index} of {@code storedLen} bytes into {@code out}; returns its plain length.
     *
     * @throws AEADBadTagException when the segment was changed, moved, or is not the last one it claims to be
     */
    int open(long index, boolean last, byte[] in, int inOff, int storedLen, byte[] out, int outOff)
            throws GeneralSecurityException {
        if (storedLen < PortableFormat.SEGMENT_OVERHEAD) {
            throw new AEADBadTagException("segment shorter than its nonce and tag");
        }
        PortableFormat.segment(aad, index, last);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(PortableFormat.TAG_LENGTH * 8, in, inOff,
                PortableFormat.NONCE_LENGTH));
        cipher.updateAAD(aad);
        return cipher.doFinal(in, inOff + PortableFormat.NONCE_LENGTH, storedLen - PortableFormat.NONCE_LENGTH, out,
                outOff);
    }

    /**
     * Starts {@link #warmUp()} on a daemon thread, once per Java runtime; the first drive to be prepared or
     * unlocked calls it, so it runs while the drives are formatted and unlocked (PBKDF2 on another thread).
     */
    static void warmUpInBackground() {
        if (WARMING.compareAndSet(false, true)) {
            Thread t = new Thread(SegmentCipher::warmUp, "seedbench-aes-gcm-warm-up");
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * Seals and opens {@value #WARM_UP_SEGMENTS} small and full segments under a throwaway random key. Java
     * computes GHASH and AES-CTR with the processor's instructions only once the JIT has compiled their callers,
     * after thousands of calls; until then GCM runs an order of magnitude slower, which cost the first few hundred
     * MB of every prepare-drives run (tens of seconds on a busy two-core machine). This costs about 70 MB of
     * that slow GCM, off the copy thread.
     */
    static void warmUp() {
        try {
            SecureRandom random = new SecureRandom();
            byte[] key = new byte[32];
            random.nextBytes(key);
            byte[] header = new byte[PortableFormat.HEADER_LENGTH];
            SegmentCipher sealer = new SegmentCipher(key.clone(), header, "warm-up", random);
            SegmentCipher opener = new SegmentCipher(key, header, "warm-up", random);
            byte[] plain = new byte[PortableFormat.SEGMENT_SIZE];
            byte[] stored = new byte[PortableFormat.STORED_SEGMENT];
            for (int i = 0; i < WARM_UP_SEGMENTS; i++) {
                int length = i % 32 == 0 ? PortableFormat.SEGMENT_SIZE : 1024;
                boolean last = i % 2 == 1;
                int n = sealer.seal(i, last, plain, 0, length, stored, 0);
                opener.open(i, last, stored, 0, n, plain, 0);
            }
        } catch (GeneralSecurityException e) {
            // nothing to warm up: encrypting a file reports that AES-GCM is missing
        }
    }

    private void nextNonce() {
        counter++;
        if ((counter & 0xffff_ffffL) == 0) {
            random.nextBytes(nonce);
        }
        int c = (int) counter;
        nonce[8] = (byte) (c >>> 24);
        nonce[9] = (byte) (c >>> 16);
        nonce[10] = (byte) (c >>> 8);
        nonce[11] = (byte) c;
    }
}
