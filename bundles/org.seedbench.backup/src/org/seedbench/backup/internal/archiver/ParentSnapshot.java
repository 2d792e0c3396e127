package org.seedbench.backup.internal.archiver;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.index.ChunkIndex;
import org.seedbench.backup.internal.repository.OpenRepository;
import org.seedbench.backup.internal.snapshot.SnapshotRecord;
import org.seedbench.backup.internal.snapshot.TreeEntry;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;

/**
 * The files of the latest earlier snapshot of a workload (same source, target and options), by path: a file listed
 * there with the same size, modification time and attributes, whose chunks are all still in the repository, is not
 * read again.
 */
final class ParentSnapshot {
    private static final ParentSnapshot NONE = new ParentSnapshot(Map.of(), null);

    private final Map<String, TreeEntry> files;
    private final ChunkIndex index;

    private ParentSnapshot(Map<String, TreeEntry> files, ChunkIndex index) {
        this.files = files;
        this.index = index;
    }

    /**
     * The latest snapshot of {@code spec}; none when there is none or it cannot be read (with a warning), and then
     * every file is read.
     */
    static ParentSnapshot latest(OpenRepository repository, WorkloadSpec spec, ChunkIndex index, BlobCodec codec,
            Progress progress, Consumer<String> warnings) {
        try {
            SnapshotRecord latest = null;
            for (String id : repository.snapshotIds()) {
                SnapshotRecord s = repository.readSnapshot(id, codec);
                if (s.workload().equals(spec) && (latest == null || s.time().isAfter(latest.time()))) {
                    latest = s;
                }
            }
            if (latest == null) {
                return NONE;
            }
            progress.subTask("Reading the previous snapshot of " + spec);
            Map<String, TreeEntry> files = new HashMap<>();
            for (TreeEntry e : repository.readTree(latest, index, codec)) {
                if (e.type() == WorkloadItem.Type.FILE) {
                    files.put(e.path(), e);
                }
            }
            return new ParentSnapshot(files, index);
        } catch (IOException e) {
            warnings.accept("the previous snapshot of " + spec + " could not be read, so every file is read again: "
                    + e.getMessage());
            return NONE;
        }
    }

    /**
     * The chunk ids of a file this snapshot holds unchanged, when every chunk is still in the repository;
     * {@code null} when the file must be read.
     */
    FileChunks unchanged(WorkloadItem item) {
        TreeEntry before = files.get(item.path());
        if (before == null || before.size() != item.size() || before.modified() == null
                || !before.modified().equals(item.modified()) || !before.attributes().equals(item.attributes())) {
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
}
