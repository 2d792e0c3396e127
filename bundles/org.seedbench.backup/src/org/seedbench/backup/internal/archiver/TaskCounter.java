package org.seedbench.backup.internal.archiver;

/** Counts tasks in flight and lets a thread wait until none is. */
final class TaskCounter {
    private long running;

    synchronized void increment() {
        running++;
    }

    synchronized void decrement() {
        running--;
        if (running == 0) {
            notifyAll();
        }
    }

    /** Waits at most {@code millis} for no task to run; whether none runs. */
    synchronized boolean awaitZero(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (running > 0) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
