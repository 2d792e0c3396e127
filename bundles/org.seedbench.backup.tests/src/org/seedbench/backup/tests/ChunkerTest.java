package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.seedbench.backup.internal.chunker.Chunker;

/** Content-defined chunking: bounded sizes, cut points that follow content, and fast zero runs. */
class ChunkerTest {
    private static final int MIN = 16 * 1024;
    private static final int AVG = 64 * 1024;
    private static final int MAX = 256 * 1024;

    private static long[] gear(long seed) {
        long[] g = new long[256];
        Random r = new Random(seed);
        for (int i = 0; i < g.length; i++) {
            g[i] = r.nextLong();
        }
        return g;
    }

    private static List<Integer> cuts(Chunker c, byte[] data) {
        List<Integer> lengths = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            int len = c.next(data, pos, Math.min(data.length - pos, c.max()));
            lengths.add(len);
            pos += len;
        }
        return lengths;
    }

    /** The plain FastCDC loop, byte by byte, as FORMAT.md describes it. */
    private static List<Integer> referenceCuts(long[] gear, byte[] data) {
        long maskSmall = ~(-1L >>> 18);
        long maskLarge = ~(-1L >>> 14);
        List<Integer> lengths = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            int len = Math.min(data.length - pos, MAX);
            int cut = len;
            if (len > MIN) {
                long h = 0;
                for (int i = MIN; i < len; i++) {
                    h = (h << 1) + gear[data[pos + i] & 0xff];
                    if ((h & (i < AVG ? maskSmall : maskLarge)) == 0) {
                        cut = i + 1;
                        break;
                    }
                }
            }
            lengths.add(cut);
            pos += cut;
        }
        return lengths;
    }

    @Test
    void cutPointsAreThoseOfTheReferenceLoopAlsoAcrossZeroRuns() {
        long[] gear = gear(7);
        byte[] data = new byte[8 << 20];
        new Random(1).nextBytes(data);
        java.util.Arrays.fill(data, 1 << 20, 3 << 20, (byte) 0);
        java.util.Arrays.fill(data, (5 << 20) + 100, (5 << 20) + 170, (byte) 0);
        java.util.Arrays.fill(data, 6 << 20, (6 << 20) + 40_000, (byte) 0);
        assertEquals(referenceCuts(gear, data), cuts(new Chunker(gear, MIN, AVG, MAX), data));
    }

    @Test
    void chunksStayWithinTheirBoundsAndAverageNearTheTarget() {
        byte[] data = new byte[32 << 20];
        new Random(2).nextBytes(data);
        List<Integer> lengths = cuts(new Chunker(gear(3), MIN, AVG, MAX), data);
        for (int i = 0; i < lengths.size() - 1; i++) {
            assertTrue(lengths.get(i) >= MIN && lengths.get(i) <= MAX, "chunk " + i + ": " + lengths.get(i));
        }
        double mean = (double) data.length / lengths.size();
        assertTrue(mean > AVG * 0.7 && mean < AVG * 1.6, "mean chunk " + mean);
    }

    @Test
    void insertingBytesAtTheStartKeepsMostChunks() {
        Chunker c = new Chunker(gear(4), MIN, AVG, MAX);
        byte[] data = new byte[8 << 20];
        new Random(5).nextBytes(data);
        byte[] shifted = new byte[data.length + 100];
        System.arraycopy(data, 0, shifted, 100, data.length);
        Set<String> before = chunkSet(data, cuts(c, data));
        Set<String> after = chunkSet(shifted, cuts(c, shifted));
        after.retainAll(before);
        assertTrue(after.size() >= before.size() - 3, after.size() + " of " + before.size() + " chunks kept");
    }

    private static Set<String> chunkSet(byte[] data, List<Integer> lengths) {
        Set<String> set = new HashSet<>();
        int pos = 0;
        for (int len : lengths) {
            set.add(java.util.Arrays.hashCode(java.util.Arrays.copyOfRange(data, pos, pos + len)) + "/" + len);
            pos += len;
        }
        return set;
    }
}
