package org.seedbench.backup.internal.archiver;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.seedbench.backup.internal.DaemonThreads;
import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.crypto.ThreadCodecs;
import org.seedbench.backup.internal.index.ChunkIndex;
import org.seedbench.backup.internal.pack.EncodedBlob;
import org.seedbench.backup.internal.repository.PackCommitter;

/**
 * The workers of a backup run, one per core: each hashes a chunk to its id, claims it in the index (so that no two
 * threads store one blob), and compresses and encrypts the chunks the repository does not hold yet for the pack
 * committer. Memory is bounded by pooled buffers: {@link #IN_FLIGHT_CHUNKS} chunks may wait for a worker (besides
 * one per worker) and as many encoded ones for the writer, so the reader waits when the workers or the disk fall
 * behind. A run of zeros of a length seen before is not hashed again.
 */
final class EncoderPool {
    /**
     * Chunks allowed to wait between reader and workers (besides one per worker), and between workers and
     * writer: with 4 MiB chunks, about 24 MiB each, enough to keep every core busy.
     */
    private static final int IN_FLIGHT_CHUNKS = 6;
    private static final long POLL_MILLIS = 100;

    private final ExecutorService workers;
    private final int workerCount;
    private final ChunkIndex index;
    private final ThreadCodecs codecs;
    private final PackCommitter packs;
    private final RunState state;
    private final BufferPool plainBuffers;
    private final BufferPool storedBuffers;
    private final TaskCounter tasks = new TaskCounter();
    private final Map<Integer, BlobId> zeroChunks = new ConcurrentHashMap<>();

    /** Where a worker reports a chunk's id: {@code stored} bytes it took, or -1 when the repository had it. */
    interface Done {
        void chunk(BlobId id, int length, int stored);
    }

    /**
     * @param storedBuffers the buffers of encoded chunks, which the pack committer gives back once written
     */
    EncoderPool(int maxChunkSize, BufferPool storedBuffers, ChunkIndex index, ThreadCodecs codecs,
            PackCommitter packs, RunState state) {
        this.workerCount = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.workers = Executors.newFixedThreadPool(workerCount, DaemonThreads.named("seedbench-backup-worker"));
        this.plainBuffers = new BufferPool(IN_FLIGHT_CHUNKS + workerCount, maxChunkSize);
        this.storedBuffers = storedBuffers;
        this.index = index;
        this.codecs = codecs;
        this.packs = packs;
        this.state = state;
    }

    /** The pool of encoded chunks' buffers a run makes: as many as may wait for the writer. */
    static BufferPool storedBuffers(int maxChunkSize) {
        return new BufferPool(IN_FLIGHT_CHUNKS, maxChunkSize + BlobCodec.OVERHEAD);
    }

    /**
     * Hands a chunk to a worker, copying it first (waiting while every buffer is in flight). A run of zeros whose id
     * is known and stored is done at once, on this thread. {@code done} runs on the worker once the id is known,
     * unless the run stops before.
     *
     * @param zero whether the chunk is all zero bytes
     */
    void submit(byte[] buf, int off, int len, boolean zero, Done done) throws InterruptedException {
        if (zero) {
            BlobId known = zeroChunks.get(len);
            if (known != null && index.contains(BlobType.DATA, known)) {
                done.chunk(known, len, -1);
                return;
            }
        }
        byte[] data = plainBuffers.take(state::stopped);
        System.arraycopy(buf, off, data, 0, len);
        tasks.increment();
        try {
            workers.execute(() -> encode(data, len, zero, done));
        } catch (RuntimeException e) {
            plainBuffers.give(data);
            tasks.decrement();
            throw e;
        }
    }

    private void encode(byte[] data, int len, boolean zero, Done done) {
        boolean given = false;
        try {
            if (state.stopped()) {
                return;
            }
            BlobCodec codec = codecs.get();
            BlobId id = codec.id(data, 0, len);
            if (zero) {
                zeroChunks.putIfAbsent(len, id);
            }
            int stored = -1;
            if (index.claim(BlobType.DATA, id)) {
                byte[] out = storedBuffers.take(state::stopped);
                stored = codec.encodeBlob(BlobType.DATA, id, data, 0, len, out);
                plainBuffers.give(data);
                given = true;
                packs.add(new EncodedBlob(BlobType.DATA, id, out, stored, len), true);
            }
            done.chunk(id, len, stored);
        } catch (InterruptedException e) {
            if (!state.stopping()) {
                state.fail(e);
            }
        } catch (Throwable t) {
            state.fail(t);
        } finally {
            if (!given) {
                plainBuffers.give(data);
            }
            tasks.decrement();
        }
    }

    /** Waits until every chunk handed over is done, checking for cancellation and failures while it waits. */
    void awaitIdle(Runnable checkCanceled) throws InterruptedException, IOException {
        while (!tasks.awaitZero(POLL_MILLIS)) {
            checkCanceled.run();
            state.rethrow();
        }
        state.rethrow();
    }

    /** Stops the workers where they are (the run is ending), without waiting. */
    void stop() {
        workers.shutdownNow();
    }

    /** After {@link #stop()}: whether the workers ended within a minute. */
    boolean awaitStopped() throws InterruptedException {
        return workers.awaitTermination(1, TimeUnit.MINUTES);
    }
}
