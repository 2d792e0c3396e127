package org.seedbench.ui.handlers;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.backup.RestoreResult;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.spi.Progress;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.workflow.RepositoryLocation;
import org.seedbench.workflow.Workspace;

/**
 * Restore: the latest snapshot of the job into a folder the user picks, from the vault once it holds the seed, else
 * from staging; existing files are left alone.
 */
public class RestoreHandler extends RepositoryAction {
    @Override
    protected WorkflowJob step(SeedingJob job, Workspace data, Shell shell) {
        DirectoryDialog folder = new DirectoryDialog(shell);
        folder.setText("Restore " + job.name() + " into");
        folder.setMessage("The folder to restore the latest snapshot into; files already there are left alone.");
        String target = folder.open();
        if (target == null) {
            return null;
        }
        RepositoryLocation from = location(job);
        return withPassphrase(shell, job, secret -> new WorkflowJob("Restore " + job.name(), job.name()) {
            @Override
            protected IStatus work(Progress progress) throws Exception {
                try (secret) {
                    RestoreResult r = repositories.restore(data, seedingJob(), secret, from, "latest", Path.of(target),
                            List.of(), false, progress);
                    String text = "Restored snapshot " + r.snapshotId() + " of " + seedingJob() + " from " + from
                            + " into " + target + ": " + r.files() + " files, " + r.failed().size() + " failed, "
                            + r.skippedExisting().size() + " existing files left alone";
                    return r.isComplete() ? Status.info(text) : Status.warning(text);
                }
            }
        });
    }
}
