package org.seedbench.core.spi;

/**
 * How long work reports progress and learns it was cancelled. The shape of Eclipse's IProgressMonitor,
 * without depending on it: the workbench adapts its monitors, the CLI draws a progress line.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface Progress {
    /** A progress that reports nowhere and is never cancelled. */
    Progress NONE = new Progress() {
    };

    /** What the units of a task are, so that they are shown as what they are. */
    enum Unit {
        /** Bytes: shown as sizes (MB), with a rate in bytes per second. */
        BYTES,
        /** A count of things (packs, blobs, objects, steps): shown as numbers, never as sizes. */
        ITEMS
    }

    /**
     * Starts a task of {@code totalWork} bytes; -1 when the total is unknown. A task ends when the next one begins
     * or the work returns.
     */
    default void begin(String task, long totalWork) {
    }

    /**
     * Starts a task of {@code totalWork} units of {@code unit}; -1 when the total is unknown. The default passes it
     * on to {@link #begin(String, long)}: a progress that shows only how far a task has come needs nothing more.
     *
     * @since 1.2
     */
    default void begin(String task, long totalWork, Unit unit) {
        begin(task, totalWork);
    }

    /** A finer description of what is being done now, e.g. the file being read. */
    default void subTask(String name) {
    }

    /** {@code units} more of the total are done. */
    default void worked(long units) {
    }

    /**
     * A part of the task this progress began, {@code work} of its units, for a phase that begins a task of its own
     * (an encryptor preparing one of several drives, say): what the phase begins shows as a sub-task of this task
     * and the units it works are scaled into its share, so the bar moves on instead of starting again. Splitting a
     * {@link SubProgress} also completes the share of the part split off before; see there.
     *
     * @since 1.3
     */
    default Progress split(long work) {
        return SubProgress.of(this, work);
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
