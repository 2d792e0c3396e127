package org.seedbench.backup.internal.archiver;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.seedbench.backup.BackupResult;
import org.seedbench.backup.BackupStatistics;
import org.seedbench.backup.RepositoryException;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.backup.WorkloadRun;
import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.chunker.Chunker;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.index.ChunkIndex;
import org.seedbench.backup.internal.index.IndexFile;
import org.seedbench.backup.internal.pack.EncodedBlob;
import org.seedbench.backup.internal.pack.PackEntry;
import org.seedbench.backup.internal.pack.PackWriter;
import org.seedbench.backup.internal.repository.OpenRepository;
import org.seedbench.backup.internal.snapshot.SafePaths;
import org.seedbench.backup.internal.snapshot.SnapshotRecord;
import org.seedbench.backup.internal.snapshot.TreeEntry;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;

/**
 * One backup run: a bounded pipeline in which the calling thread enumerates and reads the items and cuts
 * their content into chunks, a pool of workers (one per core) hashes, deduplicates, compresses and
 * encrypts the chunks, and one writer thread appends the blobs to packs and commits them. Memory is
 * bounded by the bytes allowed in flight between the stages, not by the size of the data.
 *
 * <p>Order of writes, so that a run killed at any moment leaves a good repository: packs (each committed
 * atomically, named by its hash), then index files, then the snapshots. A run that is cancelled stops
 * where it is, like a killed one; the next run finds the packs it finished by their trailers and does not
 * store their blobs again.
 */
public final class BackupRun {
    /** Tree parts are closed at this many items, or at {@link #TREE_CHUNKS} chunk ids. */
    private static final int TREE_ITEMS = 2000;
    private static final int TREE_CHUNKS = 20000;
    /** An index file is written every this many packs (and at the end). */
    private static final int INDEX_EVERY_PACKS = 32;
    private static final int SEGMENT = 256;
    /**
     * Chunks allowed to wait between reader and workers (besides one per worker), and between workers and
     * writer: with 4 MiB chunks, about 24 MiB each, enough to keep every core busy.
     */
    private static final int IN_FLIGHT_CHUNKS = 6;
    /**
     * Bytes asked for per read: large enough for sequential speed, small enough that the JDK's temporary
     * direct buffer behind a channel read stays small.
     */
    private static final int READ_SIZE = 1 << 20;
    /** Sealed packs that may wait for the committer. */
    private static final int COMMITS_IN_FLIGHT = 2;
    private static final long POLL_MILLIS = 100;

    private final OpenRepository repository;
    private final ObjectStore storage;
    private final Progress progress;
    private final Consumer<String> warningSink;
    private final int workerCount;
    private final long packSize;
    private final List<String> warnings = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final TaskCounter tasks = new TaskCounter();
    private final BufferPool plainBuffers;
    private final BufferPool storedBuffers;
    private final BlockingQueue<Object> toWriter = new LinkedBlockingQueue<>();
    private final Object end = new Object();
    private final Map<Integer, BlobId> zeroChunks = new ConcurrentHashMap<>();
    private final List<BlobCodec> codecs = Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<BlobCodec> threadCodec;
    private final LongAdder bytesWritten = new LongAdder();
    private final ExecutorService committer = Executors.newSingleThreadExecutor(threads("seedbench-pack-committer"));
    private final Semaphore commitSlots = new Semaphore(COMMITS_IN_FLIGHT);
    private final Set<PackWriter.SealedPack> uncommitted = ConcurrentHashMap.newKeySet();
    /** Packs committed but in no index file yet; used on the committer thread only. */
    private final Map<String, List<PackEntry>> notIndexed = new LinkedHashMap<>();
    private volatile boolean stopping;
    private ChunkIndex index;
    private Chunker chunker;
    private byte[] buffer;

    public BackupRun(OpenRepository repository, Progress progress, Consumer<String> warnings) {
        this.repository = repository;
        this.storage = repository.storage();
        this.progress = progress;
        this.warningSink = warnings;
        this.workerCount = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.packSize = repository.options().packSize();
        int max = repository.options().maxChunkSize();
        this.plainBuffers = new BufferPool(IN_FLIGHT_CHUNKS + workerCount, max);
        this.storedBuffers = new BufferPool(IN_FLIGHT_CHUNKS, max + BlobCodec.OVERHEAD);
        this.threadCodec = ThreadLocal.withInitial(() -> {
            BlobCodec c = repository.newCodec();
            codecs.add(c);
            return c;
        });
    }

    /** What one workload of the run gathers. */
    private static final class Workload {
        final WorkloadRun run;
        final List<Batch> batches = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final LongAdder chunks = new LongAdder();
        final LongAdder newChunks = new LongAdder();
        final LongAdder bytesNew = new LongAdder();
        final LongAdder bytesStored = new LongAdder();
        long files;
        long directories;
        long symlinks;
        long bytesRead;
        Instant start;
        Duration duration = Duration.ZERO;
        Batch open;
        /** The files of the latest earlier snapshot of this workload, by path. */
        Map<String, TreeEntry> parent = Map.of();
        long unchanged;

        Workload(WorkloadRun run) {
            this.run = run;
        }
    }

    /** An item waiting for its chunk ids. */
    private record Pending(WorkloadItem item, FileChunks chunks) {
    }

    /** A file's chunk ids, filled in by the workers; segments never move once handed out. */
    private static final class FileChunks {
        final List<BlobId[]> segments = new ArrayList<>();
        int count;

        BlobId[] segmentFor(int position) {
            if (position / SEGMENT == segments.size()) {
                segments.add(new BlobId[SEGMENT]);
            }
            return segments.get(position / SEGMENT);
        }

        List<BlobId> ids() {
            List<BlobId> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ids.add(segments.get(i / SEGMENT)[i % SEGMENT]);
            }
            return ids;
        }
    }

    /**
     * A part of a workload's tree. It is complete when it is sealed and every chunk task of its items has
     * run; whichever thread completes it stores its tree blob.
     */
    private final class Batch {
        final Workload workload;
        final List<Pending> items = new ArrayList<>();
        final AtomicInteger outstanding = new AtomicInteger(1);
        int chunkIds;
        volatile BlobId tree;

        Batch(Workload workload) {
            this.workload = workload;
        }

        void taskStarted() {
            outstanding.incrementAndGet();
        }

        void taskDone() {
            if (outstanding.decrementAndGet() == 0) {
                complete();
            }
        }

        void seal() {
            if (outstanding.decrementAndGet() == 0) {
                complete();
            }
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
            byte[] plain = repository.documents().encodeTree(entries);
            BlobCodec codec = threadCodec.get();
            BlobId id = codec.id(plain, 0, plain.length);
            if (index.claim(BlobType.TREE, id)) {
                toWriter.add(new Outgoing(new EncodedBlob(BlobType.TREE, id,
                        codec.encodeBlob(BlobType.TREE, id, plain, 0, plain.length), plain.length), false));
            }
            tree = id;
        }
    }

    public BackupResult run(List<WorkloadRun> runs) throws IOException {
        Instant started = Instant.now();
        BlobCodec codec = threadCodec.get();
        chunker = repository.newChunker(codec);
        buffer = new byte[2 * chunker.max()];
        progress.begin("Backing up to " + storage.location(), estimate(runs));
        progress.subTask("Reading the repository's index");
        storage.deleteAbandoned();
        OpenRepository.LoadedIndex loaded = repository.loadIndex(codec, this::warn, progress::checkCanceled, true);
        index = loaded.index();
        if (!loaded.unindexed().isEmpty()) {
            progress.subTask("Indexing " + loaded.unindexed().size() + " packs an interrupted backup finished");
            bytesWritten.add(sizeOf(IndexFile.write(storage, codec, loaded.unindexed())));
        }

        ExecutorService pool = Executors.newFixedThreadPool(workerCount, threads("seedbench-backup-worker"));
        Thread writer = threads("seedbench-pack-writer").newThread(this::writePacks);
        writer.start();
        List<Workload> workloads = new ArrayList<>();
        boolean done = false;
        try {
            for (WorkloadRun run : runs) {
                Workload w = new Workload(run);
                workloads.add(w);
                backUp(w, pool);
            }
            awaitTasks();
            progress.checkCanceled();
            progress.subTask("Writing the last pack and the index");
            toWriter.add(end);
            while (writer.isAlive()) {
                writer.join(POLL_MILLIS);
                rethrowFailure();
            }
            rethrowFailure();
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
                    Duration.between(started, Instant.now()));
            return new BackupResult(snapshots, total, warnings, bytesWritten.sum());
        } catch (InterruptedException e) {
            rethrowFailure();
            Thread.currentThread().interrupt();
            throw new Progress.CanceledException();
        } finally {
            stopping = true;
            pool.shutdownNow();
            try {
                if (!done) {
                    writer.interrupt();
                }
                writer.join();
                committer.shutdownNow();
                boolean idle = committer.awaitTermination(1, TimeUnit.MINUTES);
                idle &= pool.awaitTermination(1, TimeUnit.MINUTES);
                discardUncommitted();
                if (idle) {
                    codecs.forEach(BlobCodec::close);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Removes the temporary files of packs a stopped run sealed but did not commit. */
    private void discardUncommitted() {
        for (PackWriter.SealedPack sealed : uncommitted) {
            try {
                sealed.discard();
            } catch (IOException e) {
                warn("could not remove the unfinished pack " + sealed.name() + ": " + e.getMessage());
            }
        }
        uncommitted.clear();
    }

    private long estimate(List<WorkloadRun> runs) {
        long total = 0;
        for (WorkloadRun run : runs) {
            try {
                total += run.source().estimateSize(run.spec(), cancelOnly());
            } catch (IOException | UncheckedIOException e) {
                return -1;
            }
        }
        return total;
    }

    /** The run's progress for a source: cancellation passes, the source's own tasks do not. */
    private Progress cancelOnly() {
        return new Progress() {
            @Override
            public boolean isCanceled() {
                return progress.isCanceled();
            }

            @Override
            public void checkCanceled() {
                progress.checkCanceled();
            }
        };
    }

    private void backUp(Workload w, ExecutorService pool) throws IOException, InterruptedException {
        w.start = Instant.now();
        w.parent = parentFiles(w.run.spec());
        w.open = new Batch(w);
        w.batches.add(w.open);
        try {
            w.run.source().enumerate(w.run.spec(), item -> {
                try {
                    item(w, item, pool);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    throw new UncheckedIOException(new InterruptedIOException("the run is stopping"));
                }
            }, line -> warn(w, line), cancelOnly());
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof InterruptedIOException) {
                rethrowFailure();
                throw new Progress.CanceledException();
            }
            throw e.getCause();
        }
        rethrowFailure();
        w.open.seal();
        w.open = null;
        w.duration = Duration.between(w.start, Instant.now());
    }

    private void item(Workload w, WorkloadItem item, ExecutorService pool) throws IOException, InterruptedException {
        progress.checkCanceled();
        rethrowFailure();
        String unsafe = SafePaths.problem(item.path());
        if (unsafe != null) {
            warn(w, "'" + item.path() + "' was left out: its path is not usable (" + unsafe + ")");
            return;
        }
        Batch batch = w.open;
        switch (item.type()) {
            case DIRECTORY -> {
                w.directories++;
                batch.items.add(new Pending(item, null));
            }
            case SYMLINK -> {
                if (item.linkTarget() == null) {
                    warn(w, item.path() + " was left out: the source gave no link target");
                    return;
                }
                w.symlinks++;
                batch.items.add(new Pending(item, null));
            }
            case FILE -> {
                FileChunks chunks = unchanged(w, item);
                if (chunks == null) {
                    chunks = readFile(w, item, batch, pool);
                }
                if (chunks == null) {
                    return;
                }
                w.files++;
                batch.items.add(new Pending(item, chunks));
                batch.chunkIds += chunks.count;
            }
        }
        if (batch.items.size() >= TREE_ITEMS || batch.chunkIds >= TREE_CHUNKS) {
            w.open = new Batch(w);
            w.batches.add(w.open);
            batch.seal();
        }
    }

    /**
     * The files of the latest snapshot of the same workload (source, target and options), by path; empty when
     * there is none or it cannot be read, and then every file is read.
     */
    private Map<String, TreeEntry> parentFiles(WorkloadSpec spec) {
        BlobCodec codec = threadCodec.get();
        try {
            SnapshotRecord latest = null;
            for (String id : repository.snapshotIds()) {
                SnapshotRecord s = repository.readSnapshot(id, codec);
                if (s.workload().equals(spec) && (latest == null || s.time().isAfter(latest.time()))) {
                    latest = s;
                }
            }
            if (latest == null) {
                return Map.of();
            }
            progress.subTask("Reading the previous snapshot of " + spec);
            Map<String, TreeEntry> files = new HashMap<>();
            for (TreeEntry e : repository.readTree(latest, index, codec)) {
                if (e.type() == WorkloadItem.Type.FILE) {
                    files.put(e.path(), e);
                }
            }
            return files;
        } catch (IOException e) {
            warn("the previous snapshot of " + spec + " could not be read, so every file is read again: "
                    + e.getMessage());
            return Map.of();
        }
    }

    /**
     * The chunk ids of a file the previous snapshot holds with the same size, modification time and attributes,
     * when every chunk is still in the repository; {@code null} when the file must be read. Its bytes count as
     * read: the statistics describe the data the snapshot covers.
     */
    private FileChunks unchanged(Workload w, WorkloadItem item) {
        TreeEntry before = w.parent.get(item.path());
        if (before == null || before.size() != item.size() || before.modified() == null
                || !before.modified().equals(item.modified()) || !before.attributes().equals(item.attributes())) {
            return null;
        }
        FileChunks chunks = new FileChunks();
        for (BlobId id : before.chunks()) {
            if (!index.contains(BlobType.DATA, id)) {
                return null;
            }
            chunks.segmentFor(chunks.count)[chunks.count % SEGMENT] = id;
            chunks.count++;
        }
        w.unchanged++;
        w.chunks.add(chunks.count);
        w.bytesRead += item.size();
        progress.worked(item.size());
        return chunks;
    }

    /** Reads a file into chunks, trying twice; {@code null} (and a warning) when it cannot be read whole. */
    private FileChunks readFile(Workload w, WorkloadItem item, Batch batch, ExecutorService pool)
            throws InterruptedException, IOException {
        progress.subTask(item.path());
        String problem = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            FileChunks chunks = new FileChunks();
            try (InputStream in = w.run.source().open(w.run.spec(), item)) {
                long read = chunk(w, in, chunks, batch, pool);
                if (read == item.size()) {
                    w.bytesRead += read;
                    return chunks;
                }
                problem = "changed while it was read (listed with " + item.size() + " bytes, " + read + " read)";
            } catch (IOException | UncheckedIOException | SecurityException e) {
                rethrowFailure();
                problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        warn(w, item.path() + " was left out after two attempts: " + problem);
        return null;
    }

    /** Cuts a stream into chunks and hands them to the workers; returns the bytes read. */
    private long chunk(Workload w, InputStream in, FileChunks chunks, Batch batch, ExecutorService pool)
            throws IOException, InterruptedException {
        byte[] buf = buffer;
        int max = chunker.max();
        int start = 0;
        int end = 0;
        boolean eof = false;
        long total = 0;
        while (true) {
            while (!eof && end - start < max) {
                if (buf.length - end < max) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                }
                int n = in.read(buf, end, Math.min(buf.length - end, READ_SIZE));
                if (n < 0) {
                    eof = true;
                } else {
                    end += n;
                }
            }
            if (end == start) {
                return total;
            }
            int len = chunker.next(buf, start, end - start);
            submit(w, chunks, batch, buf, start, len, pool);
            start += len;
            total += len;
            progress.worked(len);
            progress.checkCanceled();
            rethrowFailure();
        }
    }

    private void submit(Workload w, FileChunks chunks, Batch batch, byte[] buf, int off, int len,
            ExecutorService pool) throws InterruptedException, IOException {
        int position = chunks.count++;
        BlobId[] segment = chunks.segmentFor(position);
        int slot = position % SEGMENT;
        boolean zero = chunker.allZero(buf, off, len);
        if (zero) {
            BlobId known = zeroChunks.get(len);
            if (known != null && index.contains(BlobType.DATA, known)) {
                segment[slot] = known;
                w.chunks.increment();
                return;
            }
        }
        byte[] data = plainBuffers.take(this::stopped);
        System.arraycopy(buf, off, data, 0, len);
        batch.taskStarted();
        tasks.increment();
        try {
            pool.execute(() -> chunkTask(w, segment, slot, data, len, zero, batch));
        } catch (RuntimeException e) {
            plainBuffers.give(data);
            tasks.decrement();
            throw e;
        }
    }

    private boolean stopped() {
        return stopping || failure.get() != null;
    }

    private void chunkTask(Workload w, BlobId[] segment, int slot, byte[] data, int len, boolean zero,
            Batch batch) {
        boolean given = false;
        try {
            if (stopped()) {
                return;
            }
            BlobCodec codec = threadCodec.get();
            BlobId id = codec.id(data, 0, len);
            segment[slot] = id;
            w.chunks.increment();
            if (zero) {
                zeroChunks.putIfAbsent(len, id);
            }
            if (index.claim(BlobType.DATA, id)) {
                byte[] out = storedBuffers.take(this::stopped);
                int stored = codec.encodeBlob(BlobType.DATA, id, data, 0, len, out);
                w.newChunks.increment();
                w.bytesNew.add(len);
                w.bytesStored.add(stored);
                plainBuffers.give(data);
                given = true;
                toWriter.add(new Outgoing(new EncodedBlob(BlobType.DATA, id, out, stored, len), true));
            }
            batch.taskDone();
        } catch (InterruptedException e) {
            if (!stopping) {
                fail(e);
            }
        } catch (Throwable t) {
            fail(t);
        } finally {
            if (!given) {
                plainBuffers.give(data);
            }
            tasks.decrement();
        }
    }

    /** A blob for the writer; a pooled one goes back to the pool once written. */
    private record Outgoing(EncodedBlob blob, boolean pooled) {
    }

    /**
     * The writer thread: appends blobs to packs and seals them, tree blobs to packs of their own (so that a lost
     * data pack costs only the files whose content it holds); the committer thread commits them (the
     * wait for the disk overlaps the next pack) and writes the index files.
     */
    private void writePacks() {
        String dataFolder = repository.packFolder(BlobType.DATA);
        String treeFolder = repository.packFolder(BlobType.TREE);
        try (BlobCodec codec = repository.newCodec(); BlobCodec treeCodec = repository.newCodec();
                PackWriter dataPack = new PackWriter(storage, codec, dataFolder);
                PackWriter treePack = new PackWriter(storage, treeCodec, treeFolder)) {
            while (!stopping) {
                Object next = toWriter.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                if (next == end) {
                    for (PackWriter pack : List.of(dataPack, treePack)) {
                        if (!pack.isEmpty()) {
                            commitLater(pack.seal());
                        }
                    }
                    committer.execute(this::writeLastIndex);
                    committer.shutdown();
                    while (!committer.awaitTermination(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                        if (stopping) {
                            return;
                        }
                    }
                    return;
                }
                Outgoing blob = (Outgoing) next;
                PackWriter pack = blob.blob().type() == BlobType.TREE && !treeFolder.equals(dataFolder) ? treePack
                        : dataPack;
                try {
                    pack.add(blob.blob());
                } finally {
                    if (blob.pooled()) {
                        storedBuffers.give(blob.blob().bytes());
                    }
                }
                if (pack.size() >= packSize) {
                    commitLater(pack.seal());
                }
            }
        } catch (InterruptedException e) {
            if (!stopping) {
                fail(e);
            }
        } catch (Throwable t) {
            fail(t);
        }
        drainAfterFailure();
    }

    private void drainAfterFailure() {
        while (!stopping) {
            try {
                Object next = toWriter.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (next instanceof Outgoing blob && blob.pooled()) {
                    storedBuffers.give(blob.blob().bytes());
                } else if (next == end) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Hands a sealed pack to the committer, waiting while {@link #COMMITS_IN_FLIGHT} are queued there. */
    private void commitLater(PackWriter.SealedPack sealed) throws InterruptedException, IOException {
        uncommitted.add(sealed);
        while (!commitSlots.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (stopped()) {
                throw new InterruptedException("the run is stopping");
            }
        }
        committer.execute(() -> {
            try {
                if (!stopped()) {
                    committed(sealed.commit());
                    uncommitted.remove(sealed);
                }
            } catch (Throwable t) {
                fail(t);
            } finally {
                commitSlots.release();
            }
        });
    }

    /** On the committer thread: the pack is in the storage; index it (in memory, and every so many packs). */
    private void committed(PackWriter.FinishedPack pack) throws IOException {
        index.addPack(pack.name(), pack.entries());
        bytesWritten.add(pack.size());
        notIndexed.put(pack.name(), pack.entries());
        if (notIndexed.size() >= INDEX_EVERY_PACKS) {
            bytesWritten.add(sizeOf(IndexFile.write(storage, committerCodec(), notIndexed)));
            notIndexed.clear();
        }
    }

    /** On the committer thread, after the last pack: the index of the packs not indexed yet. */
    private void writeLastIndex() {
        try {
            if (!stopped() && !notIndexed.isEmpty()) {
                bytesWritten.add(sizeOf(IndexFile.write(storage, committerCodec(), notIndexed)));
                notIndexed.clear();
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    private BlobCodec committerCodec() {
        return threadCodec.get();
    }

    private long sizeOf(String object) throws IOException {
        return storage.size(object);
    }

    private void awaitTasks() throws InterruptedException, IOException {
        while (!tasks.awaitZero(POLL_MILLIS)) {
            progress.checkCanceled();
            rethrowFailure();
        }
        rethrowFailure();
    }

    private SnapshotInfo writeSnapshot(Workload w, String host, BlobCodec codec) throws IOException {
        List<BlobId> trees = new ArrayList<>();
        for (Batch b : w.batches) {
            if (b.tree == null) {
                throw new IllegalStateException("a tree part of " + w.run.spec() + " was not completed");
            }
            trees.add(b.tree);
        }
        BackupStatistics stats = new BackupStatistics(w.files, w.directories, w.symlinks, w.bytesRead,
                w.bytesNew.sum(), w.bytesStored.sum(), w.chunks.sum(), w.newChunks.sum(), w.duration);
        SnapshotRecord record = new SnapshotRecord(w.start, host, w.run.spec(), trees, stats, w.warnings);
        String id = repository.writeSnapshot(record, codec);
        bytesWritten.add(storage.size(OpenRepository.SNAPSHOTS + "/" + id));
        return new SnapshotInfo(id, record.time(), host, record.workload(), stats, record.warnings());
    }

    private void warn(String line) {
        warnings.add(line);
        warningSink.accept(line);
    }

    private void warn(Workload w, String line) {
        w.warnings.add(line);
        warn(line);
    }

    private void fail(Throwable t) {
        failure.compareAndSet(null, t);
    }

    private void rethrowFailure() throws IOException {
        Throwable t = failure.get();
        if (t == null) {
            return;
        }
        if (t instanceof IOException e) {
            throw new RepositoryException("the backup failed: " + e.getMessage(), e);
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new RepositoryException("the backup failed: " + t, t);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown" : env;
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
