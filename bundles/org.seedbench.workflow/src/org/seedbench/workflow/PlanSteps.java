package org.seedbench.workflow;

import java.util.EnumSet;
import java.util.Set;

import org.seedbench.core.model.JobState;

/**
 * The steps of a seeding job as a plan names them ({@code init}, {@code stage}, {@code prepare-drives}, {@code ship},
 * {@code wait}, {@code seed-vault}, {@code backup}, {@code cleanup}) and the job states in which each is done, so that
 * a plan run again goes on where it stopped.
 */
public final class PlanSteps {
    /** The states past the datacenter's copy: the import job is done, the vault is being seeded or holds the seed. */
    private static final Set<JobState> IMPORTED = EnumSet.of(JobState.COMPLETED, JobState.COMPLETED_WITH_ERRORS,
            JobState.CLOSED, JobState.VAULT_SEEDING, JobState.SEEDED, JobState.CLEANED_UP);
    /** The states in which the drives have been shipped (the service has them, or had them). */
    private static final Set<JobState> SHIPPED = union(EnumSet.of(JobState.SHIPPING, JobState.RECEIVED,
            JobState.TRANSFERRING, JobState.PACKAGING), IMPORTED);
    /** The states in which the import job exists: the drives were prepared. */
    private static final Set<JobState> IMPORT_JOB_CREATED = union(EnumSet.of(JobState.CREATING), SHIPPED);
    /** The states in which the job's seed is staged. */
    private static final Set<JobState> STAGED = union(EnumSet.of(JobState.STAGED, JobState.PREPARING_DRIVES,
            JobState.DRIVES_READY), IMPORT_JOB_CREATED);

    private PlanSteps() {
    }

    /**
     * Whether a job in {@code state} has done {@code step} already. A job that does not exist yet (null) has done
     * none; a Cancelled or Expired job only {@code init}; {@code backup} and {@code cleanup} are done once the job
     * is CleanedUp.
     */
    public static boolean isDone(String step, JobState state) {
        if (state == null) {
            return false;
        }
        if (state == JobState.CANCELLED || state == JobState.EXPIRED) {
            return step.equals("init");
        }
        return switch (step) {
            case "init" -> true;
            case "stage" -> STAGED.contains(state);
            case "prepare-drives" -> IMPORT_JOB_CREATED.contains(state);
            case "ship" -> SHIPPED.contains(state);
            case "wait" -> IMPORTED.contains(state);
            case "seed-vault" -> state == JobState.SEEDED || state == JobState.CLEANED_UP;
            case "backup", "cleanup" -> state == JobState.CLEANED_UP;
            default -> false;
        };
    }

    private static Set<JobState> union(Set<JobState> a, Set<JobState> b) {
        EnumSet<JobState> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }
}
