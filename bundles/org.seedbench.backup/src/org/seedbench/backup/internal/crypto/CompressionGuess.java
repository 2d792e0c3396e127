package org.seedbench.backup.internal.crypto;

/**
 * A quick guess whether compressing a blob is worth trying: the order-0 entropy of a byte histogram over a sample
 * of the data (a few kilobytes spread over it). Random or already compressed or encrypted content (media, archives,
 * encrypted databases) reads as nearly 8 bits a byte, and zstd would spend as long on it as on text only to give it
 * back unshrunk; such blobs are stored as they are (FORMAT.md, "Blobs": flags 0). Text, logs, tables and sparse or
 * repetitive binaries read far lower and are compressed as before.
 */
public final class CompressionGuess {
    /** Blobs shorter than this are always tried: the sample would be the whole blob, and zstd is quick on it. */
    static final int MIN_LENGTH = 64 * 1024;
    private static final int PIECES = 32;
    private static final int PIECE = 512;
    /**
     * Entropy (bits a byte) from which a sample is called random. A random sample of 16 KiB measures about 7.99
     * (the estimate is biased low by 255 / (2 n ln 2)); at 7.9 bits an entropy coder would save at most 1.25 %.
     */
    private static final double RANDOM_BITS = 7.9;

    private CompressionGuess() {
    }

    /** Whether {@code len} bytes from {@code off} look incompressible, judged on a sample. */
    public static boolean looksRandom(byte[] data, int off, int len) {
        if (len < MIN_LENGTH) {
            return false;
        }
        int[] counts = new int[256];
        long stride = (long) (len - PIECE) / (PIECES - 1);
        for (int p = 0; p < PIECES; p++) {
            int start = off + (int) (p * stride);
            for (int i = start; i < start + PIECE; i++) {
                counts[data[i] & 0xff]++;
            }
        }
        return entropy(counts, PIECES * PIECE) >= RANDOM_BITS;
    }

    /** Shannon entropy in bits a symbol of a histogram of {@code total} samples. */
    private static double entropy(int[] counts, int total) {
        double sum = 0;
        for (int c : counts) {
            if (c > 0) {
                sum += c * Math.log(c);
            }
        }
        return (Math.log(total) - sum / total) / Math.log(2);
    }
}
