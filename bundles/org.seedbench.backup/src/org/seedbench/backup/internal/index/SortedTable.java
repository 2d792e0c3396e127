package org.seedbench.backup.internal.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * An immutable table of index records in a local temporary file, sorted by (blob id, type, pack number), read
 * with positioned reads. In memory it keeps only where each bucket of ids starts (one int per 32 records) and a
 * Bloom filter (10 bits a record, at most 32 MiB), so that looking up a blob the table does not hold rarely
 * touches the file.
 *
 * <p>A record is 7 longs (56 bytes, big-endian in the file): the id's four words, {@code type << 32 | pack},
 * the offset, {@code length << 32 | rawLength}. The file is deleted when the table is closed (on Unix as soon as
 * it is opened, so that a killed process leaves nothing behind).
 */
final class SortedTable implements AutoCloseable {
    static final int WORDS = 7;
    static final int RECORD = WORDS * Long.BYTES;
    private static final int BLOOM_HASHES = 7;
    private static final long MAX_BLOOM_BITS = 32L * 8 * 1024 * 1024;

    private final FileChannel file;
    private final long count;
    private final int bits;
    private final int[] starts;
    private final long[] bloom;
    private final long bloomBits;

    private SortedTable(FileChannel file, long count, int bits, int[] starts, long[] bloom) {
        this.file = file;
        this.count = count;
        this.bits = bits;
        this.starts = starts;
        this.bloom = bloom;
        this.bloomBits = bloom == null ? 0 : bloom.length * 64L;
    }

    long count() {
        return count;
    }

    /** Compares records {@code a[i..]} and {@code b[j..]} by id, type and pack number (unsigned words). */
    static int compare(long[] a, int i, long[] b, int j) {
        for (int w = 0; w < 5; w++) {
            int c = Long.compareUnsigned(a[i + w], b[j + w]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Whether the records hold the same blob (id and type). */
    static boolean sameBlob(long[] a, int i, long[] b, int j) {
        return a[i] == b[j] && a[i + 1] == b[j + 1] && a[i + 2] == b[j + 2] && a[i + 3] == b[j + 3]
                && (a[i + 4] >>> 32) == (b[j + 4] >>> 32);
    }

    static int pack(long[] r, int i) {
        return (int) r[i + 4];
    }

    /** The record of the blob, or {@code null}. */
    long[] find(long w0, long w1, long w2, long w3, int type) throws IOException {
        if (count == 0 || (bloom != null && !mightContain(w1, w2, type))) {
            return null;
        }
        int bucket = (int) (w0 >>> (64 - bits));
        long lo = Integer.toUnsignedLong(starts[bucket]);
        long hi = Integer.toUnsignedLong(starts[bucket + 1]);
        long[] key = { w0, w1, w2, w3, (long) type << 32 };
        while (hi > lo) {
            long n = Math.min(hi - lo, 512);
            long from = hi - lo > 512 ? lo + (hi - lo) / 2 - n / 2 : lo;
            long[] r = read(from, (int) n);
            for (int k = 0; k < n; k++) {
                if (sameBlob(r, k * WORDS, key, 0)) {
                    long[] found = new long[WORDS];
                    System.arraycopy(r, k * WORDS, found, 0, WORDS);
                    return found;
                }
            }
            if (n == hi - lo) {
                return null;
            }
            if (compare(key, 0, r, 0) < 0) {
                hi = from;
            } else if (compare(key, 0, r, (int) (n - 1) * WORDS) > 0) {
                lo = from + n;
            } else {
                return null;
            }
        }
        return null;
    }

    private long[] read(long from, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n * RECORD);
        long position = from * RECORD;
        while (buf.hasRemaining()) {
            if (file.read(buf, position + buf.position()) < 0) {
                throw new IOException("the local index table ends early");
            }
        }
        buf.flip();
        long[] r = new long[n * WORDS];
        buf.asLongBuffer().get(r);
        return r;
    }

    private boolean mightContain(long h1, long h2, int type) {
        long h = h1 ^ (type * 0x9E3779B97F4A7C15L);
        for (int k = 0; k < BLOOM_HASHES; k++) {
            long bit = Long.remainderUnsigned(h + k * (h2 | 1), bloomBits);
            if ((bloom[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    private static void addToBloom(long[] bloom, long h1, long h2, int type) {
        long bloomBits = bloom.length * 64L;
        long h = h1 ^ (type * 0x9E3779B97F4A7C15L);
        for (int k = 0; k < BLOOM_HASHES; k++) {
            long bit = Long.remainderUnsigned(h + k * (h2 | 1), bloomBits);
            bloom[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    /** Reads the records in order, a block at a time. */
    Cursor cursor() {
        return new Cursor();
    }

    final class Cursor {
        private long next;
        private long[] block = new long[0];
        private int at;
        final long[] record = new long[WORDS];

        /** Moves to the next record ({@link #record}); {@code false} at the end. */
        boolean advance() throws IOException {
            if (at * WORDS >= block.length) {
                if (next >= count) {
                    return false;
                }
                int n = (int) Math.min(count - next, 1024);
                block = read(next, n);
                next += n;
                at = 0;
            }
            System.arraycopy(block, at * WORDS, record, 0, WORDS);
            at++;
            return true;
        }
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes records in sorted order into a new table.
     *
     * @param filtered whether the table gets a Bloom filter and bucket starts (tables that are only merged
     *                 later need neither)
     */
    static Writer writer(Path folder, long expected, boolean filtered) throws IOException {
        return new Writer(folder, expected, filtered);
    }

    static final class Writer {
        private final FileChannel file;
        private final ByteBuffer buffer = ByteBuffer.allocate(1024 * RECORD);
        private final int bits;
        private final int[] starts;
        private final long[] bloom;
        private long count;

        private Writer(Path folder, long expected, boolean filtered) throws IOException {
            Files.createDirectories(folder);
            Path path = Files.createTempFile(folder, "seedbench-index-", ".tmp");
            file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            bits = filtered ? Math.max(1, Math.min(22, 64 - Long.numberOfLeadingZeros(expected / 32))) : 1;
            starts = new int[(1 << bits) + 1];
            long bloomBits = Math.min(MAX_BLOOM_BITS, Math.max(64, expected * 10));
            bloom = filtered ? new long[(int) ((bloomBits + 63) / 64)] : null;
        }

        void add(long[] r, int i) throws IOException {
            if (!buffer.hasRemaining()) {
                flush();
            }
            for (int w = 0; w < WORDS; w++) {
                buffer.putLong(r[i + w]);
            }
            if (bloom != null) {
                addToBloom(bloom, r[i + 1], r[i + 2], (int) (r[i + 4] >>> 32));
            }
            starts[(int) (r[i] >>> (64 - bits)) + 1]++;
            count++;
        }

        private void flush() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
            buffer.clear();
        }

        SortedTable finish() throws IOException {
            flush();
            for (int b = 1; b < starts.length; b++) {
                starts[b] += starts[b - 1];
            }
            return new SortedTable(file, count, bits, starts, bloom);
        }
    }

    /**
     * Sorts {@code n} records of the array in place (by {@link #compare}): a primitive sort of the ids' first
     * words with the record's number in their low bits, then the few records whose first words tie in the bits
     * kept are put in order one by one.
     */
    static void sort(long[] records, int n) {
        int shift = 32 - Integer.numberOfLeadingZeros(Math.max(1, n));
        long low = (1L << shift) - 1;
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = ((records[i * WORDS] & ~low) | i) ^ Long.MIN_VALUE;
        }
        java.util.Arrays.sort(order);
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = (int) (order[i] & low);
        }
        for (int i = 0; i < n;) {
            int j = i + 1;
            while (j < n && (order[j] & ~low) == (order[i] & ~low)) {
                j++;
            }
            for (int k = i + 1; k < j; k++) {
                int r = index[k];
                int m = k - 1;
                while (m >= i && compare(records, index[m] * WORDS, records, r * WORDS) > 0) {
                    index[m + 1] = index[m];
                    m--;
                }
                index[m + 1] = r;
            }
            i = j;
        }
        long[] copy = new long[n * WORDS];
        for (int i = 0; i < n; i++) {
            System.arraycopy(records, index[i] * WORDS, copy, i * WORDS, WORDS);
        }
        System.arraycopy(copy, 0, records, 0, n * WORDS);
    }

    /**
     * Merges tables into one (filtered) table, keeping one record per blob: the first of a pack {@code preferred}
     * accepts, else the first whose pack {@code kept} accepts (the lowest pack number; records of packs neither
     * accepts are dropped). Closes the tables merged.
     */
    static SortedTable merge(Path folder, List<SortedTable> tables, IntPredicate preferred, IntPredicate kept)
            throws IOException {
        long expected = 0;
        Cursor[] heap = new Cursor[tables.size()];
        int n = 0;
        for (SortedTable t : tables) {
            expected += t.count;
            Cursor c = t.cursor();
            if (c.advance()) {
                heap[n++] = c;
            }
        }
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(heap, n, i);
        }
        Writer out = writer(folder, expected, true);
        long[] chosen = new long[WORDS];
        boolean haveChosen = false;
        boolean chosenPreferred = false;
        while (n > 0) {
            Cursor c = heap[0];
            long[] r = c.record;
            if (haveChosen && !sameBlob(chosen, 0, r, 0)) {
                out.add(chosen, 0);
                haveChosen = false;
            }
            int pack = pack(r, 0);
            if (!haveChosen && kept.test(pack)) {
                System.arraycopy(r, 0, chosen, 0, WORDS);
                haveChosen = true;
                chosenPreferred = preferred.test(pack);
            } else if (haveChosen && !chosenPreferred && preferred.test(pack)) {
                System.arraycopy(r, 0, chosen, 0, WORDS);
                chosenPreferred = true;
            }
            if (!c.advance()) {
                heap[0] = heap[--n];
            }
            siftDown(heap, n, 0);
        }
        if (haveChosen) {
            out.add(chosen, 0);
        }
        for (SortedTable t : new ArrayList<>(tables)) {
            t.close();
        }
        return out.finish();
    }

    /** Restores the heap order below {@code i} (the smallest record at the top). */
    private static void siftDown(Cursor[] heap, int n, int i) {
        while (true) {
            int smallest = i;
            for (int child = 2 * i + 1; child <= 2 * i + 2 && child < n; child++) {
                if (compare(heap[child].record, 0, heap[smallest].record, 0) < 0) {
                    smallest = child;
                }
            }
            if (smallest == i) {
                return;
            }
            Cursor c = heap[i];
            heap[i] = heap[smallest];
            heap[smallest] = c;
            i = smallest;
        }
    }
}
