package org.seedbench.backup.internal.repository;

import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.seedbench.backup.internal.DaemonThreads;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.index.ChunkIndex;
import org.seedbench.backup.internal.index.IndexFile;
import org.seedbench.backup.internal.pack.EncodedBlob;
import org.seedbench.backup.internal.pack.PackEntry;
import org.seedbench.backup.internal.pack.PackWriter;
import org.seedbench.core.spi.ObjectStore;

/**
 * The pack end of a backup run. A writer thread appends the blobs it is given to packs and seals them, tree blobs
 * to packs of their own (so that a lost data pack costs only the files whose content it holds); a committer thread
 * commits the sealed packs (the wait for the disk overlaps the next pack), adds them to the index and writes an
 * index file every {@link #INDEX_EVERY_PACKS} packs and after the last. A pack is committed before an index file
 * names it, so a run killed at any moment leaves a good repository; a sealed pack a stopped run did not commit is
 * discarded.
 */
public final class PackCommitter {
    /** An index file is written every this many packs (and at the end). */
    private static final int INDEX_EVERY_PACKS = 32;
    /**
     * A pack is closed at this many blobs, and an index file written once the packs waiting for one hold this
     * many: each blob's entry is kept in memory until its index file is written, and a tree of tiny files puts a
     * great many blobs in a pack of a few megabytes.
     */
    static final int MAX_ENTRIES = 65_536;
    /** Sealed packs that may wait for the committer. */
    private static final int COMMITS_IN_FLIGHT = 2;
    private static final long POLL_MILLIS = 100;

    private final OpenRepository repository;
    private final ObjectStore storage;
    private final ChunkIndex index;
    private final Supplier<BlobCodec> codec;
    private final Consumer<byte[]> recycle;
    private final BooleanSupplier failed;
    private final Consumer<Throwable> fail;
    private final long packSize;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Object end = new Object();
    private final Thread writer;
    private final ExecutorService committer = Executors.newSingleThreadExecutor(
            DaemonThreads.named("seedbench-pack-committer"));
    private final Semaphore commitSlots = new Semaphore(COMMITS_IN_FLIGHT);
    private final Set<PackWriter.SealedPack> uncommitted = ConcurrentHashMap.newKeySet();
    /** Packs committed but in no index file yet; used on the committer thread only. */
    private final Map<String, List<PackEntry>> notIndexed = new LinkedHashMap<>();
    /** Entries of the packs in {@link #notIndexed}; used on the committer thread only. */
    private int notIndexedEntries;
    private final LongAdder bytesWritten = new LongAdder();
    private volatile boolean stopping;

    /**
     * @param index   the run's index: each committed pack's blobs are added to it
     * @param codec   the calling thread's codec (the committer thread seals index files with it)
     * @param recycle takes back the buffer of a pooled blob once it is written
     * @param failed  whether the run has failed (the committer then stops where it is)
     * @param fail    is told what made the writer or the committer fail
     */
    public PackCommitter(OpenRepository repository, ChunkIndex index, Supplier<BlobCodec> codec,
            Consumer<byte[]> recycle, BooleanSupplier failed, Consumer<Throwable> fail) {
        this.repository = repository;
        this.storage = repository.storage();
        this.index = index;
        this.codec = codec;
        this.recycle = recycle;
        this.failed = failed;
        this.fail = fail;
        this.packSize = repository.options().packSize();
        this.writer = DaemonThreads.named("seedbench-pack-writer").newThread(this::writePacks);
    }

    /** A blob for the writer; a pooled one's buffer is recycled once written. */
    private record Outgoing(EncodedBlob blob, boolean pooled) {
    }

    public void start() {
        writer.start();
    }

    /** Queues a blob for a pack; {@code pooled}: its buffer goes back to the recycler once written. */
    public void add(EncodedBlob blob, boolean pooled) {
        queue.add(new Outgoing(blob, pooled));
    }

    /** After the last blob: the writer seals the last packs, and the committer commits them and writes the index. */
    public void finish() {
        queue.add(end);
    }

    /** Waits up to {@code millis} for the writer to end (after {@link #finish()}, or a failure); whether it has. */
    public boolean awaitWriter(long millis) throws InterruptedException {
        writer.join(millis);
        return !writer.isAlive();
    }

    /** Everything the committer added to the storage: packs and index files. */
    public long bytesWritten() {
        return bytesWritten.sum();
    }

    /**
     * Stops both threads; unless the run is {@code done}, the writer where it is. Sealed packs not committed are
     * discarded, with a warning where that fails.
     *
     * @return whether the committer thread has ended (else it may still use its codec)
     */
    public boolean stop(boolean done, Consumer<String> warnings) throws InterruptedException {
        stopping = true;
        if (!done) {
            writer.interrupt();
        }
        writer.join();
        committer.shutdownNow();
        boolean idle = committer.awaitTermination(1, TimeUnit.MINUTES);
        for (PackWriter.SealedPack sealed : uncommitted) {
            try {
                sealed.discard();
            } catch (IOException e) {
                warnings.accept("could not remove the unfinished pack " + sealed.name() + ": " + e.getMessage());
            }
        }
        uncommitted.clear();
        return idle;
    }

    private boolean stopped() {
        return stopping || failed.getAsBoolean();
    }

    /** The writer thread. */
    private void writePacks() {
        String dataFolder = repository.packFolder(BlobType.DATA);
        String treeFolder = repository.packFolder(BlobType.TREE);
        try (BlobCodec dataCodec = repository.newCodec(); BlobCodec treeCodec = repository.newCodec();
                PackWriter dataPack = new PackWriter(storage, dataCodec, dataFolder);
                PackWriter treePack = new PackWriter(storage, treeCodec, treeFolder)) {
            while (!stopping) {
                Object next = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
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
                        recycle.accept(blob.blob().bytes());
                    }
                }
                if (pack.size() >= packSize || pack.entryCount() >= MAX_ENTRIES) {
                    commitLater(pack.seal());
                }
            }
        } catch (InterruptedException e) {
            if (!stopping) {
                fail.accept(e);
            }
        } catch (Throwable t) {
            fail.accept(t);
        }
        drainAfterFailure();
    }

    /** Recycles the buffers of the blobs still queued, until the end marker or the run stops. */
    private void drainAfterFailure() {
        while (!stopping) {
            try {
                Object next = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (next instanceof Outgoing blob && blob.pooled()) {
                    recycle.accept(blob.blob().bytes());
                } else if (next == end) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Hands a sealed pack to the committer, waiting while {@link #COMMITS_IN_FLIGHT} are queued there. */
    private void commitLater(PackWriter.SealedPack sealed) throws InterruptedException {
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
                fail.accept(t);
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
        notIndexedEntries += pack.entries().size();
        if (notIndexed.size() >= INDEX_EVERY_PACKS || notIndexedEntries >= MAX_ENTRIES) {
            writeIndex();
        }
    }

    /** On the committer thread, after the last pack: the index of the packs not indexed yet. */
    private void writeLastIndex() {
        try {
            if (!stopped() && !notIndexed.isEmpty()) {
                writeIndex();
            }
        } catch (Throwable t) {
            fail.accept(t);
        }
    }

    private void writeIndex() throws IOException {
        bytesWritten.add(storage.size(IndexFile.write(storage, codec.get(), notIndexed)));
        notIndexed.clear();
        notIndexedEntries = 0;
    }
}
