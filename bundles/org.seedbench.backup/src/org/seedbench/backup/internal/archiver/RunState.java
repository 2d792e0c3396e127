package org.seedbench.backup.internal.archiver;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import org.seedbench.backup.RepositoryException;

/**
 * Whether a backup run goes on: the first failure of any of its threads, and whether the run is stopping. Every
 * stage checks it often and stops where it is; the calling thread rethrows the failure.
 */
final class RunState {
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;

    /** Records a failure; only the first one counts. */
    void fail(Throwable t) {
        failure.compareAndSet(null, t);
    }

    boolean failed() {
        return failure.get() != null;
    }

    /** The run is ending (done, cancelled or failed): every stage stops. */
    void stop() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    /** Whether the run is stopping or has failed. */
    boolean stopped() {
        return stopping || failed();
    }

    /** Throws what made a thread of the run fail, if anything did. */
    void rethrow() throws IOException {
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
}
