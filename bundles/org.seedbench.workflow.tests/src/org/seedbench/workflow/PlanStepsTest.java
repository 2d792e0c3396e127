package org.seedbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.seedbench.core.model.JobState;

/** A plan's step is done in the states that follow it, named, not judged by the order of the enum's constants. */
class PlanStepsTest {

    private static Set<JobState> doneIn(String step) {
        Set<JobState> states = EnumSet.noneOf(JobState.class);
        for (JobState s : JobState.values()) {
            if (PlanSteps.isDone(step, s)) {
                states.add(s);
            }
        }
        return states;
    }

    @Test
    void eachStepIsDoneInTheStatesAfterIt() {
        Set<JobState> seeded = EnumSet.of(JobState.SEEDED, JobState.CLEANED_UP);
        Set<JobState> imported = EnumSet.of(JobState.COMPLETED, JobState.COMPLETED_WITH_ERRORS, JobState.CLOSED,
                JobState.VAULT_SEEDING, JobState.SEEDED, JobState.CLEANED_UP);
        Set<JobState> shipped = EnumSet.of(JobState.SHIPPING, JobState.RECEIVED, JobState.TRANSFERRING,
                JobState.PACKAGING);
        shipped.addAll(imported);
        Set<JobState> created = EnumSet.of(JobState.CREATING);
        created.addAll(shipped);
        Set<JobState> staged = EnumSet.of(JobState.STAGED, JobState.PREPARING_DRIVES, JobState.DRIVES_READY);
        staged.addAll(created);

        assertEquals(EnumSet.allOf(JobState.class), doneIn("init"));
        assertEquals(staged, doneIn("stage"));
        assertEquals(created, doneIn("prepare-drives"));
        assertEquals(shipped, doneIn("ship"));
        assertEquals(imported, doneIn("wait"));
        assertEquals(seeded, doneIn("seed-vault"));
        assertEquals(EnumSet.of(JobState.CLEANED_UP), doneIn("backup"));
        assertEquals(EnumSet.of(JobState.CLEANED_UP), doneIn("cleanup"));
        assertEquals(EnumSet.noneOf(JobState.class), doneIn("no-such-step"));
    }

    @Test
    void aJobThatDoesNotExistHasDoneNothing() {
        for (String step : new String[] { "init", "stage", "cleanup" }) {
            assertEquals(false, PlanSteps.isDone(step, null), step);
        }
    }
}
