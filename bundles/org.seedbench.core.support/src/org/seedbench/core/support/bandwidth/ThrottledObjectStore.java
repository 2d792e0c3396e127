package org.seedbench.core.support.bandwidth;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.support.files.DurableFiles;
import org.seedbench.core.support.store.ForwardingObjectStore;
import org.seedbench.core.support.store.LockedTempObject;

/**
 * A cloud container whose writes pass one {@link Bandwidth}: every byte put takes a token first, as the connector
 * reads it to send it. An object written through {@link #create} is spooled to a local file (locked while it is
 * written, like every temporary object of Seedbench) and put from there on commit, so that it too crosses the
 * network at the limit rather than in one burst (a connector that spools and uploads on commit would otherwise
 * send a whole pack at full speed). Reads, listings and server-side copies ({@link #copyFrom}, which the cloud
 * does inside itself) are not limited. The one place uploads are throttled, whatever the connector.
 */
public final class ThrottledObjectStore extends ForwardingObjectStore {
    /** The most bytes taken from the bucket at once, so that a large write shows its pace as it goes. */
    private static final int STEP = 64 * 1024;
    private static final String SPOOL_PREFIX = ".throttled-";

    private final Bandwidth bandwidth;
    private final BooleanSupplier canceled;
    private final Path spool;

    /**
     * @param canceled asked while a write waits for tokens (a progress's {@code isCanceled})
     * @param spool    a local folder where objects being written wait for their upload (created when needed)
     */
    public ThrottledObjectStore(ObjectStore store, Bandwidth bandwidth, BooleanSupplier canceled, Path spool) {
        super(store);
        this.bandwidth = bandwidth;
        this.canceled = canceled;
        this.spool = spool;
    }

    @Override
    public void put(String name, byte[] content) throws IOException {
        put(name, new ByteArrayInputStream(content), content.length);
    }

    @Override
    public void put(String name, InputStream content, long length) throws IOException {
        store().put(name, throttled(content), length);
    }

    @Override
    public PendingObject create(String folder) throws IOException {
        Files.createDirectories(spool);
        return new LockedTempObject(spool.resolve(SPOOL_PREFIX + UUID.randomUUID())) {
            @Override
            protected void commit(String name, FileChannel channel) throws IOException {
                long length = channel.size();
                try (InputStream in = Channels.newInputStream(channel.position(0))) {
                    put(name, in, length);
                }
            }
        };
    }

    /** A stream that takes a token for each byte read from {@code in}, before it hands the byte on. */
    private InputStream throttled(InputStream in) {
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

    /** What unfinished writes left in the store, and in the spool. */
    @Override
    public int deleteAbandoned() throws IOException {
        int removed = store().deleteAbandoned();
        if (Files.isDirectory(spool)) {
            List<Path> spooled;
            try (Stream<Path> files = Files.list(spool)) {
                spooled = files.filter(p -> p.getFileName().toString().startsWith(SPOOL_PREFIX)).toList();
            }
            for (Path file : spooled) {
                if (DurableFiles.abandoned(file) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }
}
