package org.seedbench.core.rules;

import static org.seedbench.core.model.JobState.*;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.seedbench.core.model.JobState;

/**
 * The job state machine. Seedbench's own states lead into the service's (Creating → Shipping → Received →
 * Transferring → Packaging → Completed / CompletedWithErrors → Closed) and out of them into vault seeding
 * and cleanup. A state may be entered again where work resumes (Staging, PreparingDrives, VaultSeeding).
 *
 * <p>The job's whole life around that line: a Staged job whose inputs are edited goes back to Draft (its seed is
 * staged again); a job is cancelled before the datacenter receives its drives; an Expired import job is reopened
 * (a new import job for the same drives, Creating again); a job is deleted only when nothing of it is under way.
 */
public final class JobStates {
    private static final Map<JobState, Set<JobState>> NEXT = new EnumMap<>(JobState.class);

    static {
        NEXT.put(DRAFT, EnumSet.of(STAGING, CANCELLED));
        NEXT.put(STAGING, EnumSet.of(STAGING, STAGED, CANCELLED));
        NEXT.put(STAGED, EnumSet.of(STAGING, PREPARING_DRIVES, CANCELLED, DRAFT));
        NEXT.put(PREPARING_DRIVES, EnumSet.of(PREPARING_DRIVES, DRIVES_READY, CANCELLED));
        NEXT.put(DRIVES_READY, EnumSet.of(PREPARING_DRIVES, CREATING, CANCELLED));
        NEXT.put(CREATING, EnumSet.of(SHIPPING, CANCELLED, EXPIRED));
        NEXT.put(SHIPPING, EnumSet.of(RECEIVED, CANCELLED));
        NEXT.put(RECEIVED, EnumSet.of(TRANSFERRING));
        NEXT.put(TRANSFERRING, EnumSet.of(PACKAGING));
        NEXT.put(PACKAGING, EnumSet.of(COMPLETED, COMPLETED_WITH_ERRORS));
        NEXT.put(COMPLETED, EnumSet.of(CLOSED, VAULT_SEEDING));
        NEXT.put(COMPLETED_WITH_ERRORS, EnumSet.of(CLOSED, VAULT_SEEDING));
        NEXT.put(CLOSED, EnumSet.of(VAULT_SEEDING));
        NEXT.put(VAULT_SEEDING, EnumSet.of(VAULT_SEEDING, SEEDED));
        NEXT.put(SEEDED, EnumSet.of(CLEANED_UP));
        NEXT.put(CANCELLED, EnumSet.noneOf(JobState.class));
        NEXT.put(EXPIRED, EnumSet.of(CREATING));
        NEXT.put(CLEANED_UP, EnumSet.noneOf(JobState.class));
    }

    /** The states a job's import job life ends in; Expired still has its way out, {@link #canReopen}. */
    private static final Set<JobState> FINAL = EnumSet.of(CANCELLED, EXPIRED, CLEANED_UP);
    /** Where a job may be deleted: nothing of it is under way at the service or on drives. */
    private static final Set<JobState> DELETABLE = EnumSet.of(DRAFT, CANCELLED, EXPIRED, CLEANED_UP);
    /** Where a job's inputs and workloads may be edited: before its seed goes onto drives. */
    private static final Set<JobState> EDITABLE = EnumSet.of(DRAFT, STAGED);

    private JobStates() {
    }

    public static boolean canMove(JobState from, JobState to) {
        return NEXT.get(from).contains(to);
    }

    /** The states {@code from} leads to. */
    public static Set<JobState> next(JobState from) {
        return Collections.unmodifiableSet(NEXT.get(from));
    }

    /** @throws IllegalTransitionException when {@code from} does not lead to {@code to} */
    public static void checkMove(String jobName, JobState from, JobState to) {
        if (!canMove(from, to)) {
            throw new IllegalTransitionException("job " + jobName, from.label(), to.label(), FINAL.contains(from) ? ""
                    : NEXT.get(from).stream().map(JobState::label).collect(Collectors.joining(", ")));
        }
    }

    /** Whether the job is over: cancelled, expired or cleaned up. */
    public static boolean isFinal(JobState state) {
        return FINAL.contains(state);
    }

    /**
     * Whether the job may be cancelled: before the datacenter receives its drives (Seedbench's own states, and
     * Creating or Shipping at the import service).
     *
     * @since 1.4
     */
    public static boolean canCancel(JobState state) {
        return NEXT.get(state).contains(CANCELLED);
    }

    /** Whether the job may be deleted: Draft, Cancelled, Expired or CleanedUp. @since 1.4 */
    public static boolean canDelete(JobState state) {
        return DELETABLE.contains(state);
    }

    /** Whether the job's inputs and workloads may be edited: Draft or Staged. @since 1.4 */
    public static boolean canEdit(JobState state) {
        return EDITABLE.contains(state);
    }

    /** Whether a new import job may be created for the job's prepared drives: its import job Expired. @since 1.4 */
    public static boolean canReopen(JobState state) {
        return state == EXPIRED;
    }

    /** The states {@code canDelete} takes, for messages. @since 1.4 */
    public static Set<JobState> deletable() {
        return Collections.unmodifiableSet(DELETABLE);
    }

    /** The states {@code canEdit} takes, for messages. @since 1.4 */
    public static Set<JobState> editable() {
        return Collections.unmodifiableSet(EDITABLE);
    }
}
