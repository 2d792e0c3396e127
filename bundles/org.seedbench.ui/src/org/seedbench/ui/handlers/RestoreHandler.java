package org.seedbench.ui.handlers;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.backup.RestoreResult;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.Progress;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.ui.restore.RestoreBrowser;
import org.seedbench.workflow.RepositoryService;
import org.seedbench.workflow.Workspace;

/**
 * Restore: the {@link RestoreBrowser} picks the repository (staging, or the vault once it holds the seed, first), the
 * snapshot, what of it and where; then the restore runs as a workflow job, leaving existing files alone unless the
 * user chose to replace them.
 */
public class RestoreHandler extends RepositoryAction {
    @Override
    protected WorkflowJob step(SeedingJob job, Workspace data, Shell shell) {
        return withPassphrase(shell, job, secret -> {
            RestoreBrowser browser = new RestoreBrowser(shell, job, data, repositories, secret, location(job));
            if (browser.open() != Window.OK) {
                secret.close();
                return null;
            }
            RestoreBrowser.Request r = browser.request();
            return new WorkflowJob("Restore " + job.name(), job.name()) {
                @Override
                protected IStatus work(Progress progress) throws Exception {
                    try (secret) {
                        RestoreResult done = repositories.restore(data, seedingJob(), secret, r.from(),
                                r.snapshot().id(), r.target(), RepositoryService.includesOf(r.paths()),
                                r.overwrite(), progress);
                        String text = "Restored " + (r.paths().isEmpty() ? "snapshot " : r.paths().size()
                                + (r.paths().size() == 1 ? " item of snapshot " : " items of snapshot "))
                                + done.snapshotId().substring(0, 8) + " of " + seedingJob() + " from " + r.from()
                                + " into " + r.target() + ": " + done.files() + " files (" + Sizes.decimal(done.bytes())
                                + "), " + done.failed().size() + " failed, " + done.skippedExisting().size()
                                + " existing files left alone";
                        return done.isComplete() ? Status.info(text) : Status.warning(text);
                    }
                }
            };
        });
    }
}
