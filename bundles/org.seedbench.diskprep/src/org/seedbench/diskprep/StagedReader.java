package org.seedbench.diskprep;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

import org.apache.commons.io.IOUtils;

/**
 * A staged object read in order from its start, block after block, by the drive copy. An object the staging store
 * keeps in a local file is read with positional reads of its {@link FileChannel} (as large as the block, no stream
 * in between); any other store's object through the store's stream.
 */
abstract sealed class StagedReader implements Closeable {
    /** The object's path on the drive, for messages. */
    private final String path;

    private StagedReader(String path) {
        this.path = path;
    }

    /** Reads a staged object's local file through {@code channel}, which the reader closes. */
    static StagedReader of(FileChannel channel, String path) {
        return new ChannelReader(channel, path);
    }

    /** Reads a staged object through {@code in}, which the reader closes. */
    static StagedReader of(InputStream in, String path) {
        return new StreamReader(in, path);
    }

    /** The next {@code length} bytes into {@code buf}. */
    abstract void readFully(byte[] buf, int length) throws IOException;

    /**
     * Passes over the next {@code length} bytes (those a resumed copy does not copy again), hashing them into
     * {@code sha} unless it is {@code null}; {@code buf} is free to use.
     */
    void skip(long length, MessageDigest sha, byte[] buf) throws IOException {
        for (long offset = 0; offset < length; offset += buf.length) {
            int n = (int) Math.min(buf.length, length - offset);
            readFully(buf, n);
            if (sha != null) {
                sha.update(buf, 0, n);
            }
        }
    }

    IOException shorter() {
        return new IOException("the staged file " + path + " is shorter than when the drives were planned; "
                + "the staging repository changed (prepare-drives --restart)");
    }

    /** Positional reads of a local file, each straight into the block buffer. */
    private static final class ChannelReader extends StagedReader {
        private final FileChannel channel;
        private long position;

        ChannelReader(FileChannel channel, String path) {
            super(path);
            this.channel = channel;
        }

        @Override
        void readFully(byte[] buf, int length) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(buf, 0, length);
            while (b.hasRemaining()) {
                int n = channel.read(b, position);
                if (n < 0) {
                    throw shorter();
                }
                position += n;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** The store's stream. */
    private static final class StreamReader extends StagedReader {
        private final InputStream in;

        StreamReader(InputStream in, String path) {
            super(path);
            this.in = in;
        }

        @Override
        void readFully(byte[] buf, int length) throws IOException {
            if (IOUtils.read(in, buf, 0, length) < length) {
                throw shorter();
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
