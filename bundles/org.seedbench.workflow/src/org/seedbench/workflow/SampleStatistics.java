package org.seedbench.workflow;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.seedbench.backup.SampleEncoding.SampledChunk;

/**
 * Turns the chunks sampled from a job's files into an estimate of what staging them stores. Small files are
 * sampled whole (a ratio estimate over all small files). Large files are drawn with probability in proportion to
 * their size and sampled by windows, each file estimated on its own: its compression from the chunks sampled, its
 * deduplication from the chunk ids that repeat within its sample (Chao1's bias-corrected estimate of the distinct
 * chunks, Chao 1987), chunks another file's sample already held counted once; the large files' total is then their
 * bytes times the mean stored share of the draws (Hansen and Hurwitz, 1943).
 */
final class SampleStatistics {
    private final Set<String> seen = new HashSet<>();
    private long smallRaw;
    private long smallStored;
    private double largeShares;
    private long largeDraws;

    /** A small file read whole. */
    void smallFile(List<SampledChunk> chunks) {
        for (SampledChunk c : chunks) {
            smallRaw += c.rawLength();
            if (seen.add(c.id())) {
                smallStored += c.storedLength();
            }
        }
    }

    /**
     * The kept chunks of the windows sampled from a large file of {@code size} bytes, drawn {@code draws} times
     * (with probability in proportion to its size); its estimated stored share of its size is counted once a draw.
     */
    void largeFile(long size, List<SampledChunk> chunks, int draws) {
        if (chunks.isEmpty()) {
            return;
        }
        Map<String, int[]> counts = new HashMap<>();
        Map<String, Integer> stored = new HashMap<>();
        long raw = 0;
        long known = 0;
        for (SampledChunk c : chunks) {
            raw += c.rawLength();
            if (seen.contains(c.id()) && !counts.containsKey(c.id())) {
                known++;
                continue;
            }
            counts.computeIfAbsent(c.id(), k -> new int[1])[0]++;
            stored.put(c.id(), c.storedLength());
        }
        int m = chunks.size();
        double chunksInFile = (double) size * m / raw;
        double estimate = 0;
        if (!counts.isEmpty()) {
            int d = counts.size();
            long f1 = counts.values().stream().filter(n -> n[0] == 1).count();
            long f2 = counts.values().stream().filter(n -> n[0] == 2).count();
            double meanStored = stored.values().stream().mapToLong(Integer::longValue).sum() / (double) d;
            double newShare = (double) (m - known) / m;
            double distinct;
            if (d == m - known) {
                distinct = chunksInFile * newShare;
            } else {
                double unseen = (double) f1 * (f1 - 1) / (2.0 * (f2 + 1)) * Math.max(0, 1 - m / chunksInFile);
                distinct = Math.min(chunksInFile * newShare, d + unseen);
            }
            estimate = distinct * meanStored;
        }
        seen.addAll(counts.keySet());
        largeShares += draws * (estimate / size);
        largeDraws += draws;
    }

    /**
     * The estimated bytes stored for all the files.
     *
     * @param smallBytes bytes of every small file (sampled or not)
     * @param largeBytes bytes of every large file
     */
    long stored(long smallBytes, long largeBytes) {
        double small = smallRaw == 0 ? smallBytes : (double) smallBytes * smallStored / smallRaw;
        double large = largeDraws == 0 ? largeBytes : largeBytes * (largeShares / largeDraws);
        return Math.round(small + large);
    }
}
