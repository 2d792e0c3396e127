package org.seedbench.ui.handlers;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.spi.Progress;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.workflow.RepositoryLocation;
import org.seedbench.workflow.RepositoryService;
import org.seedbench.workflow.VaultService;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

/**
 * Reads a job's snapshots as the CLI's {@code snapshots} verb does ({@link RepositoryService#snapshots}), from its
 * vault once the vault holds the seed, else from staging, as a workflow step of the job (with its passphrase: kept in
 * secure storage, else asked for), for the Charts view.
 */
public final class SnapshotsRead {

    private SnapshotsRead() {
    }

    /**
     * Starts the read; {@code shown} gets where it read ("vault", "staging repository") and the snapshots when it
     * succeeds. Nothing starts when the user cancels the passphrase dialog.
     */
    public static void start(Shell shell, RepositoryService repositories, Workspaces workspaces, Path data,
            String catalogUrl, SeedingJob job, BiConsumer<String, List<SnapshotInfo>> shown) {
        Optional<Secret> passphrase = WorkflowAction.passphrase(shell, job.name(), false);
        if (passphrase.isEmpty()) {
            return;
        }
        RepositoryLocation from = VaultService.holdsSeed(job.state()) ? RepositoryLocation.VAULT
                : RepositoryLocation.STAGING;
        String where = from == RepositoryLocation.VAULT ? "Vault" : "Staging repository";
        Workspace workspace = SeedbenchUi.open(workspaces, data, catalogUrl);
        WorkflowJob read = new WorkflowJob("Read the snapshots of " + job.name(), job.name()) {
            @Override
            protected IStatus work(Progress progress) throws Exception {
                try (Secret secret = passphrase.get()) {
                    progress.begin("reading the snapshots in the " + from, -1, Progress.Unit.ITEMS);
                    List<SnapshotInfo> snapshots = repositories.snapshots(workspace, seedingJob(), secret, from);
                    shown.accept(where, snapshots);
                    return Status.info("Read " + snapshots.size() + " snapshots of " + seedingJob() + " in the "
                            + from);
                }
            }
        };
        read.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                workspace.close();
            }
        });
        read.schedule();
    }
}
