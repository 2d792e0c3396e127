package org.seedbench.ui.handlers;


import jakarta.inject.Inject;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.JobStates;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.Progress;
import org.seedbench.ui.VaultWords;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.workflow.SeedOutcome;
import org.seedbench.workflow.VaultService;
import org.seedbench.workflow.Workspace;

/**
 * Seed vault: copies the imported seed into the vault (a Seedbench repository in a blob container of the job's
 * storage account, not a Recovery Services vault) and checks it; cancelling leaves a run that resumes. The result
 * says which container of which account holds it.
 */
public class SeedVaultHandler extends WorkflowAction {
    @Inject
    @Service
    private VaultService vault;

    @Override
    protected boolean allows(SeedingJob job) {
        return JobStates.canMove(job.state(), JobState.VAULT_SEEDING);
    }

    @Override
    protected WorkflowJob step(SeedingJob job, Workspace data, Shell shell) {
        return new WorkflowJob("Seed the vault of " + job.name(), job.name()) {
            @Override
            protected IStatus work(Progress progress) throws Exception {
                SeedOutcome o = vault.seedVault(data, seedingJob(), progress);
                String container;
                try (org.seedbench.catalog.Catalog catalog = data.catalog()) {
                    container = VaultWords.container(catalog.jobProperties(seedingJob()));
                }
                String text = "Seeded " + o.vault() + ", " + VaultWords.describe(job.storageAccount(), container)
                        + ": " + o.copied() + " blobs copied (" + Sizes.decimal(
                        o.bytesCopied()) + "), " + o.checked() + " objects checked, " + o.repaired().size()
                        + " repaired from staging";
                return o.notImported().isEmpty() ? Status.info(text)
                        : Status.warning(text + "; not imported: " + String.join("; ", o.notImported()));
            }
        };
    }
}
