package org.seedbench.ui.handlers;


import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.backup.VerifyReport;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.spi.Progress;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.workflow.RepositoryLocation;
import org.seedbench.workflow.Workspace;

/**
 * Verify: reads and authenticates every blob of the job's repository, in the vault once it holds the seed, else in
 * staging.
 */
public class VerifyHandler extends RepositoryAction {
    @Override
    protected WorkflowJob step(SeedingJob job, Workspace data, Shell shell) {
        RepositoryLocation from = location(job);
        return withPassphrase(shell, job, secret -> new WorkflowJob("Verify " + job.name(), job.name()) {
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
        });
    }
}
