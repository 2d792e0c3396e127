package org.seedbench.backup.internal.archiver;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A fixed number of equal buffers passed between the stages of a backup. Taking one waits while all are
 * in use, which is what bounds the memory of the pipeline; reusing them keeps multi-megabyte arrays from
 * being allocated for every chunk.
 */
final class BufferPool {
    private final BlockingQueue<byte[]> free;
    private final int size;
    private int created;
    private final int count;

    BufferPool(int count, int size) {
        this.free = new ArrayBlockingQueue<>(count);
        this.count = count;
        this.size = size;
    }

    /**
     * A free buffer, made when fewer than the pool's number exist.
     *
     * @throws InterruptedException when {@code stop} turns true while waiting
     */
    byte[] take(BooleanSupplier stop) throws InterruptedException {
        byte[] b = free.poll();
        if (b != null) {
            return b;
        }
        synchronized (this) {
            if (created < count) {
                created++;
                return new byte[size];
            }
        }
        while (true) {
            b = free.poll(100, TimeUnit.MILLISECONDS);
            if (b != null) {
                return b;
            }
            if (stop.getAsBoolean()) {
                throw new InterruptedException("the run is stopping");
            }
        }
    }

    /** Gives a buffer back. */
    void give(byte[] b) {
        if (b.length == size) {
            free.offer(b);
        }
    }
}
