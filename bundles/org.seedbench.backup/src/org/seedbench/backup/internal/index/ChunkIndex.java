package org.seedbench.backup.internal.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.pack.PackEntry;

/**
 * Where each blob is: (type, id) to pack, offset, length and plaintext length. A backup also claims blobs here
 * before they are stored, so two threads never store the same blob. Thread-safe.
 *
 * <p>Its memory does not grow with the repository: the blobs live in sorted tables in local temporary files
 * ({@link SortedTable}: about 1.4 bytes of memory a blob for a Bloom filter and bucket starts, 56 bytes of disk),
 * and only the blobs claimed or added since the last spill (at most {@code memoryLimit} stored ones) are in an
 * in-memory hash table. The repository's index files stay the truth: the tables are built from them each time
 * the repository's index is loaded ({@link Loader}) and deleted when the index is closed or the process ends.
 */
public final class ChunkIndex implements AutoCloseable {
    /** Blobs stored since the last spill that the in-memory table holds before they are written to a table. */
    static final int MEMORY_LIMIT = 1 << 17;
    /** Tables kept before the newer ones are merged into one. */
    static final int MAX_TABLES = 8;
    private static final int FREE = 0;
    private static final int CLAIMED = -1;

    private final Path folder;
    private final int memoryLimit;
    private final PackNames packNames;
    private final List<SortedTable> tables = new ArrayList<>();
    private long tableCount;
    private long[] keys;
    private int[] packs;
    private long[] offsets;
    private int[] lengths;
    private int[] raws;
    private byte[] types;
    private int size;
    private int stored;
    private int mask;

    /** An empty index whose tables go into the temporary folder ({@link #temporaryFolder()}). */
    public ChunkIndex() {
        this(temporaryFolder(), MEMORY_LIMIT);
    }

    /** An empty index whose tables go into {@code folder}, spilling after {@code memoryLimit} stored blobs. */
    public ChunkIndex(Path folder, int memoryLimit) {
        this(folder, memoryLimit, new PackNames());
    }

    private ChunkIndex(Path folder, int memoryLimit, PackNames packNames) {
        this.folder = folder;
        this.memoryLimit = memoryLimit;
        this.packNames = packNames;
        allocate(1024);
    }

    /**
     * Where the tables go: the folder of the system property {@code seedbench.index.dir}, else the JVM's
     * temporary folder.
     */
    public static Path temporaryFolder() {
        String dir = System.getProperty("seedbench.index.dir");
        return Path.of(dir != null && !dir.isBlank() ? dir : System.getProperty("java.io.tmpdir"));
    }

    /** Where a blob is. */
    public record Location(String pack, BlobType type, long offset, int length, int rawLength) {
    }

    private void allocate(int capacity) {
        keys = new long[capacity * 4];
        packs = new int[capacity];
        offsets = new long[capacity];
        lengths = new int[capacity];
        raws = new int[capacity];
        types = new byte[capacity];
        mask = capacity - 1;
        size = 0;
        stored = 0;
    }

    /** The in-memory slot holding (type, id), or the free slot where it would go (as {@code -slot - 1}). */
    private int slot(BlobType type, BlobId id) {
        long w0 = id.word(0);
        long w1 = id.word(1);
        long w2 = id.word(2);
        long w3 = id.word(3);
        int i = (int) (w0 ^ (w0 >>> 32) ^ type.code()) & mask;
        while (true) {
            if (packs[i] == FREE) {
                return -i - 1;
            }
            int k = i * 4;
            if (types[i] == type.code() && keys[k] == w0 && keys[k + 1] == w1 && keys[k + 2] == w2
                    && keys[k + 3] == w3) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private int insert(int free, BlobType type, BlobId id) {
        int i = -free - 1;
        int k = i * 4;
        keys[k] = id.word(0);
        keys[k + 1] = id.word(1);
        keys[k + 2] = id.word(2);
        keys[k + 3] = id.word(3);
        types[i] = (byte) type.code();
        size++;
        return i;
    }

    private void growIfNeeded() {
        if ((size + 1) * 4L < (mask + 1) * 3L) {
            return;
        }
        rehash((mask + 1) * 2, false);
    }

    /** Moves the in-memory entries into tables of the given capacity, leaving out stored ones if asked. */
    private void rehash(int capacity, boolean claimedOnly) {
        long[] oldKeys = keys;
        int[] oldPacks = packs;
        long[] oldOffsets = offsets;
        int[] oldLengths = lengths;
        int[] oldRaws = raws;
        byte[] oldTypes = types;
        allocate(capacity);
        for (int i = 0; i < oldPacks.length; i++) {
            if (oldPacks[i] != FREE && (!claimedOnly || oldPacks[i] == CLAIMED)) {
                int j = (int) (oldKeys[i * 4] ^ (oldKeys[i * 4] >>> 32) ^ oldTypes[i]) & mask;
                while (packs[j] != FREE) {
                    j = (j + 1) & mask;
                }
                System.arraycopy(oldKeys, i * 4, keys, j * 4, 4);
                packs[j] = oldPacks[i];
                offsets[j] = oldOffsets[i];
                lengths[j] = oldLengths[i];
                raws[j] = oldRaws[i];
                types[j] = oldTypes[i];
                size++;
                if (oldPacks[i] != CLAIMED) {
                    stored++;
                }
            }
        }
    }

    /** The table record of a blob, or {@code null} when no table holds it. */
    private long[] onDisk(BlobType type, BlobId id) {
        try {
            for (SortedTable t : tables) {
                long[] r = t.find(id.word(0), id.word(1), id.word(2), id.word(3), type.code());
                if (r != null) {
                    return r;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local index tables in " + folder, e);
        }
    }

    /** Whether the blob is stored or claimed. */
    public synchronized boolean contains(BlobType type, BlobId id) {
        return slot(type, id) >= 0 || onDisk(type, id) != null;
    }

    /** Where a stored blob is; {@code null} when it is not stored (or only claimed). */
    public synchronized Location find(BlobType type, BlobId id) {
        int s = slot(type, id);
        if (s >= 0) {
            return packs[s] == CLAIMED ? null
                    : new Location(packNames.name(packs[s] - 1), type, offsets[s], lengths[s], raws[s]);
        }
        long[] r = onDisk(type, id);
        if (r == null) {
            return null;
        }
        return new Location(packNames.name(SortedTable.pack(r, 0)), type, r[5], (int) (r[6] >>> 32), (int) r[6]);
    }

    /** Claims a blob for storing: {@code true} when it was neither stored nor claimed before. */
    public synchronized boolean claim(BlobType type, BlobId id) {
        int s = slot(type, id);
        if (s >= 0 || onDisk(type, id) != null) {
            return false;
        }
        growIfNeeded();
        int i = insert(slot(type, id), type, id);
        packs[i] = CLAIMED;
        return true;
    }

    /** Records a stored blob; a blob already located elsewhere keeps its first location. */
    public synchronized void add(String pack, PackEntry e) {
        int s = slot(e.type(), e.id());
        if (s >= 0 && packs[s] != CLAIMED) {
            return;
        }
        if (s < 0) {
            if (onDisk(e.type(), e.id()) != null) {
                return;
            }
            growIfNeeded();
            s = insert(slot(e.type(), e.id()), e.type(), e.id());
        }
        packs[s] = packNames.number(pack) + 1;
        offsets[s] = e.offset();
        lengths[s] = e.length();
        raws[s] = e.rawLength();
        stored++;
        if (stored >= memoryLimit) {
            spill();
        }
    }

    /** Records every blob of a pack. */
    public synchronized void addPack(String pack, List<PackEntry> entries) {
        packNames.number(pack);
        for (PackEntry e : entries) {
            add(pack, e);
        }
    }

    /** Whether any blob of the pack is in the index. */
    public synchronized boolean hasPack(String pack) {
        return packNames.contains(pack);
    }

    /** How many blobs are stored or claimed. */
    public synchronized int size() {
        return (int) Math.min(Integer.MAX_VALUE, size + tableCount);
    }

    /** Deletes the index's local tables; it must not be used afterwards. */
    @Override
    public synchronized void close() {
        tables.forEach(SortedTable::close);
        tables.clear();
        tableCount = 0;
        allocate(1024);
    }

    /** Writes the stored blobs of the in-memory table into a new table (merging tables when there are many). */
    private void spill() {
        long[] records = new long[stored * SortedTable.WORDS];
        int n = 0;
        for (int i = 0; i < packs.length; i++) {
            if (packs[i] != FREE && packs[i] != CLAIMED) {
                int at = n * SortedTable.WORDS;
                System.arraycopy(keys, i * 4, records, at, 4);
                records[at + 4] = (long) types[i] << 32 | (packs[i] - 1);
                records[at + 5] = offsets[i];
                records[at + 6] = (long) lengths[i] << 32 | Integer.toUnsignedLong(raws[i]);
                n++;
            }
        }
        SortedTable.sort(records, n);
        try {
            SortedTable.Writer out = SortedTable.writer(folder, n, true);
            for (int i = 0; i < n; i++) {
                out.add(records, i * SortedTable.WORDS);
            }
            tables.add(out.finish());
            tableCount += n;
            if (tables.size() > MAX_TABLES) {
                List<SortedTable> newer = new ArrayList<>(tables.subList(1, tables.size()));
                tables.subList(1, tables.size()).clear();
                tables.add(SortedTable.merge(folder, newer, p -> true, p -> true));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local index tables in " + folder, e);
        }
        rehash(mask + 1, true);
    }

    /** Starts loading a repository's index in bulk. */
    public static Loader loader() {
        return loader(temporaryFolder(), 1 << 19);
    }

    /** Starts loading in bulk into tables in {@code folder}, sorting runs of {@code runSize} blobs in memory. */
    public static Loader loader(Path folder, int runSize) {
        return new Loader(folder, runSize);
    }

    /**
     * Loads many blobs at once: they are sorted in runs of bounded size into temporary tables, merged into one
     * table at the end. Packs may be marked <em>missing</em> (named by an index file, absent from the storage):
     * a blob of a missing pack is located in a present pack whenever one holds it too, and the blobs of missing
     * packs can be left out altogether. Not thread-safe.
     */
    public static final class Loader {
        private final Path folder;
        private final PackNames packNames = new PackNames();
        private final List<SortedTable> runs = new ArrayList<>();
        private final java.util.BitSet missing = new java.util.BitSet();
        private final int runSize;
        /** Grows up to a run's size as blobs come: a small repository never takes a whole run's memory. */
        private long[] buffer;
        private int buffered;

        private Loader(Path folder, int runSize) {
            this.folder = folder;
            this.runSize = runSize;
            this.buffer = new long[Math.min(1024, runSize) * SortedTable.WORDS];
        }

        /** Adds every blob of a pack. */
        public void addPack(String pack, List<PackEntry> entries, boolean packMissing) throws IOException {
            int number = packNames.number(pack);
            if (packMissing) {
                missing.set(number);
            }
            for (PackEntry e : entries) {
                if (buffered * SortedTable.WORDS == buffer.length) {
                    if (buffered < runSize) {
                        buffer = java.util.Arrays.copyOf(buffer, Math.min(runSize, buffered * 2) * SortedTable.WORDS);
                    } else {
                        writeRun();
                    }
                }
                int at = buffered * SortedTable.WORDS;
                for (int w = 0; w < 4; w++) {
                    buffer[at + w] = e.id().word(w);
                }
                buffer[at + 4] = (long) e.type().code() << 32 | number;
                buffer[at + 5] = e.offset();
                buffer[at + 6] = (long) e.length() << 32 | Integer.toUnsignedLong(e.rawLength());
                buffered++;
            }
        }

        /** Whether the pack was added. */
        public boolean hasPack(String pack) {
            return packNames.contains(pack);
        }

        private void writeRun() throws IOException {
            SortedTable.sort(buffer, buffered);
            SortedTable.Writer out = SortedTable.writer(folder, buffered, false);
            for (int i = 0; i < buffered; i++) {
                out.add(buffer, i * SortedTable.WORDS);
            }
            runs.add(out.finish());
            buffered = 0;
        }

        /** The index, with or without the blobs only missing packs hold. */
        public ChunkIndex finish(boolean leaveOutMissingPacks) throws IOException {
            if (buffered > 0) {
                writeRun();
            }
            ChunkIndex index = new ChunkIndex(folder, MEMORY_LIMIT, packNames);
            if (!runs.isEmpty()) {
                IntPredicate present = p -> !missing.get(p);
                SortedTable all = SortedTable.merge(folder, runs, present, leaveOutMissingPacks ? present : p -> true);
                index.tables.add(all);
                index.tableCount = all.count();
            }
            return index;
        }
    }
}
