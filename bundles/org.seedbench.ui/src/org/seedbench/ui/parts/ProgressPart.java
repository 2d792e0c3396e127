package org.seedbench.ui.parts;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.jobs.WorkflowProgress;
import org.seedbench.ui.jobs.WorkflowProgress.Entry;

/**
 * The Progress view: the workflow's steps running now and the recent ones with their outcome; the selected running
 * step can be cancelled (it stops at its next resumable point).
 */
public class ProgressPart {
    private static final int UPDATE_MILLIS = 500;

    @Inject
    private WorkflowProgress progress;

    private TableViewer viewer;
    private Button cancel;
    private List<String> shown = List.of();

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        viewer = ViewerColumns.table(parent, SeedbenchUi.ID_PROGRESS_TABLE);
        viewer.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        ViewerColumns.add(viewer, Entry.class, "Step", 220, e -> e.job().getName());
        ViewerColumns.add(viewer, Entry.class, "State", 90, ProgressPart::state);
        ViewerColumns.add(viewer, Entry.class, "Done", 55, e -> e.ended() || e.percent() < 0 ? ""
                : e.percent() + "%");
        ViewerColumns.add(viewer, Entry.class, "Task / outcome", 600,
                e -> e.ended() ? e.describe() : e.task() + (e.subTask().isEmpty() ? "" : " — " + e.subTask()));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(List.of());
        cancel = new Button(parent, SWT.PUSH);
        cancel.setText("Cancel the selected step");
        cancel.addListener(SWT.Selection, e -> {
            if (viewer.getStructuredSelection().getFirstElement() instanceof Entry entry && !entry.ended()) {
                entry.job().cancel();
            }
        });
        viewer.addSelectionChangedListener(e -> enableCancel());
        update();
        ViewerColumns.every(viewer, UPDATE_MILLIS, this::update);
    }

    static String state(Entry e) {
        if (!e.ended()) {
            return e.isCanceled() ? "cancelling" : "running";
        }
        return switch (e.result().getSeverity()) {
            case IStatus.CANCEL -> "cancelled";
            case IStatus.ERROR -> "failed";
            case IStatus.WARNING -> "warnings";
            default -> "done";
        };
    }

    private void enableCancel() {
        cancel.setEnabled(viewer.getStructuredSelection().getFirstElement() instanceof Entry entry && !entry.ended()
                && !entry.isCanceled());
    }

    private void update() {
        List<Entry> entries = new ArrayList<>(progress.entries());
        java.util.Collections.reverse(entries); // newest first
        List<String> now = entries.stream().map(e -> state(e) + e.percent() + e.task() + e.subTask()).toList();
        if (!now.equals(shown)) {
            Object selected = viewer.getStructuredSelection().getFirstElement();
            viewer.setInput(entries);
            if (selected != null && entries.contains(selected)) {
                viewer.setSelection(new org.eclipse.jface.viewers.StructuredSelection(selected));
            }
            shown = now;
        }
        enableCancel();
    }

    @Focus
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
