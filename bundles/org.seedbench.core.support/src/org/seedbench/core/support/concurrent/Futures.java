package org.seedbench.core.support.concurrent;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.seedbench.core.spi.Progress;

/** Waiting for a task another thread runs, the way the engines wait: an interrupt is the user's cancel. */
public final class Futures {

    private Futures() {
    }

    /**
     * The task's result, once it is done.
     *
     * @param failure what the task's failure becomes (given what it threw)
     * @throws Progress.CanceledException when this thread is interrupted while it waits (it stays interrupted)
     */
    public static <T> T await(Future<T> future, Function<Throwable, IOException> failure) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Progress.CanceledException();
        } catch (ExecutionException e) {
            throw failure.apply(e.getCause());
        }
    }
}
