package org.seedbench.ui.parts;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.e4.ui.services.EMenuService;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.osgi.service.event.Event;
import org.seedbench.core.events.Topics;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.ShippingRules.Deadline;
import org.seedbench.core.rules.Sizes;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.parts.CatalogReads.JobRow;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.ImportJobView;
import org.seedbench.workflow.ScheduleService;
import org.seedbench.workflow.ScheduleView;
import org.seedbench.workflow.StageService;
import org.seedbench.workflow.Workspaces;

/**
 * The Jobs view: every seeding job with its state, workloads, what staging stored, its drives, the import job's
 * state and the shipping deadline (decorated when four days or fewer are left, in red when expired). The selected
 * job goes into the application context ({@code SeedingJob.class}) for the other views and the workflow's actions.
 * It reloads when the catalog posts a change: this process's changes, and on a shared PostgreSQL catalog every other
 * process's as the catalog's watcher hears them; on the embedded catalog (or an H2 file) it also reads again every few
 * seconds, since another process, such as the command line, may change it without telling this one. The "Last change"
 * column says who made each job's last change (the actor of its last event) and when.
 */
public class JobsPart {
    /** The widget data key by which tests find the jobs table. */
    public static final String TABLE_ID = SeedbenchUi.ID_JOBS_TABLE;
    static final int RELOAD_MILLIS = 5000;
    /** The column with the job's next scheduled backup and the last one's result. */
    public static final String SCHEDULE_COLUMN = "Scheduled backup";
    /** The column with who made the job's last change and when. */
    public static final String LAST_CHANGE_COLUMN = "Last change";
    private static final DateTimeFormatter SCHEDULE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    @Inject
    private MApplication application;
    @Inject
    private UISynchronize sync;
    @Inject
    @Optional
    private ESelectionService selectionService;
    @Inject
    @Optional
    private IEventBroker broker;
    @Inject
    @Optional
    private EMenuService menus;
    @Inject
    @Optional
    private org.seedbench.ui.jobs.WorkflowProgress progress;

    // read by the catalog reads in the background: volatile
    private volatile Workspaces workspaces;
    private volatile ImportJobService importJobs;
    private volatile Path data;
    private volatile String catalogUrl;

    private TableViewer viewer;
    private Label notification;
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final AtomicBoolean reloadPending = new AtomicBoolean();
    /** Numbers the catalog reads in the order they start; the UI shows no read older than one it showed. */
    private final java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
    private long shown;
    /** The last status the Refresh action read (of one job). */
    private volatile ImportJobView lastReport;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        viewer = ViewerColumns.table(parent, TABLE_ID);
        viewer.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        ViewerColumns.add(viewer, JobRow.class, "Job", 150, r -> r.job().name());
        ViewerColumns.add(viewer, JobRow.class, "State", 120, r -> r.job().state().label());
        ViewerColumns.add(viewer, JobRow.class, "Workloads", 170, r -> String.join(", ",
                r.job().workloads().stream().map(WorkloadSpec::toString).toList()));
        ViewerColumns.add(viewer, JobRow.class, "Staged", 80, r -> bytes(r, StageService.PROP_BYTES_READ));
        ViewerColumns.add(viewer, JobRow.class, "Stored", 80, r -> bytes(r, StageService.PROP_BYTES_STORED));
        ViewerColumns.add(viewer, JobRow.class, "Dedup", 60, r -> ratio(r, StageService.PROP_DEDUP));
        ViewerColumns.add(viewer, JobRow.class, "Compression", 85, r -> ratio(r, StageService.PROP_COMPRESSION));
        ViewerColumns.add(viewer, JobRow.class, "Drives", 55, r -> r.drives().isEmpty() ? ""
                : Integer.toString(r.drives().size()));
        ViewerColumns.add(viewer, JobRow.class, "Import job", 130, r -> service(r, reported(r)));
        ViewerColumns.add(viewer, JobRow.class, "Ship by", 130, r -> deadline(r.deadline()),
                r -> deadlineColor(r.deadline()));
        ViewerColumns.add(viewer, JobRow.class, SCHEDULE_COLUMN, 200, JobsPart::schedule);
        ViewerColumns.add(viewer, JobRow.class, LAST_CHANGE_COLUMN, 260, JobsPart::lastChange);
        // an Expired job's whole row in red: the service deleted its import job
        ViewerColumns.rowForeground(viewer, JobRow.class, r -> r.job().state() == org.seedbench.core.model.JobState.EXPIRED
                ? viewer.getControl().getDisplay().getSystemColor(SWT.COLOR_RED) : null);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(List.of());
        viewer.addSelectionChangedListener(e -> selected(e.getStructuredSelection()));
        notification = new Label(parent, SWT.WRAP);
        notification.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        notification.setData(SeedbenchUi.WIDGET_ID, SeedbenchUi.ID_NOTIFICATION);
        if (menus != null) {
            menus.registerContextMenu(viewer.getControl(), SeedbenchUi.POPUP_JOBS);
        }
        ViewerColumns.every(viewer, RELOAD_MILLIS, () -> {
            if (polls()) {
                reload();
            }
        });
        TripCells.jobs(viewer, progress);
        reload();
    }

    @Inject
    @Optional
    void services(@Service Workspaces workspaces, @Service ImportJobService importJobs) {
        this.workspaces = workspaces;
        this.importJobs = importJobs;
        reload();
    }

    @Inject
    @Optional
    void dataDirectory(@Named(SeedbenchUi.DATA_DIRECTORY_KEY) Path data) {
        if (!java.util.Objects.equals(this.data, data)) {
            failures.clear(); // the failed steps of another data directory's jobs
        }
        this.data = data;
        reload();
    }

    @Inject
    @Optional
    void catalogUrl(@Named(SeedbenchUi.CATALOG_URL_KEY) String catalogUrl) {
        this.catalogUrl = catalogUrl;
        reload();
    }

    /**
     * Whether the view reads the catalog again every few seconds: on the embedded catalog and an H2 file, not on a
     * shared PostgreSQL catalog, whose changes the catalog's watcher posts as they are committed.
     */
    public boolean polls() {
        return !SeedbenchUi.notifies(catalogUrl);
    }

    @Inject
    @Optional
    void catalogChanged(@UIEventTopic(Topics.BASE + "*") Event event) {
        reload();
    }

    /** A workflow step failed or succeeded: the notification line says so until the job's next step succeeds. */
    @Inject
    @Optional
    void stepEnded(@UIEventTopic(SeedbenchUi.TOPIC_STEP_ENDED) Event event) {
        String job = (String) event.getProperty(Topics.JOB);
        Object failure = event.getProperty(SeedbenchUi.STEP_FAILURE);
        if (failure == null) {
            failures.remove(job);
        } else {
            failures.put(job, failure.toString());
        }
        reload();
    }

    /** The Refresh action read a job's status: its row and the notification line show what the service said. */
    @Inject
    @Optional
    void report(@Named("org.seedbench.workflow.ImportJobView") ImportJobView report) {
        lastReport = report;
        reload(); // shows the rows again, with the report
    }

    /** The service's last report of the row's job, or null. */
    private CloudJobStatus reported(JobRow r) {
        ImportJobView report = lastReport;
        return report == null || !report.jobName().equals(r.job().name()) ? null : report.status();
    }

    /** Reads the catalog in the background and shows what it read; requests while one is pending are merged. */
    public void reload() {
        if (viewer == null || workspaces == null || data == null || !reloadPending.compareAndSet(false, true)) {
            return;
        }
        Job read = Job.create("Reading the catalog", monitor -> {
            reloadPending.set(false);
            long number = reads.incrementAndGet();
            // what the part has when the read starts, not when it was asked for: a request merged into this read
            // (e.g. for another data directory) is served by it
            Workspaces c = workspaces;
            ImportJobService i = importJobs;
            Path d = data;
            String url = catalogUrl;
            if (c == null || d == null) {
                return Status.OK_STATUS;
            }
            try {
                List<JobRow> rows = CatalogReads.jobs(c, i, d, url);
                sync.asyncExec(() -> show(number, rows));
            } catch (RuntimeException e) {
                String where = url == null ? "in " + d : "at " + org.seedbench.ui.CatalogPreference.mask(url);
                sync.asyncExec(() -> showProblem("Cannot read the catalog " + where + ": "
                        + org.seedbench.ui.CatalogPreference.mask(String.valueOf(e.getMessage()))));
            }
            return Status.OK_STATUS;
        });
        read.setSystem(true);
        read.schedule();
    }

    private void show(long read, List<JobRow> rows) {
        // two reads may overlap (one starts while the other still reads): the older one ending last would show the
        // jobs as they were, e.g. a job's state going back from Seeded to VaultSeeding, and give the actions that old
        // state to decide on
        if (viewer.getControl().isDisposed() || read < shown) {
            return;
        }
        shown = read;
        String selectedName = selectedJob() == null ? null : selectedJob().name();
        viewer.setInput(rows);
        ViewerColumns.fit(viewer);
        JobRow again = rows.stream().filter(r -> r.job().name().equals(selectedName)).findFirst().orElse(null);
        if (again != null) {
            viewer.setSelection(new StructuredSelection(again), true);
        }
        // the context (and so the actions) follows what the table shows selected now, whatever happened before
        selected(viewer.getStructuredSelection());
        List<String> lines = new ArrayList<>();
        boolean severe = !failures.isEmpty();
        for (JobRow r : rows) {
            Deadline d = r.deadline();
            if (d != null && (d.warn() || d.expired())) {
                lines.add(r.job().name() + ": " + DeadlineText.sentence(d, ZoneId.systemDefault()));
                severe |= d.expired();
            }
        }
        // only the failures of jobs this data directory lists (a job deleted or in another directory has none here)
        failures.keySet().retainAll(rows.stream().map(r -> r.job().name()).toList());
        failures.forEach((job, text) -> lines.add(text));
        for (JobRow r : rows) {
            CloudJobStatus reported = reported(r);
            if (reported != null && reported.error() != null) {
                lines.add(r.job().name() + ": the import service reports an error: " + reported.error());
                severe = true;
            }
        }
        notification.setText(String.join("\n", lines));
        notification.setForeground(lines.isEmpty() ? null
                : notification.getDisplay().getSystemColor(severe ? SWT.COLOR_RED : SWT.COLOR_DARK_YELLOW));
        notification.getParent().layout(true);
    }

    private void showProblem(String text) {
        if (!notification.isDisposed()) {
            notification.setText(text);
            notification.getParent().layout(true);
        }
    }

    private SeedingJob selectedJob() {
        Object first = viewer.getStructuredSelection().getFirstElement();
        return first instanceof JobRow r ? r.job() : null;
    }

    private void selected(IStructuredSelection selection) {
        SeedingJob job = selection.getFirstElement() instanceof JobRow r ? r.job() : null;
        if (!java.util.Objects.equals(application.getContext().get(SeedingJob.class), job)) {
            application.getContext().set(SeedingJob.class, job);
            if (selectionService != null) {
                selectionService.setSelection(job);
            }
        }
        // always, even when the context already holds this job: the tool items' enablement may have been computed
        // for another job (or another state of it) than the one the user now sees selected, and a click on an item
        // whose handler then refuses to run does nothing at all
        if (broker != null) {
            broker.send(UIEvents.REQUEST_ENABLEMENT_UPDATE_TOPIC, UIEvents.ALL_ELEMENT_ID);
        }
    }

    static String bytes(JobRow r, String property) {
        String v = r.properties().get(property);
        try {
            return v == null ? "" : Sizes.decimal(Long.parseLong(v));
        } catch (NumberFormatException e) {
            return v;
        }
    }

    static String ratio(JobRow r, String property) {
        String v = r.properties().get(property);
        if (v == null) {
            return "";
        }
        if (v.equals("inf")) {
            return "∞";
        }
        try {
            return String.format(java.util.Locale.ROOT, "%.2f×", Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /**
     * The import job's state and percentage: as the catalog has them, or, when the service's last report is in a
     * state Seedbench has no counterpart for, that state as the service spelled it (never a label of Seedbench's).
     */
    static String service(JobRow r, CloudJobStatus reported) {
        if (reported != null && reported.serviceState() == null) {
            return reported.serviceStateText() + " " + reported.percentComplete() + "%";
        }
        String state = r.properties().get(ImportJobService.PROP_STATE);
        return state == null ? "" : state + " " + r.properties().getOrDefault(ImportJobService.PROP_PERCENT, "0") + "%";
    }

    static String deadline(Deadline d) {
        return DeadlineText.cell(d, ZoneId.systemDefault());
    }

    private Color deadlineColor(Deadline d) {
        if (d == null || !(d.warn() || d.expired())) {
            return null;
        }
        return viewer.getControl().getDisplay().getSystemColor(d.expired() ? SWT.COLOR_RED : SWT.COLOR_DARK_YELLOW);
    }

    /**
     * The job's scheduled backups ({@code seedbench schedule}): the next run and the last result, e.g.
     * {@code next 2026-12-08 22:00 · last done}; empty for a job without a schedule.
     */
    static String schedule(JobRow r) {
        ScheduleView v = ScheduleService.view(r.job().name(), r.properties(), ZoneId.systemDefault());
        if (v.schedule() == null && v.last() == null) {
            return "";
        }
        String next = v.next() == null ? "off" : "next " + SCHEDULE_TIME.format(v.next());
        return next + " · last " + (v.last() == null ? "none yet" : v.last().outcome());
    }

    /** Who made the job's last change and when, e.g. {@code alice@copyhost (cli), 2026-12-08 14:02:11}. */
    static String lastChange(JobRow r) {
        return r.lastChange() == null ? "" : r.lastChange().actor() + ", " + EventsPart.time(r.lastChange().time());
    }

    public TableViewer viewer() {
        return viewer;
    }

    @Focus
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
