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
import org.seedbench.workflow.ImportJobOutcome;
import org.seedbench.workflow.JobLifeService;
import org.seedbench.workflow.Workspace;

/** Reopen: a new import job for the prepared drives of a job whose import job expired (asks first). */
public class ReopenJobHandler extends WorkflowAction {
    @Inject
    @Service
    private JobLifeService life;

    @Override
    protected boolean allows(SeedingJob job) {
        return JobStates.canReopen(job.state());
    }

    @Override
    protected WorkflowJob step(SeedingJob job, Workspace data, Shell shell) {
        if (!MessageDialog.openConfirm(shell, "Reopen " + job.name(), "The import job of " + job.name() + " expired. "
                + "Create a new import job for the same drives? It gets a new name and a new 14-day deadline.")) {
            return null;
        }
        return new WorkflowJob("Reopen " + job.name(), job.name()) {
            @Override
            protected IStatus work(Progress progress) throws Exception {
                ImportJobOutcome o = life.reopen(data, seedingJob());
                return Status.info("Import job " + o.status().jobName() + " created for the drives of " + seedingJob()
                        + "; ship them to " + o.location().displayName() + " within 14 days");
            }
        };
    }
}
