package org.seedbench.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.Progress;

/**
 * Backs workloads up into an encrypted, deduplicating repository, lists its snapshots, verifies it and
 * restores from it. Registered as a Declarative Services component; one instance serves any number of
 * repositories and runs.
 *
 * <p>Every long operation reports to a {@link Progress} (from the calling thread only) and stops at a
 * resumable point when it is cancelled, throwing {@link Progress.CanceledException}: a cancelled or killed
 * backup leaves a repository the next backup continues from, never one holding partial data that looks
 * good.
 */
public interface BackupEngine {

    /**
     * Creates a new repository in an empty storage location with the default options (1 MiB average
     * chunks, 64 MiB packs) and opens it.
     *
     * @throws InvalidInputException when the passphrase is shorter than
     *                               {@link org.seedbench.core.rules.SeedRules#MIN_PASSPHRASE_LENGTH}
     *                               characters; nothing is written then
     * @throws RepositoryException   when the location already holds a repository
     */
    Repository init(ObjectStore storage, Secret passphrase) throws IOException, InvalidInputException;

    /** {@link #init(ObjectStore, Secret)} with chosen chunk and pack sizes. */
    Repository init(ObjectStore storage, Secret passphrase, RepositoryOptions options)
            throws IOException, InvalidInputException;

    /**
     * Opens an existing repository.
     *
     * @throws WrongPassphraseException when the passphrase opens none of the repository's keys; nothing is
     *                                  written
     * @throws RepositoryException      when the location holds no repository or one of an unknown version
     */
    Repository open(ObjectStore storage, Secret passphrase) throws IOException, WrongPassphraseException;

    /** Whether the location holds a repository (its {@code config} file). */
    boolean isRepository(ObjectStore storage) throws IOException;

    /**
     * Backs the workloads up, one snapshot per workload. Items that cannot be read (or that change while they
     * are read, after one more attempt) are left out and reported as warnings; they never stop the run.
     * Data already in the repository is not stored again: a run over unchanged data only adds snapshots.
     *
     * @param warnings receives each warning line as it happens (also listed in the result)
     * @throws Progress.CanceledException when cancelled; the next run resumes without storing again what
     *                                    finished packs already hold
     */
    BackupResult backup(Repository repository, List<WorkloadRun> workloads, Progress progress,
            Consumer<String> warnings) throws IOException;

    /**
     * As {@link #backup(Repository, List, Progress, Consumer)}, with the bytes the workloads hold as the caller
     * already found them (e.g. by the walk of its own checks), so that the run does not walk them again for its
     * progress total.
     *
     * @param expectedBytes the bytes the workloads hold; negative when unknown
     * @since 2.3
     */
    default BackupResult backup(Repository repository, List<WorkloadRun> workloads, long expectedBytes,
            Progress progress, Consumer<String> warnings) throws IOException {
        return backup(repository, workloads, progress, warnings);
    }

    /** The repository's snapshots, oldest first. */
    List<SnapshotInfo> snapshots(Repository repository) throws IOException;

    /**
     * Checks the repository: structure, index against packs, snapshots against index; with {@code readData}
     * every stored blob is also read, decrypted, authenticated and its id computed again. Problems name the
     * pack and the files (with their snapshot) they affect.
     */
    VerifyReport verify(Repository repository, boolean readData, Progress progress) throws IOException;

    /**
     * The items of a snapshot's tree, in the order it holds them (a folder before its content), without reading any
     * file's content: what a restore of the snapshot would write.
     *
     * @param snapshot a snapshot id, a unique prefix of one (at least 4 characters), or {@code latest}
     * @throws InvalidInputException when the snapshot is not in the repository
     * @since 2.4
     */
    List<SnapshotEntry> list(Repository repository, String snapshot) throws IOException, InvalidInputException;

    /**
     * Restores a snapshot into {@code target}, bit-identical with its metadata. Never writes outside
     * {@code target}: a snapshot naming an absolute path or a {@code ..} segment is refused before anything
     * is written. Files that cannot be restored (a damaged or lost pack) are reported and the others restored.
     * A file is written under a temporary name beside its own and renamed into place; what a killed restore left
     * there is removed by the next restore into the same folder.
     *
     * @param snapshot     a snapshot id, a unique prefix of one (at least 4 characters), or {@code latest}
     * @param includeGlobs {@code glob:} patterns matched against the paths in the snapshot; an item is
     *                     restored when it or one of its folders matches; all items when empty
     * @param overwrite    whether existing files in {@code target} are replaced (else left and reported)
     * @throws InvalidInputException when the snapshot is not in the repository, a pattern is not a glob, or the
     *                               target lies inside a repository; nothing is written then
     */
    RestoreResult restore(Repository repository, String snapshot, Path target, List<String> includeGlobs,
            boolean overwrite, Progress progress) throws IOException, InvalidInputException;

    /**
     * Removes the snapshots a keep-policy does not keep ({@link RetentionPolicy}: restic's semantics, per host and
     * workload, periods in {@code zone}). Only snapshot files are deleted, each at once; the data they alone needed
     * stays until {@link #prune}.
     *
     * @param dryRun decide only: nothing is deleted
     * @throws IllegalArgumentException when the policy keeps nothing ({@link RetentionPolicy#isEmpty()})
     * @since 2.3
     */
    ForgetResult forget(Repository repository, RetentionPolicy policy, java.time.ZoneId zone, boolean dryRun)
            throws IOException;

    /**
     * Frees what no snapshot needs: packs none of whose blobs a snapshot needs are deleted, partly needed packs are
     * rewritten (their needed blobs copied into new packs) and deleted, and the index files replaced by ones listing
     * the packs left. A plan of what will be freed is written to the repository before anything else; killed at
     * any point, the repository still verifies and restores every snapshot, and the next prune finishes the work.
     * Other writers must be kept away while it runs. A damaged repository (an index file or pack that cannot be
     * read, a snapshot needing a blob no pack holds) is left alone.
     *
     * @param dryRun work out what would be freed only: nothing is written or deleted
     * @since 2.3
     */
    PruneResult prune(Repository repository, boolean dryRun, Progress progress) throws IOException;
}
