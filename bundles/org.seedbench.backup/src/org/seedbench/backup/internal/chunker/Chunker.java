package org.seedbench.backup.internal.chunker;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.seedbench.backup.internal.crypto.BlobCodec;

/**
 * Content-defined chunking, FastCDC style (FORMAT.md, "Chunking"): a 64-bit gear rolling hash
 * {@code h = (h << 1) + gear[byte]}, no cut before {@code min} bytes, a stricter mask (2 more bits) up to
 * {@code average} bytes and a looser one (2 fewer bits) after, and a forced cut at {@code max}. The gear
 * table is derived from the repository's id key, so cut points reveal nothing about the content.
 *
 * <p>Long runs of zero bytes (sparse files, disk images) are skipped at memory speed: after 64 zero bytes
 * the hash reaches the fixed point {@code -gear[0]} and stays there, so when that value is no cut the
 * rest of the run cannot hold one either. Cut points are exactly those of the plain byte-by-byte loop.
 */
public final class Chunker {
    private static final int ZERO_BLOCK = 4096;

    private final long[] gear;
    private final int min;
    private final int average;
    private final int max;
    private final long maskSmall;
    private final long maskLarge;
    private final long zeroFixedPoint;
    private final byte[] zeros = new byte[ZERO_BLOCK];

    public Chunker(long[] gear, int min, int average, int max) {
        if (gear.length != 256) {
            throw new IllegalArgumentException("the gear table has 256 entries");
        }
        this.gear = gear.clone();
        this.min = min;
        this.average = average;
        this.max = max;
        int bits = Integer.numberOfTrailingZeros(average);
        this.maskSmall = topBits(bits + 2);
        this.maskLarge = topBits(Math.max(1, bits - 2));
        this.zeroFixedPoint = -gear[0];
    }

    /**
     * The gear table of a repository: for k = 0..63, HMAC-SHA-256(id key, "seedbench:gear:v1" || k) gives
     * entries 4k..4k+3 as four big-endian 64-bit words.
     */
    public static long[] gearTable(BlobCodec codec) {
        long[] table = new long[256];
        byte[] label = "seedbench:gear:v1".getBytes(StandardCharsets.US_ASCII);
        byte[] input = Arrays.copyOf(label, label.length + 1);
        for (int k = 0; k < 64; k++) {
            input[label.length] = (byte) k;
            byte[] h = codec.hmac(input);
            for (int j = 0; j < 4; j++) {
                long v = 0;
                for (int b = 0; b < 8; b++) {
                    v = (v << 8) | (h[j * 8 + b] & 0xff);
                }
                table[4 * k + j] = v;
            }
        }
        return table;
    }

    private static long topBits(int n) {
        return n >= 64 ? -1L : ~(-1L >>> n);
    }

    public int max() {
        return max;
    }

    /**
     * The length of the chunk that starts at {@code off}.
     *
     * @param len the bytes available from {@code off}: at least {@link #max()} unless the stream ends
     *            there
     */
    public int next(byte[] b, int off, int len) {
        if (len <= min) {
            return len;
        }
        int end = off + Math.min(len, max);
        int barrier = off + Math.min(len, average);
        long mask = maskSmall;
        long h = 0;
        int i = off + min;
        long[] g = gear;
        while (true) {
            if (i >= barrier) {
                if (barrier == end) {
                    return end - off;
                }
                barrier = end;
                mask = maskLarge;
                continue;
            }
            h = (h << 1) + g[b[i] & 0xff];
            if ((h & mask) == 0) {
                return i + 1 - off;
            }
            i++;
            if (h == zeroFixedPoint) {
                i = zeroRunEnd(b, i, barrier);
            }
        }
    }

    /** The first index from {@code from} (below {@code limit}) that holds a non-zero byte, else {@code limit}. */
    private int zeroRunEnd(byte[] b, int from, int limit) {
        int i = from;
        while (i < limit) {
            int n = Math.min(ZERO_BLOCK, limit - i);
            int m = Arrays.mismatch(b, i, i + n, zeros, 0, n);
            if (m >= 0) {
                return i + m;
            }
            i += n;
        }
        return limit;
    }

    /** Whether {@code len} bytes from {@code off} are all zero. */
    public boolean allZero(byte[] b, int off, int len) {
        return zeroRunEnd(b, off, off + len) == off + len;
    }
}
