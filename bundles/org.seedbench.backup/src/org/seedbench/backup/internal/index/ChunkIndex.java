package org.seedbench.backup.internal.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.pack.PackEntry;

/**
 * Where each blob is: (type, id) to pack, offset, length and plaintext length, in flat arrays (about 70
 * bytes per blob) so that the index of a multi-terabyte repository fits in memory. A backup also claims
 * blobs here before they are stored, so two threads never store the same blob. Thread-safe.
 */
public final class ChunkIndex {
    private static final int FREE = 0;
    private static final int CLAIMED = -1;

    private final List<String> packNames = new ArrayList<>();
    private final Map<String, Integer> packNumbers = new HashMap<>();
    private long[] keys;
    private int[] packs;
    private long[] offsets;
    private int[] lengths;
    private int[] raws;
    private byte[] types;
    private int size;
    private int mask;

    public ChunkIndex() {
        allocate(1024);
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
    }

    /** The slot holding (type, id), or the free slot where it would go (as {@code -slot - 1}). */
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
        long[] oldKeys = keys;
        int[] oldPacks = packs;
        long[] oldOffsets = offsets;
        int[] oldLengths = lengths;
        int[] oldRaws = raws;
        byte[] oldTypes = types;
        allocate((mask + 1) * 2);
        for (int i = 0; i < oldPacks.length; i++) {
            if (oldPacks[i] != FREE) {
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
            }
        }
    }

    /** Whether the blob is stored or claimed. */
    public synchronized boolean contains(BlobType type, BlobId id) {
        return slot(type, id) >= 0;
    }

    /** Where a stored blob is; {@code null} when it is not stored (or only claimed). */
    public synchronized Location find(BlobType type, BlobId id) {
        int s = slot(type, id);
        if (s < 0 || packs[s] == CLAIMED) {
            return null;
        }
        return new Location(packNames.get(packs[s] - 1), type, offsets[s], lengths[s], raws[s]);
    }

    /** Claims a blob for storing: {@code true} when it was neither stored nor claimed before. */
    public synchronized boolean claim(BlobType type, BlobId id) {
        int s = slot(type, id);
        if (s >= 0) {
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
            growIfNeeded();
            s = insert(slot(e.type(), e.id()), e.type(), e.id());
        }
        packs[s] = packNumber(pack) + 1;
        offsets[s] = e.offset();
        lengths[s] = e.length();
        raws[s] = e.rawLength();
    }

    /** Records every blob of a pack. */
    public synchronized void addPack(String pack, List<PackEntry> entries) {
        packNumber(pack);
        for (PackEntry e : entries) {
            add(pack, e);
        }
    }

    private int packNumber(String pack) {
        Integer n = packNumbers.get(pack);
        if (n == null) {
            n = packNames.size();
            packNames.add(pack);
            packNumbers.put(pack, n);
        }
        return n;
    }

    /** Whether any blob of the pack is in the index. */
    public synchronized boolean hasPack(String pack) {
        return packNumbers.containsKey(pack);
    }

    /** How many blobs are stored or claimed. */
    public synchronized int size() {
        return size;
    }
}
