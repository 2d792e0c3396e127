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
 */
public final class JobStates {
    private static final Map<JobState, Set<JobState>> NEXT = new EnumMap<>(JobState.class);

    static {
        NEXT.put(DRAFT, EnumSet.of(STAGING, CANCELLED));
        NEXT.put(STAGING, EnumSet.of(STAGING, STAGED, CANCELLED));
        NEXT.put(STAGED, EnumSet.of(STAGING, PREPARING_DRIVES, CANCELLED));
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
        NEXT.put(EXPIRED, EnumSet.noneOf(JobState.class));
        NEXT.put(CLEANED_UP, EnumSet.noneOf(JobState.class));
    }

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
            throw new IllegalTransitionException("job " + jobName, from.label(), to.label(),
                    NEXT.get(from).stream().map(JobState::label).collect(Collectors.joining(", ")));
        }
    }

    /** Whether the job is over: cancelled, expired or cleaned up. */
    public static boolean isFinal(JobState state) {
        return NEXT.get(state).isEmpty();
    }
}
