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

/** Delete: a Draft, Cancelled, Expired or CleanedUp job, its staging repository removed or kept (asks which). */
public class DeleteJobHandler extends WorkflowAction {
    @Inject
    @Service
    private JobLifeService life;

    @Override
    protected boolean allows(SeedingJob job) {
        return JobStates.canDelete(job.state());
    }

    @Override
    protected WorkflowJob step(SeedingJob job, Workspace data, Shell shell) {
        MessageDialog ask = new MessageDialog(shell, "Delete " + job.name(), null, "Delete job " + job.name() + " ("
                + job.state().label() + ") from the catalog? Its events are kept in the data directory's "
                + JobLifeService.DELETED_FOLDER + " folder. Its staging repository in " + job.stagingLocation()
                + " can be removed with it or kept.", MessageDialog.QUESTION, 2, "Delete with staging",
                "Delete, keep staging", "Cancel");
        int choice = ask.open();
        if (choice != 0 && choice != 1) {
            return null;
        }
        boolean keepData = choice == 1;
        return new WorkflowJob("Delete " + job.name(), job.name()) {
            @Override
            protected IStatus work(Progress progress) throws Exception {
                JobLifeService.Deleted d = life.delete(data, seedingJob(), keepData);
                return Status.info("Deleted " + seedingJob() + (d.stagingRemoved() ? " and its staging repository "
                        + d.staging() : "") + "; its events are kept in " + d.events());
            }
        };
    }
}
