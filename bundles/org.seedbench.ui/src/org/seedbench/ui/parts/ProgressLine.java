package org.seedbench.ui.parts;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.osgi.service.event.Event;
import org.seedbench.core.events.Topics;
import org.seedbench.core.model.SeedingJob;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.jobs.WorkflowProgress;
import org.seedbench.ui.jobs.WorkflowProgress.Entry;

/**
 * The status line's progress: the running workflow step with its task, a progress bar and a cancel button (the step
 * stops at its next resumable point), and when idle the outcome of the selected job's last step (of any job's when
 * none is selected) until shipping details entered since make it old.
 */
public class ProgressLine {
    private static final int UPDATE_MILLIS = 200;

    @Inject
    private WorkflowProgress progress;

    private Label text;
    private ProgressBar bar;
    private Button cancel;
    private boolean disposed;
    /** The job selected in the Jobs view: when idle, the line tells how its last step ended. */
    private volatile SeedingJob selected;
    /** Ended steps whose line no longer holds, e.g. "enter the shipping details" once they were entered. */
    private final java.util.Set<Entry> superseded = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

    @Inject
    @Optional
    void selected(@Optional SeedingJob job) {
        selected = job;
    }

    /** Shipping details were entered for a job: its last step's line (e.g. "ship them within 14 days") is old. */
    @Inject
    @Optional
    void shipped(@UIEventTopic(Topics.SHIPMENT) Event event) {
        Object job = event.getProperty(Topics.JOB);
        Entry last = job == null ? null : progress.lastEnded(job.toString());
        if (last != null) {
            superseded.add(last);
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
        cancel.addListener(SWT.Selection, e -> {
            Entry running = progress.running();
            if (running != null) {
                running.job().cancel();
            }
        });
        update();
    }

    private void update() {
        if (disposed || text.isDisposed()) {
            return;
        }
        Entry current = progress.running();
        SeedingJob job = selected;
        // idle: how the selected job's last step ended (any job's, with none selected), while that still holds
        Entry ended = job == null ? progress.lastEnded() : progress.lastEnded(job.name());
        Entry shown = current != null ? current : superseded.contains(ended) ? null : ended;
        String line = shown == null ? "" : shown.describe();
        if (!line.equals(text.getText())) {
            text.setText(line);
            text.setToolTipText(line);
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
    }
}
