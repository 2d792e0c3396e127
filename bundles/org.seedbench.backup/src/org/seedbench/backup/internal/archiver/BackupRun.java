package org.seedbench.backup.internal.archiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.seedbench.backup.BackupResult;
import org.seedbench.backup.BackupStatistics;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.backup.WorkloadRun;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.crypto.CipherWarmUp;
import org.seedbench.backup.internal.crypto.ThreadCodecs;
import org.seedbench.backup.internal.index.ChunkIndex;
import org.seedbench.backup.internal.index.IndexFile;
import org.seedbench.backup.internal.repository.OpenRepository;
import org.seedbench.backup.internal.repository.PackCommitter;
import org.seedbench.backup.internal.snapshot.SnapshotRecord;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.Progress;

/**
 * One backup run: a bounded pipeline in which the calling thread reads the items and cuts their content into
 * chunks ({@link ItemReader}), a pool of workers hashes, deduplicates, compresses and encrypts the chunks
 * ({@link EncoderPool}), and the {@link PackCommitter} appends the blobs to packs, commits them and writes the
 * index; each workload's {@link TreeBuilder} stores its tree as its files' chunk ids come in, and the run ends by
 * writing one snapshot per workload. Memory is bounded by the bytes allowed in flight between the stages, not by
 * the size of the data.
 *
 * <p>Order of writes, so that a run killed at any moment leaves a good repository: packs (each committed
 * atomically, named by its hash), then index files, then the snapshots. A run that is cancelled stops
 * where it is, like a killed one; the next run finds the packs it finished by their trailers and does not
 * store their blobs again.
 */
public final class BackupRun {
    private static final long POLL_MILLIS = 100;

    private final OpenRepository repository;
    private final ObjectStore storage;
    private final Progress progress;
    private final Consumer<String> warningSink;
    private final List<String> warnings = new ArrayList<>();
    private final RunState state = new RunState();
    private long bytesWritten;

    public BackupRun(OpenRepository repository, Progress progress, Consumer<String> warnings) {
        this.repository = repository;
        this.storage = repository.storage();
        this.progress = progress;
        this.warningSink = warnings;
    }

    public BackupResult run(List<WorkloadRun> runs) throws IOException {
        return run(runs, -1);
    }

    /**
     * @param expectedBytes the bytes the workloads hold as the caller found them, the progress total; negative to
     *                      have the run estimate them
     */
    public BackupResult run(List<WorkloadRun> runs, long expectedBytes) throws IOException {
        Instant started = Instant.now();
        ThreadCodecs codecs = new ThreadCodecs(repository::newCodec);
        BlobCodec codec = codecs.get();
        List<SnapshotRecord> parents = new ArrayList<>();
        for (WorkloadRun run : runs) {
            parents.add(ParentSnapshot.latestRecord(repository, run.spec(), codec, this::warn));
        }
        if (parents.contains(null)) {
            // a workload backed up for the first time stores most of what it reads
            CipherWarmUp.start();
        }
        progress.begin("Backing up to " + storage.location(),
                expectedBytes >= 0 ? expectedBytes : estimate(runs, parents));
        progress.subTask("Reading the repository's index");
        storage.deleteAbandoned();
        OpenRepository.LoadedIndex loaded = repository.loadIndex(codec, this::warn, progress::checkCanceled, true);
        ChunkIndex index = loaded.index();
        if (!loaded.unindexed().isEmpty()) {
            progress.subTask("Indexing " + loaded.unindexed().size() + " packs an interrupted backup finished");
            bytesWritten += storage.size(IndexFile.write(storage, codec, loaded.unindexed()));
        }

        int maxChunk = repository.options().maxChunkSize();
        BufferPool storedBuffers = EncoderPool.storedBuffers(maxChunk);
        PackCommitter packs = new PackCommitter(repository, index, codecs::get, storedBuffers::give, state::failed,
                state::fail);
        EncoderPool encoders = new EncoderPool(maxChunk, storedBuffers, index, codecs, packs, state);
        ItemReader reader = new ItemReader(repository.newChunker(codec), encoders, progress, state, this::warn);
        packs.start();
        List<Workload> workloads = new ArrayList<>();
        boolean done = false;
        try {
            for (int i = 0; i < runs.size(); i++) {
                WorkloadRun run = runs.get(i);
                ParentSnapshot parent = ParentSnapshot.of(parents.get(i), repository, index, codec, this::warn);
                Workload w = new Workload(run, new TreeBuilder(repository.documents(), index, codecs, packs, parent));
                workloads.add(w);
                reader.read(w, parent);
            }
            encoders.awaitIdle(progress::checkCanceled);
            progress.checkCanceled();
            progress.subTask("Writing the last pack and the index");
            packs.finish();
            while (!packs.awaitWriter(POLL_MILLIS)) {
                state.rethrow();
            }
            state.rethrow();
            progress.checkCanceled();
            List<SnapshotInfo> snapshots = new ArrayList<>();
            String host = hostName();
            for (Workload w : workloads) {
                snapshots.add(writeSnapshot(w, host, codec));
            }
            done = true;
            BackupStatistics total = snapshots.stream().map(SnapshotInfo::statistics)
                    .reduce(BackupStatistics.EMPTY, BackupStatistics::plus);
            total = new BackupStatistics(total.files(), total.directories(), total.symlinks(), total.bytesRead(),
                    total.bytesNew(), total.bytesStored(), total.chunks(), total.newChunks(),
                    Duration.between(started, Instant.now()), total.filesUnchanged(), total.treesReused());
            return new BackupResult(snapshots, total, warnings, bytesWritten + packs.bytesWritten());
        } catch (InterruptedException e) {
            state.rethrow();
            Thread.currentThread().interrupt();
            throw new Progress.CanceledException();
        } finally {
            state.stop();
            encoders.stop();
            try {
                boolean idle = packs.stop(done, this::warn);
                idle &= encoders.awaitStopped();
                if (idle) {
                    codecs.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The bytes the run will read, for the progress total: a workload with a previous snapshot counts what that one
     * read (no walk before the one that reads), another is asked to its source.
     */
    private long estimate(List<WorkloadRun> runs, List<SnapshotRecord> parents) {
        long total = 0;
        for (int i = 0; i < runs.size(); i++) {
            WorkloadRun run = runs.get(i);
            if (parents.get(i) != null) {
                total += parents.get(i).statistics().bytesRead();
                continue;
            }
            try {
                total += run.source().estimateSize(run.spec(), ItemReader.cancelOnly(progress));
            } catch (IOException | UncheckedIOException e) {
                return -1;
            }
        }
        return total;
    }

    private SnapshotInfo writeSnapshot(Workload w, String host, BlobCodec codec) throws IOException {
        BackupStatistics stats = w.statistics();
        SnapshotRecord record = new SnapshotRecord(w.start, host, w.run.spec(), w.tree.trees(w.run.spec()), stats,
                w.warnings);
        String id = repository.writeSnapshot(record, codec);
        bytesWritten += storage.size(OpenRepository.SNAPSHOTS + "/" + id);
        return new SnapshotInfo(id, record.time(), host, record.workload(), stats, record.warnings());
    }

    /** A warning of the run (a workload's warnings are also kept with its snapshot). */
    private void warn(String line) {
        warnings.add(line);
        warningSink.accept(line);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown" : env;
        }
    }
}
