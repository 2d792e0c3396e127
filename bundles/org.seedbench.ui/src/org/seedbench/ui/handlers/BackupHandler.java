package org.seedbench.ui.handlers;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.Progress;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.workflow.VaultBackupOutcome;
import org.seedbench.workflow.VaultService;
import org.seedbench.workflow.Workspace;

/** Back up: an incremental backup of the job's workloads into the seeded vault. */
public class BackupHandler extends WorkflowAction {
    @Inject
    @Service
    private VaultService vault;

    @Override
    protected boolean allows(SeedingJob job) {
        return VaultService.holdsSeed(job.state());
    }

    @Override
    protected WorkflowJob step(SeedingJob job, Workspace data, Shell shell) {
        return withPassphrase(shell, job, secret -> new WorkflowJob("Back up " + job.name(), job.name()) {
            @Override
            protected IStatus work(Progress progress) throws Exception {
                List<String> warnings = new ArrayList<>();
                try (secret) {
                    VaultBackupOutcome o = vault.backup(data, seedingJob(), secret, progress, warnings::add);
                    String text = "Backed up " + seedingJob() + " into " + o.vault() + ": "
                            + o.result().statistics().summary() + ", " + Sizes.decimal(o.bytesSent()) + " sent";
                    return warnings.isEmpty() ? Status.info(text)
                            : Status.warning(text + ", " + warnings.size() + " warnings (in the job's events)");
                }
            }
        });
    }
}
