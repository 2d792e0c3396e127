package org.seedbench.ui.jobs;

import java.util.Objects;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.Progress;
import org.seedbench.ui.jobs.WorkflowProgress.Entry;

/**
 * A step of a seeding job's workflow (stage, prepare drives, seed the vault…) run as an Eclipse Job. All
 * steps of one seeding job share the {@linkplain #family(String) family} of its name, so views and tests can
 * cancel or join them. The work reports through the core {@link Progress}, adapted to the job's monitor;
 * cancelling stops at the workflow's next resumable point, and the catalog and journals, not the monitor,
 * say where a rerun resumes.
 */
public abstract class WorkflowJob extends Job {

    /** The family of every workflow job of one seeding job. */
    public record Family(String seedingJob) {
    }

    private static final String PLUGIN = "org.seedbench.ui";
    private static final int SCALE = 1000;

    private final String seedingJob;

    protected WorkflowJob(String title, String seedingJob) {
        super(title);
        this.seedingJob = Objects.requireNonNull(seedingJob);
        setUser(true);
    }

    public static Family family(String seedingJob) {
        return new Family(seedingJob);
    }

    public String seedingJob() {
        return seedingJob;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family(seedingJob).equals(family);
    }

    /**
     * Does the step's work.
     *
     * @return what a user should see when it ends (an OK status with a one-line summary is shown nowhere
     *         else, so say what happened)
     */
    protected abstract IStatus work(Progress progress) throws Exception;

    @Override
    protected final IStatus run(IProgressMonitor monitor) {
        Progress progress = progress(monitor);
        try {
            return work(progress);
        } catch (Progress.CanceledException e) {
            return Status.CANCEL_STATUS;
        } catch (InvalidInputException e) {
            return Status.error(e.getMessage());
        } catch (Exception e) {
            return new Status(IStatus.ERROR, PLUGIN, getName() + " failed: " + e.getMessage(), e);
        } finally {
            monitor.done();
        }
    }

    /**
     * The core progress shape over an Eclipse monitor: each {@link Progress#begin} starts a new task whose
     * units (bytes, files) are scaled to the monitor's int range.
     */
    public static Progress progress(IProgressMonitor monitor) {
        return new Progress() {
            private SubMonitor sub = SubMonitor.convert(monitor);
            private long total = -1;
            private long done;
            private int reported;
            /** Whether the task's units are bytes: then the Charts view draws their rate ({@link Entry#rates()}). */
            private boolean bytes = true;

            @Override
            public void begin(String task, long totalWork) {
                begin(task, totalWork, Unit.BYTES);
            }

            @Override
            public void begin(String task, long totalWork, Unit unit) {
                bytes = unit == Unit.BYTES;
                if (bytes && monitor instanceof Entry entry) {
                    entry.bytesTask();
                }
                total = totalWork;
                done = 0;
                reported = 0;
                sub = SubMonitor.convert(monitor, task, totalWork > 0 ? SCALE : IProgressMonitor.UNKNOWN);
            }

            @Override
            public void subTask(String name) {
                sub.subTask(name);
            }

            @Override
            public void worked(long units) {
                if (bytes && monitor instanceof Entry entry) {
                    entry.workedBytes(units);
                }
                if (total <= 0) {
                    return;
                }
                done = Math.min(total, done + units);
                int now = (int) (done * SCALE / total);
                if (now > reported) {
                    sub.worked(now - reported);
                    reported = now;
                }
            }

            @Override
            public boolean isCanceled() {
                return monitor.isCanceled();
            }
        };
    }
}
