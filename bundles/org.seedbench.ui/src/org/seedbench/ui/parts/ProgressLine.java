package org.seedbench.ui.parts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.core.runtime.jobs.ProgressProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.jobs.WorkflowJob;

/**
 * The status line's progress: the running workflow step with its task, a progress bar and a cancel button (the step
 * stops at its next resumable point), and when idle the last step's outcome. The workbench's progress provider gives
 * each workflow job a monitor this line reads.
 */
public class ProgressLine {
    private static final int UPDATE_MILLIS = 200;

    private Label text;
    private ProgressBar bar;
    private Button cancel;
    private IJobChangeListener listener;
    private final List<Tracked> running = new ArrayList<>();
    private String lastOutcome = "";
    private boolean disposed;

    /** A monitor that remembers how far its job has come, for the line to read. */
    static final class Tracked extends NullProgressMonitor {
        final WorkflowJob job;
        private volatile String task = "";
        private volatile String subTask = "";
        private volatile double total;
        private volatile double worked;

        Tracked(WorkflowJob job) {
            this.job = job;
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

        int percent() {
            return total <= 0 ? -1 : (int) Math.min(100, Math.round(worked * 100 / total));
        }

        String describe() {
            int p = percent();
            return job.getName() + (task.isEmpty() ? "" : ": " + task) + (subTask.isEmpty() ? "" : " — " + subTask)
                    + (p < 0 ? "" : String.format(Locale.ROOT, " (%d%%)", p));
        }
    }

    @PostConstruct
    public void create(Composite parent) {
        Composite line = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(3, false);
        layout.marginHeight = 1;
        line.setLayout(layout);
        text = new Label(line, SWT.NONE);
        GridData textData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        textData.widthHint = 760;
        text.setLayoutData(textData);
        text.setData(SeedbenchUi.WIDGET_ID, SeedbenchUi.ID_PROGRESS);
        bar = new ProgressBar(line, SWT.HORIZONTAL | SWT.SMOOTH);
        GridData barData = new GridData(SWT.FILL, SWT.CENTER, false, false);
        barData.widthHint = 160;
        bar.setLayoutData(barData);
        cancel = new Button(line, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.setToolTipText("Stop the running step; running it again resumes where it stopped");
        cancel.setData(SeedbenchUi.WIDGET_ID, SeedbenchUi.ID_PROGRESS_CANCEL);
        cancel.addListener(SWT.Selection, e -> cancelRunning());
        Job.getJobManager().setProgressProvider(new ProgressProvider() {
            @Override
            public IProgressMonitor createMonitor(Job job) {
                if (job instanceof WorkflowJob step) {
                    Tracked t = new Tracked(step);
                    synchronized (running) {
                        running.add(t);
                    }
                    return t;
                }
                return new NullProgressMonitor();
            }
        });
        listener = new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (event.getJob() instanceof WorkflowJob step) {
                    synchronized (running) {
                        running.removeIf(t -> t.job == step);
                    }
                    IStatus r = event.getResult();
                    String outcome = r == null ? step.getName() + " ended"
                            : r.getSeverity() == IStatus.CANCEL ? step.getName() + " cancelled; run it again to resume"
                                    : r.getSeverity() == IStatus.ERROR ? step.getName() + " failed: " + r.getMessage()
                                            : r.getMessage();
                    lastOutcome = outcome;
                }
            }
        };
        Job.getJobManager().addJobChangeListener(listener);
        update();
    }

    private void cancelRunning() {
        synchronized (running) {
            running.forEach(t -> t.job.cancel());
        }
    }

    private void update() {
        if (disposed || text.isDisposed()) {
            return;
        }
        Tracked current;
        synchronized (running) {
            current = running.isEmpty() ? null : running.get(running.size() - 1);
        }
        String shown = current == null ? lastOutcome : current.describe();
        if (!shown.equals(text.getText())) {
            text.setText(shown);
            text.setToolTipText(shown);
        }
        int p = current == null ? 0 : Math.max(0, current.percent());
        if (bar.getSelection() != p) {
            bar.setSelection(p);
        }
        cancel.setEnabled(current != null && !current.isCanceled());
        bar.setVisible(current != null);
        text.getDisplay().timerExec(UPDATE_MILLIS, this::update);
    }

    @PreDestroy
    void dispose() {
        disposed = true;
        Job.getJobManager().removeJobChangeListener(listener);
    }
}
