package org.seedbench.core.support.volume;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The bytes a {@link FolderVolume} stores for one file, gathered in a large buffer and written to the file in
 * big writes (4 MiB). Every byte is counted against the drive's declared capacity as it is taken, so a write that
 * would fill the drive fails before anything of it reaches the disk. Encoders may write straight into the buffer
 * ({@link #append}) to save a copy.
 *
 * <p>A full buffer is written behind, on a writer thread, while the encoder fills the other one: encryption and
 * the write to the disk overlap. At most one write is in flight; {@link #flush()} waits for it and writes the
 * rest, so everything taken is in the file once it returns (a sync after it makes it durable). A write behind
 * that failed fails the next call.
 */
public final class StoredOutput {
    /** Bytes gathered before they are written to the file. */
    public static final int BUFFER_SIZE = 4 << 20;

    /** The writer threads, shared by every file being written; idle ones end after a minute. */
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "seedbench-drive-write");
        t.setDaemon(true);
        return t;
    });

    /** Buffers of finished files, kept for the next ones (a drive writes one file at a time): at most this many. */
    private static final int POOLED = 6;
    private static final ConcurrentLinkedDeque<byte[]> POOL = new ConcurrentLinkedDeque<>();

    private final FolderVolume volume;
    private final FileChannel channel;
    private final String path;
    private byte[] buffer = borrow();
    /** The buffer being written behind, or free again once {@link #writing} is done; null until needed. */
    private byte[] spare;
    private Future<?> writing;
    private int count;
    /** Stored bytes handed to the file (written, or being written behind), from the start of the file. */
    private long written;

    StoredOutput(FolderVolume volume, FileChannel channel, String path, long position) {
        this.volume = volume;
        this.channel = channel;
        this.path = path;
        this.written = position;
    }

    /** Stored bytes taken so far, from the start of the file. */
    public long position() {
        return written + count;
    }

    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len > buffer.length - count) {
            if (len >= buffer.length) {
                flush();
                volume.claim(len, path);
                writeFully(ByteBuffer.wrap(b, off, len));
                written += len;
                return;
            }
            writeBehind();
        }
        volume.claim(len, path);
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    /**
     * Takes {@code n} more bytes (at most {@link #BUFFER_SIZE}) and returns where they lie in {@link #array()};
     * the caller fills them before anything else is written.
     */
    public int append(int n) throws IOException {
        if (n < 0 || n > buffer.length) {
            throw new IllegalArgumentException("cannot append " + n + " bytes at once");
        }
        if (n > buffer.length - count) {
            writeBehind();
        }
        volume.claim(n, path);
        int at = count;
        count += n;
        return at;
    }

    /** The buffer {@link #append} hands out room in. */
    public byte[] array() {
        return buffer;
    }

    /** Writes everything taken to the file (not forced to disk), once the write behind is done. */
    public void flush() throws IOException {
        awaitWriting();
        if (count > 0) {
            int n = count;
            count = 0;
            writeFully(ByteBuffer.wrap(buffer, 0, n));
            written += n;
        }
    }

    /** Hands the gathered bytes to a writer thread and goes on in the other buffer. */
    private void writeBehind() throws IOException {
        awaitWriting();
        if (count == 0) {
            return;
        }
        byte[] full = buffer;
        int n = count;
        buffer = spare != null ? spare : borrow();
        spare = full;
        count = 0;
        written += n;
        writing = WRITERS.submit(() -> {
            writeFully(ByteBuffer.wrap(full, 0, n));
            return null;
        });
    }

    private void awaitWriting() throws IOException {
        Future<?> w = writing;
        if (w == null) {
            return;
        }
        if (w.isCancelled()) { // this thread was interrupted waiting for it: the write may still be going on
            throw new InterruptedIOException("writing '" + path + "' to drive " + volume.drive().serial()
                    + " was interrupted");
        }
        try {
            w.get();
            writing = null;
        } catch (InterruptedException e) {
            w.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("writing '" + path + "' to drive " + volume.drive().serial()
                    + " was interrupted");
        } catch (ExecutionException e) {
            writing = null;
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("writing '" + path + "' to drive " + volume.drive().serial() + " failed: "
                    + e.getCause(), e.getCause());
        }
    }

    /**
     * The file is finished or closed, everything taken flushed: its buffers go back to the pool (the one being
     * written behind only once that write ended). Nothing more may be taken.
     */
    void release() {
        if (buffer != null) {
            giveBack(buffer);
            buffer = null;
        }
        if (spare != null && writing == null) {
            giveBack(spare);
            spare = null;
        }
    }

    private static byte[] borrow() {
        byte[] b = POOL.pollFirst();
        return b != null ? b : new byte[BUFFER_SIZE];
    }

    private static void giveBack(byte[] b) {
        if (POOL.size() < POOLED) {
            POOL.offerFirst(b);
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            volume.recount();
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("No space left") || reason.contains("not enough space")) {
                throw new IOException("drive " + volume.drive().serial() + " is full: its file system has no "
                        + "space left for '" + path + "'; continue on another drive", e);
            }
            throw new IOException("writing '" + path + "' to drive " + volume.drive().serial() + " failed: "
                    + reason, e);
        }
    }
}
