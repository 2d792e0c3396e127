package org.seedbench.backup.internal.archiver;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.index.ChunkIndex;
import org.seedbench.backup.internal.repository.OpenRepository;
import org.seedbench.backup.internal.snapshot.SnapshotRecord;
import org.seedbench.backup.internal.snapshot.TreeEntry;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.spi.WorkloadItem;

/**
 * The items of the latest earlier snapshot of a workload (same source, target and options), read one tree part at a
 * time beside the workload's listing: a source yields its items in a stable order, folders before their content, so
 * the previous snapshot's entries come in that same order and only the current part is held, whatever the number of
 * files. A file listed there with the same size, modification time, attributes, status change time and file id
 * (restic's rule; an entry written before those were kept matches on the others), whose chunks are all still in the
 * repository, is not read again; a part of the tree whose items all match, one for one, is taken as it was.
 */
final class ParentSnapshot {
    private static final ParentSnapshot NONE = new ParentSnapshot(null, null, null, null, null);

    private final SnapshotRecord snapshot;
    private final OpenRepository repository;
    private final ChunkIndex index;
    private final BlobCodec codec;
    private final Consumer<String> warnings;
    /** Entries in each part read so far; -1 for parts not read yet. */
    private final int[] partSizes;
    private List<TreeEntry> entries = List.of();
    private int part = -1;
    private int position;
    private boolean broken;

    private ParentSnapshot(SnapshotRecord snapshot, OpenRepository repository, ChunkIndex index, BlobCodec codec,
            Consumer<String> warnings) {
        this.snapshot = snapshot;
        this.repository = repository;
        this.index = index;
        this.codec = codec;
        this.warnings = warnings;
        this.partSizes = new int[snapshot == null ? 0 : snapshot.trees().size()];
        java.util.Arrays.fill(partSizes, -1);
    }

    /** Where an item of the previous snapshot sits: its tree part and its position in it. */
    record Origin(int part, int position) {
    }

    /** An item of the previous snapshot found again, and whether it is the same in every field its entry keeps. */
    record Match(TreeEntry entry, Origin origin, boolean same) {
    }

    /**
     * The previous snapshot {@link #latestRecord} found; none when it found none, and then every file is read. Its
     * trees are read later, part by part, as the listing reaches them.
     */
    static ParentSnapshot of(SnapshotRecord latest, OpenRepository repository, ChunkIndex index, BlobCodec codec,
            Consumer<String> warnings) {
        return latest == null ? NONE : new ParentSnapshot(latest, repository, index, codec, warnings);
    }

    /** The latest snapshot of {@code spec}, {@code null} when none (or none can be read, with a warning). */
    static SnapshotRecord latestRecord(OpenRepository repository, WorkloadSpec spec, BlobCodec codec,
            Consumer<String> warnings) {
        try {
            SnapshotRecord latest = null;
            for (String id : repository.snapshotIds()) {
                SnapshotRecord s = repository.readSnapshot(id, codec);
                if (s.workload().equals(spec) && (latest == null || s.time().isAfter(latest.time()))) {
                    latest = s;
                }
            }
            return latest;
        } catch (IOException e) {
            warnings.accept("the previous snapshot of " + spec + " could not be read, so every file is read again: "
                    + e.getMessage());
            return null;
        }
    }

    /**
     * The previous snapshot's entry for the item, {@code null} when it had none; moves past it (and past the entries
     * before it that the listing no longer has).
     */
    Match find(WorkloadItem item) {
        if (snapshot == null || broken) {
            return null;
        }
        while (true) {
            if (position == entries.size() && !nextPart()) {
                return null;
            }
            TreeEntry e = entries.get(position);
            int order = WorkloadItem.compareListingOrder(e.path(), item.path());
            if (order > 0) {
                return null;
            }
            position++;
            if (order == 0) {
                return new Match(e, new Origin(part, position - 1), e.type() == item.type()
                        && (item.type() != WorkloadItem.Type.FILE || e.size() == item.size())
                        && Objects.equals(e.modified(), item.modified()) && e.attributes().equals(item.attributes())
                        && Objects.equals(e.linkTarget(),
                                item.type() == WorkloadItem.Type.SYMLINK ? item.linkTarget() : null)
                        && Objects.equals(e.changed(), item.changed()) && Objects.equals(e.fileId(), item.fileId()));
            }
        }
    }

    private boolean nextPart() {
        if (part + 1 >= partSizes.length) {
            return false;
        }
        part++;
        BlobId tree = snapshot.trees().get(part);
        try {
            entries = repository.documents().decodeTree(repository.readBlob(index, BlobType.TREE, tree, codec),
                    "tree " + tree);
        } catch (IOException e) {
            broken = true;
            entries = List.of();
            warnings.accept("the previous snapshot of " + snapshot.workload() + " could not be read, so the files "
                    + "after its first " + part + " tree parts are read again: " + e.getMessage());
            return false;
        }
        partSizes[part] = entries.size();
        position = 0;
        return true;
    }

    /**
     * The chunk ids of a file the previous snapshot holds unchanged, when every chunk is still in the repository;
     * {@code null} when the file must be read. A file matches on size, modification time, attributes and, when the
     * earlier entry kept them, status change time and file id.
     */
    FileChunks unchanged(WorkloadItem item, Match match) {
        if (match == null) {
            return null;
        }
        TreeEntry before = match.entry();
        boolean keptIdentity = before.changed() != null || before.fileId() != null;
        if (before.type() != WorkloadItem.Type.FILE || before.size() != item.size() || before.modified() == null
                || !before.modified().equals(item.modified()) || !before.attributes().equals(item.attributes())
                || keptIdentity && (!Objects.equals(before.changed(), item.changed())
                        || !Objects.equals(before.fileId(), item.fileId()))) {
            return null;
        }
        FileChunks chunks = new FileChunks();
        for (BlobId id : before.chunks()) {
            if (!index.contains(BlobType.DATA, id)) {
                return null;
            }
            chunks.add(id);
        }
        return chunks;
    }

    /**
     * The tree blob of the previous snapshot's part {@code part} when it has exactly {@code items} entries and is
     * still in the repository; {@code null} when not.
     */
    BlobId reusableTree(int part, int items) {
        if (snapshot == null || part < 0 || part >= partSizes.length || partSizes[part] != items) {
            return null;
        }
        BlobId tree = snapshot.trees().get(part);
        return index.contains(BlobType.TREE, tree) ? tree : null;
    }
}
