package org.seedbench.backup.internal.crypto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * A {@link BlobCodec} for each thread of a pipeline that asks for one (a codec is used by one thread at a time),
 * made on first use and closed together at the end.
 */
public final class ThreadCodecs implements AutoCloseable {
    private final List<BlobCodec> made = Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<BlobCodec> codec;

    /** @param factory makes a codec, e.g. {@code repository::newCodec} */
    public ThreadCodecs(Supplier<BlobCodec> factory) {
        this.codec = ThreadLocal.withInitial(() -> {
            BlobCodec c = factory.get();
            made.add(c);
            return c;
        });
    }

    /** The calling thread's codec. */
    public BlobCodec get() {
        return codec.get();
    }

    /** Closes every codec made; call it only once no thread uses them any more. */
    @Override
    public void close() {
        synchronized (made) {
            made.forEach(BlobCodec::close);
            made.clear();
        }
    }
}
