package org.seedbench.core.support.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * The bytes a {@link FolderVolume} stores for one file, gathered in a large buffer and written to the file in
 * big writes. Every byte is counted against the drive's declared capacity as it is taken, so a write that would
 * fill the drive fails before anything of it reaches the disk. Encoders may write straight into the buffer
 * ({@link #append}) to save a copy.
 */
public final class StoredOutput {
    /** Bytes gathered before they are written to the file. */
    public static final int BUFFER_SIZE = 1 << 20;

    private final FolderVolume volume;
    private final FileChannel channel;
    private final String path;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int count;
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
            flush();
            if (len >= buffer.length) {
                volume.claim(len, path);
                writeFully(ByteBuffer.wrap(b, off, len));
                return;
            }
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
            flush();
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

    /** Writes what is gathered to the file (not forced to disk). */
    public void flush() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            writeFully(ByteBuffer.wrap(buffer, 0, n));
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        int n = bytes.remaining();
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
        written += n;
    }
}
