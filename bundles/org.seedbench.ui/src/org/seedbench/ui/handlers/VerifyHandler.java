package org.seedbench.ui.handlers;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.inject.Inject;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.backup.VerifyReport;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.spi.Progress;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.workflow.RepositoryLocation;
import org.seedbench.workflow.RepositoryService;
import org.seedbench.workflow.VaultService;

/**
 * Verify: reads and authenticates every blob of the job's repository, in the vault once it holds the seed, else in
 * staging.
 */
public class VerifyHandler extends WorkflowAction {
    @Inject
    @Service
    private RepositoryService repositories;

    @Override
    protected boolean allows(SeedingJob job) {
        return RepositoryAction.hasRepository(job);
    }

    @Override
    protected WorkflowJob step(SeedingJob job, Path data, Shell shell) {
        Optional<Secret> passphrase = passphrase(shell, job.name(), false);
        if (passphrase.isEmpty()) {
            return null;
        }
        Secret secret = passphrase.get();
        RepositoryLocation from = VaultService.holdsSeed(job.state()) ? RepositoryLocation.VAULT
                : RepositoryLocation.STAGING;
        return new WorkflowJob("Verify " + job.name(), job.name()) {
            @Override
            protected IStatus work(Progress progress) throws Exception {
                try (secret) {
                    VerifyReport r = repositories.verify(data, seedingJob(), secret, true, from, progress);
                    String text = "Verified " + seedingJob() + " in " + from + ": " + (r.isClean() ? "clean"
                            : r.problems().size() + " problems") + ", " + r.packs() + " packs, " + r.snapshots()
                            + " snapshots";
                    return r.hasErrors() ? Status.error(text) : r.isClean() ? Status.info(text) : Status.warning(text);
                }
            }
        };
    }
}
