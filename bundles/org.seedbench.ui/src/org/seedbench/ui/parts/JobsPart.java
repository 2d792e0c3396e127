package org.seedbench.ui.parts;

import java.util.List;

import jakarta.annotation.PostConstruct;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.seedbench.core.model.SeedingJob;

/** The Jobs view: every seeding job with its state. */
public class JobsPart {
    /** The widget data key by which tests find the jobs table. */
    public static final String TABLE_ID = "org.seedbench.ui.jobs.table";

    private TableViewer viewer;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new FillLayout());
        viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setData("org.seedbench.id", TABLE_ID);
        column("Job", 180, SeedingJob::name);
        column("State", 140, j -> j.state().label());
        column("Account / container", 220, j -> j.storageAccount() + "/" + j.container());
        column("Location", 120, SeedingJob::location);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(List.of());
    }

    private void column(String title, int width, java.util.function.Function<SeedingJob, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((SeedingJob) element);
            }
        });
    }

    /** Shows these jobs. */
    public void setJobs(List<SeedingJob> jobs) {
        viewer.setInput(jobs);
    }

    public TableViewer viewer() {
        return viewer;
    }

    @Focus
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
