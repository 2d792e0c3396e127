package org.seedbench.backup.internal.archiver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.crypto.ThreadCodecs;
import org.seedbench.backup.internal.index.ChunkIndex;
import org.seedbench.backup.internal.pack.EncodedBlob;
import org.seedbench.backup.internal.repository.PackCommitter;
import org.seedbench.backup.internal.snapshot.Documents;
import org.seedbench.backup.internal.snapshot.TreeEntry;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.spi.WorkloadItem;

/**
 * Builds one workload's tree, in parts of at most {@link #PART_ITEMS} items or {@link #PART_CHUNKS} chunk ids, so
 * that an unchanged part encodes to the same blob and a tree blob stays small. A part is complete once it is
 * sealed and each chunk of its files has its id; whichever thread completes it (the reader or a worker) encodes
 * its tree blob and, unless the repository has it, hands it to the pack committer. A part whose items are, one for
 * one, those of a part of the previous snapshot, unchanged, takes that part's tree blob without encoding anything.
 * Only the open part's items are held: memory does not grow with the number of files.
 */
final class TreeBuilder {
    private static final int PART_ITEMS = 2000;
    private static final int PART_CHUNKS = 20000;

    private final Documents documents;
    private final ChunkIndex index;
    private final ThreadCodecs codecs;
    private final PackCommitter packs;
    private final ParentSnapshot parent;
    private final List<Part> parts = new ArrayList<>();
    private final AtomicInteger reused = new AtomicInteger();
    private Part open;

    TreeBuilder(Documents documents, ChunkIndex index, ThreadCodecs codecs, PackCommitter packs,
            ParentSnapshot parent) {
        this.documents = documents;
        this.index = index;
        this.codecs = codecs;
        this.packs = packs;
        this.parent = parent;
        this.open = new Part();
        parts.add(open);
    }

    /** An item waiting for its chunk ids ({@code null} for folders and links). */
    private record Pending(WorkloadItem item, FileChunks chunks) {
    }

    /** The part the next item goes into: the chunk tasks of a file being read count on it. */
    Part open() {
        return open;
    }

    /**
     * Adds an item to the open part, and seals the part when it is full.
     *
     * @param same where the previous snapshot holds this item unchanged in every field of its entry (a file with
     *             its chunks taken from there), else {@code null}
     */
    void add(WorkloadItem item, FileChunks chunks, ParentSnapshot.Origin same) {
        Part part = open;
        part.follow(same);
        part.items.add(new Pending(item, chunks));
        if (chunks != null) {
            part.chunkIds += chunks.count();
        }
        if (part.items.size() >= PART_ITEMS || part.chunkIds >= PART_CHUNKS) {
            open = new Part();
            parts.add(open);
            part.seal();
        }
    }

    /** After the workload's last item: seals the open part. */
    void finish() {
        open.seal();
        open = null;
    }

    /**
     * The tree blobs of the parts, in order, once all are complete.
     *
     * @throws IllegalStateException when a part is not
     */
    List<BlobId> trees(WorkloadSpec spec) {
        List<BlobId> trees = new ArrayList<>(parts.size());
        for (Part p : parts) {
            if (p.tree == null) {
                throw new IllegalStateException("a tree part of " + spec + " was not completed");
            }
            trees.add(p.tree);
        }
        return trees;
    }

    /** How many parts took the previous snapshot's tree blob as it was. */
    int reusedParts() {
        return reused.get();
    }

    /** A part of the tree. */
    final class Part {
        private final List<Pending> items = new ArrayList<>();
        private final AtomicInteger outstanding = new AtomicInteger(1);
        private int chunkIds;
        private volatile BlobId tree;
        /** The previous snapshot's part this one repeats so far, item for item; -1 when it does not. */
        private int parentPart = -1;
        private boolean repeats = true;

        /** Notes whether the next item continues the previous snapshot's part that this one repeats. */
        private void follow(ParentSnapshot.Origin same) {
            if (!repeats) {
                return;
            }
            if (same == null || same.position() != items.size() || !items.isEmpty() && same.part() != parentPart) {
                repeats = false;
            } else {
                parentPart = same.part();
            }
        }

        /** A chunk task of one of its files starts. */
        void taskStarted() {
            outstanding.incrementAndGet();
        }

        /** A chunk task of one of its files has set its id. */
        void taskDone() {
            if (outstanding.decrementAndGet() == 0) {
                complete();
            }
        }

        private void seal() {
            taskDone();
        }

        private void complete() {
            BlobId same = repeats && !items.isEmpty() ? parent.reusableTree(parentPart, items.size()) : null;
            if (same != null) {
                items.clear();
                reused.incrementAndGet();
                tree = same;
                return;
            }
            List<TreeEntry> entries = new ArrayList<>(items.size());
            for (Pending p : items) {
                WorkloadItem i = p.item();
                entries.add(new TreeEntry(i.path(), i.type(), i.type() == WorkloadItem.Type.FILE ? i.size() : 0,
                        i.modified(), i.attributes(), i.type() == WorkloadItem.Type.SYMLINK ? i.linkTarget() : null,
                        p.chunks() == null ? List.of() : p.chunks().ids(), i.changed(), i.fileId()));
            }
            items.clear();
            byte[] plain = documents.encodeTree(entries);
            BlobCodec codec = codecs.get();
            BlobId id = codec.id(plain, 0, plain.length);
            if (index.claim(BlobType.TREE, id)) {
                packs.add(new EncodedBlob(BlobType.TREE, id, codec.encodeBlob(BlobType.TREE, id, plain, 0,
                        plain.length), plain.length), false);
            }
            tree = id;
        }
    }
}
