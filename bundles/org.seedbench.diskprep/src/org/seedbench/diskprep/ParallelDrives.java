package org.seedbench.diskprep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.Progress;

/**
 * Runs one step on every drive at once, a thread each: the drives are independent, and formatting or unlocking
 * one is mostly a key derivation (PBKDF2) or an external command (manage-bde) that need not wait for the others.
 * The step of each drive reports to a progress of its own that shows its sub-tasks and whether the user
 * cancelled; the shared progress moves by one unit when a drive's step is done.
 */
public final class ParallelDrives {

    /** The step of one drive. */
    @FunctionalInterface
    public interface Step<T, R> {
        R run(T drive, Progress progress) throws IOException, InvalidInputException;
    }

    private ParallelDrives() {
    }

    /**
     * Runs {@code step} on every one of {@code drives} at once and returns the results in their order, once all
     * ended. When one fails, the others still end (a drive is never left half formatted because another's key
     * was wrong), the results of those that succeeded go to {@code discard} (e.g. to close them), and the first
     * failure is thrown (a cancel first of all).
     *
     * @param name the threads' name, for thread dumps
     */
    public static <T, R> List<R> run(String name, List<T> drives, Progress progress, Step<T, R> step,
            Consumer<R> discard) throws IOException, InvalidInputException {
        Shared shared = new Shared(progress);
        if (drives.size() <= 1) {
            List<R> results = new ArrayList<>();
            for (T d : drives) {
                progress.checkCanceled();
                results.add(step.run(d, shared));
                shared.driveDone();
            }
            return results;
        }
        ExecutorService threads = Executors.newFixedThreadPool(drives.size(), r -> {
            Thread t = new Thread(r, "seedbench-" + name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> running = new ArrayList<>();
            for (T d : drives) {
                running.add(threads.submit(() -> {
                    shared.checkCanceled();
                    R r = step.run(d, shared);
                    shared.driveDone();
                    return r;
                }));
            }
            List<R> results = new ArrayList<>();
            Throwable first = null;
            for (Future<R> f : running) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (first == null || cause instanceof Progress.CanceledException) {
                        first = cause;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    first = new Progress.CanceledException();
                    threads.shutdownNow();
                }
            }
            if (first != null) {
                results.forEach(discard);
                if (first instanceof InvalidInputException invalid) {
                    throw invalid;
                }
                throw asIOException(first, "a drive's step failed");
            }
            return results;
        } finally {
            threads.shutdown();
        }
    }

    /** Throws {@code failure} when it is unchecked; otherwise returns it as the IOException to throw. */
    static IOException asIOException(Throwable failure, String what) {
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof IOException io ? io : new IOException(what + ": " + failure, failure);
    }

    /**
     * What the drives' steps report to: the sub-tasks they name and cancellation; their own tasks and units are
     * not shown, since several run at once. Only whole drives move the bar.
     */
    private static final class Shared implements Progress {
        private final Progress delegate;

        Shared(Progress delegate) {
            this.delegate = delegate;
        }

        @Override
        public void begin(String task, long totalWork) {
            subTask(task);
        }

        @Override
        public void begin(String task, long totalWork, Unit unit) {
            subTask(task);
        }

        @Override
        public synchronized void subTask(String name) {
            delegate.subTask(name);
        }

        @Override
        public void worked(long units) {
        }

        synchronized void driveDone() {
            delegate.worked(1);
        }

        @Override
        public Progress split(long work) {
            return this;
        }

        @Override
        public boolean isCanceled() {
            return delegate.isCanceled();
        }
    }
}
