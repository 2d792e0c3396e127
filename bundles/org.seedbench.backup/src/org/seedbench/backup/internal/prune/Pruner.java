package org.seedbench.backup.internal.prune;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.seedbench.backup.PruneResult;
import org.seedbench.backup.RepositoryException;
import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.blob.DamagedException;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.index.ChunkIndex;
import org.seedbench.backup.internal.index.IndexFile;
import org.seedbench.backup.internal.pack.EncodedBlob;
import org.seedbench.backup.internal.pack.PackEntry;
import org.seedbench.backup.internal.pack.PackFormat;
import org.seedbench.backup.internal.pack.PackWriter;
import org.seedbench.backup.internal.repository.OpenRepository;
import org.seedbench.backup.internal.snapshot.SnapshotRecord;
import org.seedbench.backup.internal.snapshot.TreeEntry;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.Progress;

/**
 * Frees the packs no snapshot needs. Every step leaves a repository that verifies and restores every snapshot, so
 * a prune killed anywhere is finished by the next one:
 * <ol>
 * <li>the plan ({@link PrunePlan}: what will be deleted and rewritten, the bytes freed) is written first;</li>
 * <li>the needed blobs of partly needed packs are copied, as stored, into new packs (until the new index lists
 * them, readers learn them from their trailers);</li>
 * <li>new index files list every pack that stays and the new ones;</li>
 * <li>the old index files are deleted (the packs to delete are then in no index file: still readable);</li>
 * <li>the packs no longer needed are deleted, then the plan.</li>
 * </ol>
 * A rerun works its plan out again from the snapshots there are then, so a backup run in between is safe.
 * The caller keeps other writers away while it runs (the workflow holds the job's lock).
 */
public final class Pruner {
    /** An index file lists at most this many blobs (as the backup's) … */
    private static final int INDEX_ENTRIES = 65_536;
    /** … and this many packs. */
    private static final int INDEX_PACKS = 256;

    private final OpenRepository repo;
    private final ObjectStore storage;
    private final Progress progress;

    public Pruner(OpenRepository repo, Progress progress) {
        this.repo = repo;
        this.storage = repo.storage();
        this.progress = progress;
    }

    /** What stays and goes, worked out from the snapshots and the index. */
    private record Work(int snapshots, Map<String, List<PackEntry>> keep, Map<String, List<PackEntry>> rewrite,
            List<String> delete, Map<String, String> objects, List<String> indexFiles, long blobsRemoved,
            long blobsKept) {
    }

    public PruneResult prune(boolean dryRun) throws IOException {
        try (BlobCodec codec = repo.newCodec()) {
            PrunePlan interrupted = interruptedPlan(codec);
            List<String> warnings = new ArrayList<>();
            OpenRepository.LoadedIndex loaded = repo.loadIndex(codec, warnings::add, progress::checkCanceled);
            try (ChunkIndex index = loaded.index()) {
                if (!warnings.isEmpty()) {
                    throw new RepositoryException("prune changes nothing in a damaged repository: " + warnings.get(0)
                            + "; verify names what is damaged and what it affects");
                }
                Work work = plan(codec, index, loaded.unindexed());
                long freed = 0;
                for (String pack : work.delete()) {
                    freed += storage.size(work.objects().get(pack));
                }
                for (Map.Entry<String, List<PackEntry>> e : work.rewrite().entrySet()) {
                    freed += storage.size(work.objects().get(e.getKey()));
                    for (PackEntry kept : e.getValue()) {
                        freed -= kept.length();
                    }
                }
                List<String> deleted = work.delete().stream().map(work.objects()::get).toList();
                List<String> rewritten = work.rewrite().keySet().stream().map(work.objects()::get).toList();
                boolean nothing = deleted.isEmpty() && rewritten.isEmpty();
                if (dryRun || nothing) {
                    if (!dryRun) {
                        storage.delete(PrunePlan.OBJECT);
                    }
                    return result(dryRun, interrupted, work, deleted, rewritten, 0,
                            dryRun && !nothing ? work.indexFiles() : List.of(), nothing ? 0 : freed);
                }
                new PrunePlan(Instant.now(), deleted, rewritten, work.indexFiles(), freed).write(storage, codec,
                        repo.documents().json());
                long before = 0;
                for (String object : concat(deleted, rewritten)) {
                    before += storage.size(object);
                }
                Map<String, List<PackEntry>> written = rewrite(work, codec);
                long after = 0;
                Map<String, List<PackEntry>> listed = new LinkedHashMap<>(work.keep());
                for (Map.Entry<String, List<PackEntry>> e : written.entrySet()) {
                    listed.put(e.getKey(), e.getValue());
                    after += storage.size(PackFormat.objectName(repo.packFolder(e.getValue().get(0).type()),
                            e.getKey()));
                }
                writeIndex(listed, codec);
                progress.begin("deleting " + work.indexFiles().size() + " old index files and "
                        + (deleted.size() + rewritten.size()) + " packs", work.indexFiles().size() + deleted.size()
                                + rewritten.size(), Progress.Unit.ITEMS);
                for (String old : work.indexFiles()) {
                    storage.delete(old);
                    progress.worked(1);
                }
                for (String object : concat(deleted, rewritten)) {
                    storage.delete(object);
                    progress.worked(1);
                }
                storage.delete(PrunePlan.OBJECT);
                return result(false, interrupted, work, deleted, rewritten, written.size(), work.indexFiles(),
                        before - after);
            }
        }
    }

    /** The plan an interrupted prune left; an unreadable one counts as found, naming nothing. */
    private PrunePlan interruptedPlan(BlobCodec codec) throws IOException {
        try {
            return PrunePlan.read(storage, codec, repo.documents().json());
        } catch (DamagedException | RuntimeException e) {
            return new PrunePlan(Instant.EPOCH, List.of(), List.of(), List.of(), 0);
        }
    }

    /** The result; after an interrupted prune, its lists also name what that one planned to remove. */
    private static PruneResult result(boolean dryRun, PrunePlan interrupted, Work work, List<String> deleted,
            List<String> rewritten, int written, List<String> indexFiles, long freed) {
        if (interrupted == null) {
            return new PruneResult(dryRun, false, work.snapshots(), deleted, rewritten, written, work.blobsRemoved(),
                    work.blobsKept(), indexFiles, freed);
        }
        return new PruneResult(dryRun, true, work.snapshots(), union(interrupted.deletePacks(), deleted),
                union(interrupted.rewritePacks(), rewritten), written, work.blobsRemoved(), work.blobsKept(),
                union(interrupted.indexFiles(), indexFiles), freed);
    }

    private static List<String> union(List<String> a, List<String> b) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Reads every snapshot's trees for the blobs they need, then sorts each pack into keep, rewrite or delete. */
    private Work plan(BlobCodec codec, ChunkIndex index, Map<String, List<PackEntry>> unindexed) throws IOException {
        List<String> ids = repo.snapshotIds();
        progress.begin("reading the trees of " + ids.size() + " snapshots", ids.size(), Progress.Unit.ITEMS);
        Set<BlobId> trees = new HashSet<>();
        Set<BlobId> chunks = new HashSet<>();
        for (String id : ids) {
            progress.checkCanceled();
            SnapshotRecord snapshot = repo.readSnapshot(id, codec);
            for (BlobId tree : snapshot.trees()) {
                if (!trees.add(tree)) {
                    continue;
                }
                byte[] plain = repo.readBlob(index, BlobType.TREE, tree, codec);
                for (TreeEntry e : repo.documents().decodeTree(plain, "tree " + tree)) {
                    chunks.addAll(e.chunks());
                }
            }
            progress.worked(1);
        }
        Map<String, String> objects = repo.packObjects();
        for (BlobId chunk : chunks) {
            ChunkIndex.Location at = index.find(BlobType.DATA, chunk);
            if (at == null || !objects.containsKey(at.pack())) {
                throw new RepositoryException("prune changes nothing: a snapshot needs chunk " + chunk + ", which is "
                        + (at == null ? "in no pack" : "in the missing pack " + at.pack())
                        + "; verify names the files it affects");
            }
        }
        List<String> indexFiles = storage.list(IndexFile.FOLDER + "/");
        Map<String, List<PackEntry>> packs = new LinkedHashMap<>();
        for (String name : indexFiles) {
            progress.checkCanceled();
            try {
                for (Map.Entry<String, List<PackEntry>> e : IndexFile.read(storage, codec, name).entrySet()) {
                    if (objects.containsKey(e.getKey())) {
                        packs.putIfAbsent(e.getKey(), e.getValue());
                    }
                }
            } catch (DamagedException e) {
                throw new RepositoryException("prune changes nothing: index file " + name + " is damaged", e);
            }
        }
        unindexed.forEach(packs::putIfAbsent);
        Map<String, List<PackEntry>> keep = new LinkedHashMap<>();
        Map<String, List<PackEntry>> rewrite = new LinkedHashMap<>();
        List<String> delete = new ArrayList<>();
        long removed = 0;
        long kept = 0;
        Set<String> placed = new HashSet<>();
        for (Map.Entry<String, List<PackEntry>> pack : packs.entrySet()) {
            List<PackEntry> needed = new ArrayList<>();
            for (PackEntry e : pack.getValue()) {
                Set<BlobId> used = e.type() == BlobType.TREE ? trees : chunks;
                ChunkIndex.Location at = used.contains(e.id()) ? index.find(e.type(), e.id()) : null;
                // a blob in two packs stays in the one the index locates it in
                if (at != null && at.pack().equals(pack.getKey()) && placed.add(e.type().code() + e.id().hex())) {
                    needed.add(e);
                }
            }
            removed += pack.getValue().size() - needed.size();
            kept += needed.size();
            if (needed.size() == pack.getValue().size()) {
                keep.put(pack.getKey(), pack.getValue());
            } else if (needed.isEmpty()) {
                delete.add(pack.getKey());
            } else {
                rewrite.put(pack.getKey(), needed);
            }
        }
        return new Work(ids.size(), keep, rewrite, delete, objects, indexFiles, removed, kept);
    }

    /** Copies the needed blobs of the packs to rewrite, as stored, into new packs; returns the new packs. */
    private Map<String, List<PackEntry>> rewrite(Work work, BlobCodec codec) throws IOException {
        long total = 0;
        for (List<PackEntry> entries : work.rewrite().values()) {
            for (PackEntry e : entries) {
                total += e.length();
            }
        }
        progress.begin("rewriting " + work.rewrite().size() + " partly needed packs", total);
        Map<String, List<PackEntry>> written = new LinkedHashMap<>();
        long packSize = repo.options().packSize();
        String dataFolder = repo.packFolder(BlobType.DATA);
        String treeFolder = repo.packFolder(BlobType.TREE);
        try (BlobCodec dataCodec = repo.newCodec(); BlobCodec treeCodec = repo.newCodec();
                PackWriter dataPack = new PackWriter(storage, dataCodec, dataFolder);
                PackWriter treePack = new PackWriter(storage, treeCodec, treeFolder)) {
            for (Map.Entry<String, List<PackEntry>> pack : work.rewrite().entrySet()) {
                String object = work.objects().get(pack.getKey());
                for (PackEntry e : pack.getValue()) {
                    progress.checkCanceled();
                    byte[] stored = storage.getRange(object, e.offset(), e.length());
                    // what is copied is checked first: a damaged blob is not carried into a new pack
                    byte[] plain = codec.decodeBlob(e.type(), e.id(), stored, 0, stored.length, e.rawLength());
                    if (!codec.id(plain, 0, plain.length).equals(e.id())) {
                        throw new DamagedException("pack " + pack.getKey() + ": blob " + e.id()
                                + " does not hash to its id; prune stopped before deleting anything");
                    }
                    PackWriter out = e.type() == BlobType.TREE && !treeFolder.equals(dataFolder) ? treePack : dataPack;
                    out.add(new EncodedBlob(e.type(), e.id(), stored, e.rawLength()));
                    if (out.size() >= packSize) {
                        PackWriter.FinishedPack done = out.finish();
                        written.put(done.name(), done.entries());
                    }
                    progress.worked(e.length());
                }
            }
            for (PackWriter out : List.of(dataPack, treePack)) {
                if (!out.isEmpty()) {
                    PackWriter.FinishedPack done = out.finish();
                    written.put(done.name(), done.entries());
                }
            }
        }
        return written;
    }

    /** Writes index files listing the packs, at most {@link #INDEX_PACKS} packs or so many blobs each. */
    private void writeIndex(Map<String, List<PackEntry>> packs, BlobCodec codec) throws IOException {
        progress.begin("writing the index of " + packs.size() + " packs", packs.size(), Progress.Unit.ITEMS);
        Map<String, List<PackEntry>> batch = new LinkedHashMap<>();
        int entries = 0;
        for (Map.Entry<String, List<PackEntry>> pack : packs.entrySet()) {
            if (!batch.isEmpty() && (batch.size() >= INDEX_PACKS
                    || entries + pack.getValue().size() > INDEX_ENTRIES)) {
                IndexFile.write(storage, codec, batch);
                batch.clear();
                entries = 0;
            }
            batch.put(pack.getKey(), pack.getValue());
            entries += pack.getValue().size();
            progress.worked(1);
        }
        if (!batch.isEmpty()) {
            IndexFile.write(storage, codec, batch);
        }
    }
}
