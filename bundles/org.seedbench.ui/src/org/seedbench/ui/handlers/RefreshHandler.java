package org.seedbench.ui.handlers;


import jakarta.inject.Inject;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.spi.Progress;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.ImportJobView;
import org.seedbench.workflow.Workspace;

/**
 * Refresh status: asks the import service how the job stands; the catalog walks along (job and drive states, the
 * percentages), and the report goes into the application context for the Drives view's error logs.
 */
public class RefreshHandler extends WorkflowAction {
    @Inject
    @Service
    private ImportJobService importJobs;
    @Inject
    private MApplication application;
    @Inject
    private UISynchronize sync;

    @Override
    protected boolean allows(SeedingJob job) {
        return job.state().isServiceState();
    }

    @Override
    protected WorkflowJob step(SeedingJob job, Workspace data, Shell shell) {
        return new WorkflowJob("Refresh the status of " + job.name(), job.name()) {
            @Override
            protected IStatus work(Progress progress) throws Exception {
                progress.begin("Asking the import service about " + seedingJob(), 1);
                ImportJobView view = importJobs.refresh(data, seedingJob());
                sync.asyncExec(() -> application.getContext().set(ImportJobView.class, view));
                // the service's own spelling when it reported one: a state Seedbench has no counterpart for is shown as is
                String state = view.status() != null ? view.status().serviceStateText()
                        : view.serviceState() == null ? view.jobState().label() : view.serviceState().label();
                String text = seedingJob() + ": " + state + " " + view.percentComplete() + "%"
                        + (view.deadline() != null ? ", " + view.deadline().describe() : "")
                        + (view.changes().isEmpty() ? "" : " (" + String.join("; ", view.changes()) + ")");
                return view.needsAction() ? Status.warning(text) : Status.info(text);
            }
        };
    }
}
