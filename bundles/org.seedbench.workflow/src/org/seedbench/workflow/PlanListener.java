package org.seedbench.workflow;

import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.Progress;

/**
 * What a front end hears while {@link PlanService} runs a plan: each step started, then done, needing action or
 * failed, with the step's outcome. The outcome of a step is {@link JobService.Created} ({@code init}),
 * {@link StageOutcome}, {@link PrepareOutcome}, {@link org.seedbench.core.model.Shipment} ({@code ship}),
 * {@link ImportJobView} ({@code wait}), {@link SeedOutcome}, {@link VaultBackupOutcome} or {@link CleanupOutcome}.
 * The front end also gives what the steps need from the user: the backup passphrase and a progress.
 */
public interface PlanListener {

    /** The step begins (it was not done yet). */
    void started(PlanJob job, String step);

    /** The step ended well. */
    void done(PlanJob job, String step, Object outcome);

    /**
     * The step ended but the admin must act before the job goes on (warnings to read, more drives, an import job
     * still moving after the wait, a Cancelled or Expired job: outcome null and the step not started); the job's
     * later steps do not run.
     */
    void needsAction(PlanJob job, String step, Object outcome);

    /** The step failed; the job's later steps do not run. */
    void failed(PlanJob job, String step, Exception failure);

    /** The backup passphrase for {@code stage} (with {@code confirm}: a new repository) and {@code backup}. */
    Secret passphrase(PlanJob job, boolean confirm) throws InvalidInputException;

    /** The progress of a step's work; ended by {@link #done}, {@link #needsAction} or {@link #failed}. */
    default Progress progress(PlanJob job, String step) {
        return Progress.NONE;
    }

    /** A note of {@code prepare-drives} as the drives are prepared. */
    default void note(PlanJob job, String note) {
    }

    /** Each view of the import job while {@code wait} watches it, the first included. */
    default void watching(PlanJob job, ImportJobView view) {
    }
}
