package org.seedbench.ui.handlers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.backup.BackupStatistics;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.JobStates;
import org.seedbench.core.spi.Progress;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.workflow.StageOutcome;
import org.seedbench.workflow.StageService;
import org.seedbench.workflow.Workspace;

/**
 * Stage: writes the job's initial backup into its staging location. Cancelling leaves the job Staging; staging it
 * again resumes where it stopped.
 */
public class StageHandler extends WorkflowAction {
    @Inject
    @Service
    private StageService stage;

    @Override
    protected boolean allows(SeedingJob job) {
        return JobStates.canMove(job.state(), JobState.STAGING);
    }

    @Override
    protected WorkflowJob step(SeedingJob job, Workspace data, Shell shell) {
        boolean exists;
        try {
            exists = stage.repositoryExists(data, job.name());
        } catch (InvalidInputException | IOException e) {
            MessageDialog.openError(shell, "Cannot stage " + job.name(), e.getMessage());
            return null;
        }
        Optional<Secret> passphrase = passphrase(shell, job.name(), !exists);
        if (passphrase.isEmpty()) {
            return null;
        }
        return new StageJob(stage, data, job.name(), passphrase.get());
    }

    /** The staging run of one job. */
    static final class StageJob extends WorkflowJob {
        private final StageService stage;
        private final Workspace data;
        private final Secret passphrase;

        StageJob(StageService stage, Workspace data, String job, Secret passphrase) {
            super("Stage " + job, job);
            this.stage = stage;
            this.data = data;
            this.passphrase = passphrase;
        }

        @Override
        protected IStatus work(Progress progress) throws Exception {
            List<String> warnings = new ArrayList<>();
            try (passphrase) {
                StageOutcome outcome = stage.stage(data, seedingJob(), passphrase, progress, warnings::add);
                BackupStatistics s = outcome.result().statistics();
                String text = "Staged " + seedingJob() + ": " + s.summary()
                        + (warnings.isEmpty() ? "" : ", " + warnings.size() + " warnings (in the job's events)");
                return warnings.isEmpty() ? Status.info(text) : Status.warning(text);
            }
        }
    }
}
