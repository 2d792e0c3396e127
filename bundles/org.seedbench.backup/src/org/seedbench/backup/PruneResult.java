package org.seedbench.backup;

import java.util.List;

/**
 * What {@link BackupEngine#prune} freed (or, in a dry run, would free).
 *
 * @param dryRun             whether nothing was written or deleted
 * @param resumed            whether an interrupted prune's plan was found and its work finished; the lists then
 *                           also name what that prune planned to delete
 * @param snapshots          the snapshots whose data is kept
 * @param deletedPacks       packs no snapshot needs, deleted whole (object names)
 * @param rewrittenPacks     packs partly needed: their needed blobs were copied into new packs, then they were
 *                           deleted (object names)
 * @param packsWritten       the new packs holding the needed blobs of the rewritten ones
 * @param blobsRemoved       blobs no snapshot needs (or second copies) that are gone
 * @param blobsKept          blobs the snapshots need, in every pack left
 * @param replacedIndexFiles the index files replaced by new ones listing the packs left (object names)
 * @param bytesFreed         bytes the storage holds less (a dry run's estimate leaves the new packs' trailers out)
 * @since 2.3
 */
public record PruneResult(boolean dryRun, boolean resumed, int snapshots, List<String> deletedPacks,
        List<String> rewrittenPacks, int packsWritten, long blobsRemoved, long blobsKept, List<String> replacedIndexFiles,
        long bytesFreed) {

    public PruneResult {
        deletedPacks = List.copyOf(deletedPacks);
        rewrittenPacks = List.copyOf(rewrittenPacks);
        replacedIndexFiles = List.copyOf(replacedIndexFiles);
    }

    /** Every object removed (or, in a dry run, to be removed): packs deleted and rewritten, index files replaced. */
    public List<String> removedObjects() {
        List<String> all = new java.util.ArrayList<>(deletedPacks);
        all.addAll(rewrittenPacks);
        all.addAll(replacedIndexFiles);
        return all;
    }

    /** Whether there was nothing to free. */
    public boolean nothingToDo() {
        return deletedPacks.isEmpty() && rewrittenPacks.isEmpty();
    }
}
