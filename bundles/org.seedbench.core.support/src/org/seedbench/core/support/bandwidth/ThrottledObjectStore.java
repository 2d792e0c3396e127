package org.seedbench.core.support.bandwidth;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.seedbench.core.spi.ObjectStore;

/**
 * A cloud container whose writes pass one {@link Bandwidth}: every byte put or written into a pending object takes
 * a token first. Reads, listings and server-side copies ({@link #copyFrom}, which the cloud does inside itself) are
 * not limited. The one place uploads are throttled, whatever the connector.
 */
public final class ThrottledObjectStore implements ObjectStore {
    /** The most bytes taken from the bucket at once, so that a large write shows its pace as it goes. */
    private static final int STEP = 64 * 1024;

    private final ObjectStore store;
    private final Bandwidth bandwidth;
    private final BooleanSupplier canceled;

    /**
     * @param canceled asked while a write waits for tokens (a progress's {@code isCanceled})
     */
    public ThrottledObjectStore(ObjectStore store, Bandwidth bandwidth, BooleanSupplier canceled) {
        this.store = store;
        this.bandwidth = bandwidth;
        this.canceled = canceled;
    }

    /** The store it limits. */
    public ObjectStore store() {
        return store;
    }

    @Override
    public String location() {
        return store.location();
    }

    @Override
    public void put(String name, byte[] content) throws IOException {
        put(name, new java.io.ByteArrayInputStream(content), content.length);
    }

    @Override
    public void put(String name, InputStream content, long length) throws IOException {
        store.put(name, throttled(content), length);
    }

    @Override
    public PendingObject create(String folder) throws IOException {
        PendingObject pending = store.create(folder);
        return new PendingObject() {
            private OutputStream out;

            @Override
            public OutputStream output() throws IOException {
                if (out == null) {
                    out = throttled(pending.output());
                }
                return out;
            }

            @Override
            public void commit(String name) throws IOException {
                if (out != null) {
                    out.flush();
                }
                pending.commit(name);
            }

            @Override
            public void close() throws IOException {
                pending.close();
            }
        };
    }

    /** A stream that takes a token for each byte read from {@code in}, before it hands the byte on. */
    public InputStream throttled(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bandwidth.acquire(1, canceled);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, Math.min(len, STEP));
                if (n > 0) {
                    bandwidth.acquire(n, canceled);
                }
                return n;
            }
        };
    }

    /** A stream that takes a token for each byte before it writes it to {@code out}. */
    public OutputStream throttled(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                bandwidth.acquire(1, canceled);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int at = off, end = off + len; at < end; ) {
                    int n = Math.min(STEP, end - at);
                    bandwidth.acquire(n, canceled);
                    out.write(b, at, n);
                    at += n;
                }
            }
        };
    }

    @Override
    public byte[] get(String name) throws IOException {
        return store.get(name);
    }

    @Override
    public byte[] getRange(String name, long offset, int length) throws IOException {
        return store.getRange(name, offset, length);
    }

    @Override
    public InputStream open(String name) throws IOException {
        return store.open(name);
    }

    @Override
    public InputStream open(String name, long offset, long length) throws IOException {
        return store.open(name, offset, length);
    }

    @Override
    public Optional<Path> localFile(String name) throws IOException {
        return store.localFile(name);
    }

    @Override
    public void copyFrom(ObjectStore source, String name) throws IOException {
        store.copyFrom(source instanceof ThrottledObjectStore t ? t.store : source, name);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return store.list(prefix);
    }

    @Override
    public boolean exists(String name) throws IOException {
        return store.exists(name);
    }

    @Override
    public void delete(String name) throws IOException {
        store.delete(name);
    }

    @Override
    public long size(String name) throws IOException {
        return store.size(name);
    }

    @Override
    public int deleteAbandoned() throws IOException {
        return store.deleteAbandoned();
    }
}
