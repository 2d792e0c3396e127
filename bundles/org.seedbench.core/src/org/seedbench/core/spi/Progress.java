package org.seedbench.core.spi;

/**
 * How long work reports progress and learns it was cancelled. The shape of Eclipse's IProgressMonitor,
 * without depending on it: the workbench adapts its monitors, the CLI draws a progress line.
 */
public interface Progress {
    /** A progress that reports nowhere and is never cancelled. */
    Progress NONE = new Progress() {
    };

    /** Starts a task of {@code totalWork} units (bytes, files…); -1 when the total is unknown. */
    default void begin(String task, long totalWork) {
    }

    /** A finer description of what is being done now, e.g. the file being read. */
    default void subTask(String name) {
    }

    /** {@code units} more of the total are done. */
    default void worked(long units) {
    }

    default boolean isCanceled() {
        return false;
    }

    /** @throws CanceledException when the user cancelled; work stops at a resumable point */
    default void checkCanceled() {
        if (isCanceled()) {
            throw new CanceledException();
        }
    }

    /** Thrown by {@link Progress#checkCanceled()}. */
    class CanceledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CanceledException() {
            super("cancelled");
        }
    }
}
