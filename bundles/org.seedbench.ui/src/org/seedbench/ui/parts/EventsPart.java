package org.seedbench.ui.parts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.PostConstruct;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.seedbench.core.model.JobEvent;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.parts.CatalogReads.JobDetails;

/** The Events view: the selected job's event log, the chain of custody (time, who, what), newest at the bottom. */
public class EventsPart extends JobDetailsPart {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private TableViewer viewer;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new FillLayout());
        viewer = ViewerColumns.table(parent, SeedbenchUi.ID_EVENTS_TABLE);
        ViewerColumns.add(viewer, JobEvent.class, "Time", 140, e -> time(e.time()));
        ViewerColumns.add(viewer, JobEvent.class, "Actor", 170, JobEvent::actor);
        ViewerColumns.add(viewer, JobEvent.class, "Kind", 110, JobEvent::kind);
        ViewerColumns.add(viewer, JobEvent.class, "Detail", 520, JobEvent::detail);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(List.of());
        started();
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    @Override
    protected Control control() {
        return viewer == null ? null : viewer.getControl();
    }

    @Override
    protected void show(JobDetails details) {
        List<JobEvent> events = details == null ? List.of() : details.events();
        viewer.setInput(events);
        if (!events.isEmpty()) {
            viewer.getTable().showItem(viewer.getTable().getItem(events.size() - 1));
        }
    }

    @Focus
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
