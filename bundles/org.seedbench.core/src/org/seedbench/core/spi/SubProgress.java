package org.seedbench.core.spi;

/**
 * One task divided among its phases, in the shape of Eclipse's {@code SubMonitor}: {@link #convert} begins the
 * task with its total, then {@link #split} gives each phase its share as a progress of its own. Whatever a phase
 * begins is shown as a sub-task of the one task, and the units it works are scaled into its share, so the bar
 * moves on from phase to phase instead of starting again.
 *
 * <pre>
 * SubProgress parts = SubProgress.convert(progress, "Preparing 3 drives", 3, Progress.Unit.ITEMS);
 * for (DriveTarget d : drives) {
 *     encryptor.prepare(d, job, parts.split(1)); // begins "Preparing drive …" of its own
 * }
 * </pre>
 *
 * A part that returns before working all its units has its share completed when the next part is split off, or
 * by {@link #done()}. Cancellation is the progress's it was made from.
 *
 * @since 1.3
 */
public final class SubProgress implements Progress {
    private final Progress parent;
    /** The units of the parent this progress stands for. */
    private final long share;
    /** The units of the parent already reported. */
    private long reported;
    /** Where the current task starts within the share, and how much of it is left to the task. */
    private long taskBase;
    private long taskShare;
    /** The current task's total (-1 when unknown) and the units of it worked. */
    private long total;
    private long done;
    private SubProgress part;

    private SubProgress(Progress parent, long share, long total) {
        this.parent = parent;
        this.share = Math.max(0, share);
        this.taskShare = this.share;
        this.total = total;
    }

    /**
     * Begins {@code task} of {@code totalWork} units on {@code progress} and returns it ready to be split among
     * the task's phases.
     */
    public static SubProgress convert(Progress progress, String task, long totalWork, Unit unit) {
        progress.begin(task, totalWork, unit);
        return new SubProgress(progress, totalWork, totalWork);
    }

    /**
     * A part of {@code parent}'s current task, {@code work} of its units. Nothing is begun on {@code parent}; the
     * part's own tasks show as its sub-tasks. Until it begins one, its units are the parent's.
     */
    static SubProgress of(Progress parent, long work) {
        return new SubProgress(parent, work, work);
    }

    /**
     * The next phase: {@code work} units of this task, as a progress of its own. The share of the phase before it
     * that it left unworked is reported first.
     */
    @Override
    public SubProgress split(long work) {
        if (part != null) {
            part.done();
        }
        part = of(this, work);
        return part;
    }

    /** Reports whatever of this progress's share is not reported yet. */
    public void done() {
        if (part != null) {
            part.done();
            part = null;
        }
        report(share);
    }

    /** A task of this part: shown as a sub-task of the task it is a part of; it takes what is left of the share. */
    @Override
    public void begin(String task, long totalWork) {
        parent.subTask(task);
        taskBase = reported;
        taskShare = share - reported;
        total = totalWork;
        done = 0;
    }

    @Override
    public void subTask(String name) {
        parent.subTask(name);
    }

    @Override
    public void worked(long units) {
        if (units <= 0 || total <= 0) {
            return;
        }
        done = Math.min(total, done + units);
        report(taskBase + (long) ((double) done / total * taskShare));
    }

    @Override
    public boolean isCanceled() {
        return parent.isCanceled();
    }

    /** Tells the parent the units up to {@code upTo} of the share. */
    private void report(long upTo) {
        long target = Math.min(share, upTo);
        if (target > reported) {
            parent.worked(target - reported);
            reported = target;
        }
    }
}
