package org.seedbench.ui.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.core.runtime.jobs.ProgressProvider;

/**
 * How far the workflow's jobs have come, for the status line and the Progress view: the workbench's progress provider
 * gives each {@link WorkflowJob} a monitor that remembers its task, sub-task and work done; the most recent steps stay
 * listed with their outcome. One instance lives in the application context while the workbench runs.
 */
public final class WorkflowProgress {
    private static final int KEEP_ENDED = 20;

    /** One workflow step: running, waiting or ended (then with its result). */
    public static final class Entry extends NullProgressMonitor {
        private final WorkflowJob job;
        private volatile String task = "";
        private volatile String subTask = "";
        private volatile double total;
        private volatile double worked;
        private volatile IStatus result;
        /** When the step started, for the samples' times. */
        private final long startNanos = System.nanoTime();
        /** Bytes the step's byte-counted tasks did so far, and a sample of them every {@link #SAMPLE_NANOS}. */
        private long bytesDone;
        private long nextSampleNanos;
        private final List<Sample> samples = new ArrayList<>();
        private volatile boolean movesBytes;

        Entry(WorkflowJob job) {
            this.job = job;
            samples.add(new Sample(0, 0));
        }

        public WorkflowJob job() {
            return job;
        }

        /** The outcome once ended; null while it runs. */
        public IStatus result() {
            return result;
        }

        public boolean ended() {
            return result != null;
        }

        @Override
        public void beginTask(String name, int totalWork) {
            task = name == null ? "" : name;
            subTask = "";
            total = totalWork;
            worked = 0;
        }

        @Override
        public void setTaskName(String name) {
            task = name == null ? "" : name;
        }

        @Override
        public void subTask(String name) {
            subTask = name == null ? "" : name;
        }

        @Override
        public void internalWorked(double work) {
            worked += work;
        }

        @Override
        public void worked(int work) {
            internalWorked(work);
        }

        /** 0–100, or -1 when the task's size is unknown. */
        public int percent() {
            return total <= 0 ? -1 : (int) Math.min(100, Math.round(worked * 100 / total));
        }

        public String task() {
            return task;
        }

        public String subTask() {
            return subTask;
        }

        /** A task counted in bytes began: the step moves data (stage, drive preparation, backup…). */
        void bytesTask() {
            movesBytes = true;
        }

        /** Whether the step began a task counted in bytes, so that its throughput means something. */
        public boolean movesBytes() {
            return movesBytes;
        }

        /**
         * {@code bytes} more of a task counted in bytes are done (the work's own figures, as the core
         * {@link org.seedbench.core.spi.Progress} reported them before they were scaled to this monitor).
         */
        void workedBytes(long bytes) {
            long now = System.nanoTime();
            synchronized (samples) {
                bytesDone += bytes;
                if (now - nextSampleNanos >= 0) {
                    samples.add(new Sample((now - startNanos) / 1e9, bytesDone));
                    nextSampleNanos = now + SAMPLE_NANOS;
                    if (samples.size() > MAX_SAMPLES) {
                        // keep every other sample: the rates between those left average the ones dropped
                        for (int i = samples.size() - 2; i > 0; i -= 2) {
                            samples.remove(i);
                        }
                    }
                }
            }
        }

        /**
         * The step's throughput over time: one point per sample after the first, its time (seconds since the step
         * started) and the bytes a second done since the sample before; while the step runs, a last point for now
         * once a sample interval has passed (so a stalled step drops to 0). Empty when the step counted no bytes.
         */
        public List<Rate> rates() {
            List<Rate> rates = new ArrayList<>();
            double now = (System.nanoTime() - startNanos) / 1e9;
            synchronized (samples) {
                for (int i = 1; i < samples.size(); i++) {
                    rates.add(rate(samples.get(i - 1), samples.get(i)));
                }
                Sample last = samples.get(samples.size() - 1);
                if (!rates.isEmpty() && !ended() && now - last.seconds() >= SAMPLE_NANOS / 1e9) {
                    rates.add(rate(last, new Sample(now, bytesDone)));
                }
            }
            return rates;
        }

        private static Rate rate(Sample a, Sample b) {
            double seconds = b.seconds() - a.seconds();
            return new Rate(b.seconds(), seconds <= 0 ? 0 : (b.bytes() - a.bytes()) / seconds);
        }

        /** A line for the status line: what runs now and how far it is, or how it ended. */
        public String describe() {
            IStatus r = result;
            if (r != null) {
                return r.getSeverity() == IStatus.CANCEL ? job.getName() + " cancelled; run it again to resume"
                        : r.getSeverity() == IStatus.ERROR ? job.getName() + " failed: " + r.getMessage()
                                : r.getMessage();
            }
            int p = percent();
            return job.getName() + (task.isEmpty() ? "" : ": " + task) + (subTask.isEmpty() ? "" : " — " + subTask)
                    + (p < 0 ? "" : String.format(Locale.ROOT, " (%d%%)", p));
        }
    }

    /** How often a step's bytes are sampled for its throughput at most, and how many samples it keeps. */
    private static final long SAMPLE_NANOS = 250_000_000L;
    private static final int MAX_SAMPLES = 2000;

    /** The bytes a step had done {@code seconds} after it started. */
    public record Sample(double seconds, long bytes) {
    }

    /** A step's throughput: bytes a second over the interval that ended {@code seconds} after it started. */
    public record Rate(double seconds, double bytesPerSecond) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private IJobChangeListener listener;

    /** Becomes the job manager's progress provider and follows the workflow jobs' ends. */
    public void install() {
        Job.getJobManager().setProgressProvider(new ProgressProvider() {
            @Override
            public IProgressMonitor createMonitor(Job job) {
                if (job instanceof WorkflowJob step) {
                    Entry e = new Entry(step);
                    synchronized (entries) {
                        entries.add(e);
                    }
                    return e;
                }
                return new NullProgressMonitor();
            }
        });
        listener = new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (event.getJob() instanceof WorkflowJob step) {
                    synchronized (entries) {
                        for (Entry e : entries) {
                            if (e.job == step && e.result == null) {
                                e.result = event.getResult() == null ? org.eclipse.core.runtime.Status.OK_STATUS
                                        : event.getResult();
                            }
                        }
                        long ended = entries.stream().filter(Entry::ended).count();
                        for (int i = 0; i < entries.size() && ended > KEEP_ENDED; i++) {
                            if (entries.get(i).ended()) {
                                entries.remove(i--);
                                ended--;
                            }
                        }
                    }
                }
            }
        };
        Job.getJobManager().addJobChangeListener(listener);
    }

    public void uninstall() {
        if (listener != null) {
            Job.getJobManager().removeJobChangeListener(listener);
            Job.getJobManager().setProgressProvider(null);
        }
    }

    /** The steps, oldest first: the recent ended ones and those running. */
    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** The step that started last and still runs; null when none does. */
    public Entry running() {
        synchronized (entries) {
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (!entries.get(i).ended()) {
                    return entries.get(i);
                }
            }
            return null;
        }
    }

    /** The step that ended last; null when none has. */
    public Entry lastEnded() {
        synchronized (entries) {
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (entries.get(i).ended()) {
                    return entries.get(i);
                }
            }
            return null;
        }
    }

    /** The step of {@code seedingJob} that ended last; null when none has. */
    public Entry lastEnded(String seedingJob) {
        synchronized (entries) {
            for (int i = entries.size() - 1; i >= 0; i--) {
                Entry e = entries.get(i);
                if (e.ended() && e.job().seedingJob().equals(seedingJob)) {
                    return e;
                }
            }
            return null;
        }
    }
}
