package org.seedbench.backup.internal.archiver;

import java.util.ArrayList;
import java.util.List;

import org.seedbench.backup.internal.blob.BlobId;

/**
 * A file's chunk ids, in order, filled in by the encoder pool's workers as they compute them. The reader hands out
 * the slots; the arrays holding them never move once handed out, so a worker writes its id without a lock.
 */
final class FileChunks {
    private static final int SEGMENT = 256;

    private final List<BlobId[]> segments = new ArrayList<>();
    private int count;

    /** Where the id of one chunk goes. */
    record Slot(BlobId[] segment, int index) {
        void set(BlobId id) {
            segment[index] = id;
        }
    }

    /** The slot of the next chunk; on the reader's thread. */
    Slot next() {
        int position = count++;
        if (position / SEGMENT == segments.size()) {
            segments.add(new BlobId[SEGMENT]);
        }
        return new Slot(segments.get(position / SEGMENT), position % SEGMENT);
    }

    /** Appends a known id. */
    void add(BlobId id) {
        next().set(id);
    }

    /** How many chunks the file has so far. */
    int count() {
        return count;
    }

    /** The ids, once every slot is set. */
    List<BlobId> ids() {
        List<BlobId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(segments.get(i / SEGMENT)[i % SEGMENT]);
        }
        return ids;
    }
}
