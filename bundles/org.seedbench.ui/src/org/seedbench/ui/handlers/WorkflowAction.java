package org.seedbench.ui.handlers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

import jakarta.inject.Named;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.ui.secrets.SecretStore;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

/**
 * An action on the job selected in the Jobs view that runs a workflow step as a {@link WorkflowJob}: enabled when the
 * job's state allows the step and no other step of the job runs; the step's work stays in the workflow services.
 */
public abstract class WorkflowAction {

    /** Whether the job's state allows this step. */
    protected abstract boolean allows(SeedingJob job);

    @CanExecute
    public boolean canExecute(@org.eclipse.e4.core.di.annotations.Optional SeedingJob job,
            @org.eclipse.e4.core.di.annotations.Optional @Named(SeedbenchUi.DATA_DIRECTORY_KEY) Path data) {
        return job != null && data != null && allows(job) && !running(job.name());
    }

    /** Whether a step of the job runs (or waits to run) now. */
    public static boolean running(String job) {
        return Job.getJobManager().find(WorkflowJob.family(job)).length > 0;
    }

    @Execute
    public void execute(SeedingJob job, @Named(SeedbenchUi.DATA_DIRECTORY_KEY) Path data,
            @org.eclipse.e4.core.di.annotations.Optional @Named(SeedbenchUi.CATALOG_URL_KEY) String catalogUrl,
            Shell shell, @Service Workspaces workspaces) {
        Workspace workspace = SeedbenchUi.open(workspaces, data, catalogUrl);
        WorkflowJob step = step(job, workspace, shell);
        if (step == null) {
            workspace.close();
            return;
        }
        step.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                workspace.close();
            }
        });
        step.schedule();
    }

    /**
     * The step to run, after asking what it needs; null when the user cancelled.
     *
     * @param data the step's workspace: its catalog session lasts as long as the step
     */
    protected abstract WorkflowJob step(SeedingJob job, Workspace data, Shell shell);

    /**
     * The step made with the job's backup passphrase (kept in secure storage, else asked for once); null when the user
     * cancelled.
     */
    protected static WorkflowJob withPassphrase(Shell shell, SeedingJob job, Function<Secret, WorkflowJob> step) {
        Optional<Secret> passphrase = passphrase(shell, job.name(), false);
        if (passphrase.isEmpty()) {
            return null;
        }
        return step.apply(passphrase.get());
    }

    /**
     * The job's backup passphrase: kept in secure storage, else asked for (twice when {@code confirm}), and kept when
     * the user ticks the box. Empty when the user cancelled.
     */
    protected static Optional<Secret> passphrase(Shell shell, String job, boolean confirm) {
        SecretStore store = secretStore();
        if (store != null) {
            try {
                Optional<Secret> kept = store.passphrase(job);
                if (kept.isPresent()) {
                    return kept;
                }
            } catch (IOException | RuntimeException e) {
                // secure storage cannot be read here: ask
            }
        }
        PassphraseDialog dialog = new PassphraseDialog(shell, job, confirm);
        if (dialog.open() != Window.OK) {
            return Optional.empty();
        }
        if (dialog.keep() && store != null) {
            try {
                store.keepPassphrase(job, dialog.secret());
            } catch (IOException | RuntimeException e) {
                org.eclipse.jface.dialogs.MessageDialog.openWarning(shell, "Passphrase not kept",
                        "Secure storage could not keep the passphrase of " + job + "; you will be asked again. "
                                + e.getMessage());
            }
        }
        return Optional.of(dialog.secret());
    }

    private static SecretStore secretStore() {
        try {
            return new SecretStore();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
