package org.seedbench.backup.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.seedbench.backup.internal.DaemonThreads;

/**
 * Brings the JDK's AES-GCM to its compiled form, with the AES-NI and carry-less multiply intrinsics, before a
 * backup's first chunk reaches it. The JIT compiles the cipher's methods after so many calls; fed megabyte blobs in
 * {@link BlobCodec}'s slices, it gets there only after some hundred megabytes, which the interpreter encrypts (its
 * GHASH in plain Java) some fifty times slower: seconds of every core at the start of each run. Tiny messages reach
 * the same number of calls in a tenth of a second. Uses a throwaway random key: nothing of the repository's.
 */
public final class CipherWarmUp {
    private static final int MESSAGES = 20_000;
    private static final int SLICE = 256;

    private CipherWarmUp() {
    }

    /** Starts the warm-up on a daemon thread of its own and returns at once. */
    public static void start() {
        DaemonThreads.named("seedbench-cipher-warm-up").newThread(CipherWarmUp::run).start();
    }

    /** Encrypts {@link #MESSAGES} short messages, each in two update calls and a final one. */
    static void run() {
        try {
            byte[] key = new byte[32];
            byte[] nonce = new byte[BlobCodec.NONCE];
            SecureRandom random = new SecureRandom();
            random.nextBytes(key);
            random.nextBytes(nonce);
            SecretKeySpec spec = new SecretKeySpec(key, "AES");
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] plain = new byte[2 * SLICE];
            byte[] out = new byte[2 * SLICE + BlobCodec.TAG];
            for (int i = 0; i < MESSAGES; i++) {
                // a fresh nonce for each message, as GCM requires of one key
                nonce[0] = (byte) i;
                nonce[1] = (byte) (i >>> 8);
                nonce[2] = (byte) (i >>> 16);
                cipher.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(BlobCodec.TAG * 8, nonce));
                int n = cipher.update(plain, 0, SLICE, out, 0);
                n += cipher.update(plain, SLICE, SLICE, out, n);
                cipher.doFinal(out, n);
            }
        } catch (GeneralSecurityException e) {
            // the run's own codec reports a cipher that does not work; a warm-up has nothing to add
        }
    }
}
