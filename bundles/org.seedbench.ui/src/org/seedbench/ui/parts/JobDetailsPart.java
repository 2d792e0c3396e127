package org.seedbench.ui.parts;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.widgets.Control;
import org.osgi.service.event.Event;
import org.seedbench.core.events.Topics;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.parts.CatalogReads.JobDetails;
import org.seedbench.workflow.ImportJobView;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

/**
 * A view of the job selected in the Jobs view: reads the job's details from the catalog off the UI thread when the
 * selection changes, when the catalog posts a change of that job and, on the embedded catalog or an H2 file (which do
 * not tell of other processes' changes), every few seconds.
 */
abstract class JobDetailsPart {
    @Inject
    protected UISynchronize sync;

    private volatile Workspaces workspaces;
    private volatile Path data;
    private volatile String catalogUrl;
    private volatile String jobName;
    private final AtomicBoolean reloadPending = new AtomicBoolean();
    /** Numbers the reads in the order they start; the view shows no read older than one it showed (as the Jobs view). */
    private final java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
    private long shownRead;
    private boolean disposed;
    /** The last status the Refresh action read (of one job). */
    private volatile ImportJobView lastReport;

    /** The view's main control, made by the subclass's {@code @PostConstruct}. */
    protected abstract Control control();

    /** Shows the job's details; {@code null} when no job is selected (or it no longer exists). */
    protected abstract void show(JobDetails details);

    /** Reads what the view shows beyond the catalog, off the UI thread (e.g. the datacenter's address). */
    protected JobDetails complete(JobDetails details, Workspace data) {
        return details;
    }

    /** Shows again what depends on the service's last report ({@link #lastReport()}), which just changed. */
    protected void reportChanged() {
    }

    /** The last status the Refresh action read (of one job), or null. */
    protected ImportJobView lastReport() {
        return lastReport;
    }

    /** What the service said of the shown job in the Refresh action's last report, or null. */
    protected CloudJobStatus reported(JobDetails shown) {
        ImportJobView r = lastReport;
        return r == null || shown == null || !r.jobName().equals(shown.job().name()) ? null : r.status();
    }

    @Inject
    @Optional
    void report(@Named("org.seedbench.workflow.ImportJobView") ImportJobView report) {
        lastReport = report;
        if (control() != null && !control().isDisposed()) {
            reportChanged();
        }
    }

    protected void started() {
        control().getDisplay().timerExec(JobsPart.RELOAD_MILLIS, this::tick);
        reload();
    }

    @Inject
    @Optional
    void workspaces(@Service Workspaces workspaces) {
        this.workspaces = workspaces;
        reload();
    }

    @Inject
    @Optional
    void dataDirectory(@Named(SeedbenchUi.DATA_DIRECTORY_KEY) Path data) {
        this.data = data;
        reload();
    }

    @Inject
    @Optional
    void catalogUrl(@Named(SeedbenchUi.CATALOG_URL_KEY) String catalogUrl) {
        this.catalogUrl = catalogUrl;
        reload();
    }

    @Inject
    @Optional
    void select(@Named("org.seedbench.core.model.SeedingJob") SeedingJob job) {
        String name = job == null ? null : job.name();
        this.jobName = name;
        reload();
    }

    @Inject
    @Optional
    void catalogChanged(@UIEventTopic(Topics.BASE + "*") Event event) {
        Object job = event.getProperty(Topics.JOB);
        if (job == null || job.equals(jobName)) {
            reload();
        }
    }

    private void tick() {
        if (disposed || control() == null || control().isDisposed()) {
            return;
        }
        if (!SeedbenchUi.notifies(catalogUrl)) {
            reload();
        }
        control().getDisplay().timerExec(JobsPart.RELOAD_MILLIS, this::tick);
    }

    protected void reload() {
        if (control() == null || workspaces == null || data == null || !reloadPending.compareAndSet(false, true)) {
            return;
        }
        Job read = Job.create("Reading the catalog", monitor -> {
            reloadPending.set(false);
            long number = reads.incrementAndGet();
            Workspaces c = workspaces; // as they are when the read starts: merged requests are served by it
            Path d = data;
            String url = catalogUrl;
            if (c == null || d == null) {
                return Status.OK_STATUS;
            }
            String name = jobName;
            JobDetails details;
            try (Workspace w = SeedbenchUi.open(c, d, url)) {
                details = name == null ? null : CatalogReads.details(w, name).map(x -> complete(x, w)).orElse(null);
            } catch (RuntimeException e) {
                details = null;
            }
            JobDetails shown = details;
            sync.asyncExec(() -> {
                if (!control().isDisposed() && java.util.Objects.equals(name, jobName) && number >= shownRead) {
                    shownRead = number;
                    show(shown);
                }
            });
            return Status.OK_STATUS;
        });
        read.setSystem(true);
        read.schedule();
    }

    @PreDestroy
    void dispose() {
        disposed = true;
    }
}
