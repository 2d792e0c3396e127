package org.seedbench.ui.handlers;

import jakarta.inject.Inject;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.JobStates;
import org.seedbench.core.spi.Progress;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.workflow.JobLifeService;
import org.seedbench.workflow.Workspace;

/** Cancel: the job, and its import job at the service, before the datacenter receives its drives (asks first). */
public class CancelJobHandler extends WorkflowAction {
    @Inject
    @Service
    private JobLifeService life;

    @Override
    protected boolean allows(SeedingJob job) {
        return JobStates.canCancel(job.state());
    }

    @Override
    protected WorkflowJob step(SeedingJob job, Workspace data, Shell shell) {
        if (!MessageDialog.openConfirm(shell, "Cancel " + job.name(), "Cancel job " + job.name()
                + (job.state().isServiceState() ? " and its import job at the service" : "") + "? The staging "
                + "repository and any prepared drives are kept; a cancelled job cannot be resumed.")) {
            return null;
        }
        return new WorkflowJob("Cancel " + job.name(), job.name()) {
            @Override
            protected IStatus work(Progress progress) throws Exception {
                return switch (life.cancel(data, seedingJob())) {
                    case REQUESTED -> Status.warning("The service cancels the import job of " + seedingJob()
                            + " on a best-effort basis; refresh its status to follow it");
                    default -> Status.info("Cancelled " + seedingJob() + "; its seed is kept");
                };
            }
        };
    }
}
