package org.seedbench.ui.handlers;


import jakarta.inject.Inject;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.JobStates;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.Progress;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.workflow.CleanupOutcome;
import org.seedbench.workflow.VaultService;
import org.seedbench.workflow.Workspace;

/**
 * Clean up: once the vault verifiably holds everything, deletes the job's blobs from the import container and its
 * staging repository (asks first).
 */
public class CleanupHandler extends WorkflowAction {
    @Inject
    @Service
    private VaultService vault;

    @Override
    protected boolean allows(SeedingJob job) {
        return JobStates.canMove(job.state(), JobState.CLEANED_UP);
    }

    @Override
    protected WorkflowJob step(SeedingJob job, Workspace data, Shell shell) {
        if (!MessageDialog.openConfirm(shell, "Clean up " + job.name(), "Delete the job's blobs from the import "
                + "container " + job.storageAccount() + "/" + job.container() + " and its staging repository? The "
                + "vault is checked to hold every object first; nothing is deleted when it does not.")) {
            return null;
        }
        return new WorkflowJob("Clean up " + job.name(), job.name()) {
            @Override
            protected IStatus work(Progress progress) throws Exception {
                CleanupOutcome o = vault.cleanup(data, seedingJob(), progress);
                return Status.info("Cleaned up " + seedingJob() + ": " + o.blobsDeleted() + " blobs ("
                        + Sizes.decimal(o.bytesDeleted()) + ") and the staging repository ("
                        + Sizes.decimal(o.stagingBytes()) + ") deleted; the vault " + o.vault() + " keeps the seed");
            }
        };
    }
}
