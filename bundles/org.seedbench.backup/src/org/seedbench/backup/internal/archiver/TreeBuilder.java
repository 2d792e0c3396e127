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
 * its tree blob and, unless the repository has it, hands it to the pack committer.
 */
final class TreeBuilder {
    private static final int PART_ITEMS = 2000;
    private static final int PART_CHUNKS = 20000;

    private final Documents documents;
    private final ChunkIndex index;
    private final ThreadCodecs codecs;
    private final PackCommitter packs;
    private final List<Part> parts = new ArrayList<>();
    private Part open;

    TreeBuilder(Documents documents, ChunkIndex index, ThreadCodecs codecs, PackCommitter packs) {
        this.documents = documents;
        this.index = index;
        this.codecs = codecs;
        this.packs = packs;
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

    /** Adds an item to the open part, and seals the part when it is full. */
    void add(WorkloadItem item, FileChunks chunks) {
        Part part = open;
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

    /** A part of the tree. */
    final class Part {
        private final List<Pending> items = new ArrayList<>();
        private final AtomicInteger outstanding = new AtomicInteger(1);
        private int chunkIds;
        private volatile BlobId tree;

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
            List<TreeEntry> entries = new ArrayList<>(items.size());
            for (Pending p : items) {
                WorkloadItem i = p.item();
                entries.add(new TreeEntry(i.path(), i.type(), i.type() == WorkloadItem.Type.FILE ? i.size() : 0,
                        i.modified(), i.attributes(), i.type() == WorkloadItem.Type.SYMLINK ? i.linkTarget() : null,
                        p.chunks() == null ? List.of() : p.chunks().ids()));
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
