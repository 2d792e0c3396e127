package org.seedbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;

/**
 * The plan runner calls the services: a plan of one job of the local cloud through init, stage and prepare-drives
 * on a folder drive. Stopped at stage (no passphrase), it goes on where it stopped when run again; the steps
 * already done are not run again, and a third run runs none.
 */
@ExtendWith(ServiceExtension.class)
class PlanServiceTest {

    @InjectService(timeout = 10_000)
    PlanService plans;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @TempDir
    Path tmp;

    /** Records what the runner reports; gives the passphrase only when {@code passphrase} is set. */
    private static final class Recorder implements PlanListener {
        final List<String> heard = new ArrayList<>();
        final List<Object> outcomes = new ArrayList<>();
        String passphrase;

        @Override
        public void started(PlanJob job, String step) {
            heard.add("started " + step);
        }

        @Override
        public void done(PlanJob job, String step, Object outcome) {
            heard.add("done " + step);
            outcomes.add(outcome);
        }

        @Override
        public void needsAction(PlanJob job, String step, Object outcome) {
            heard.add("needs action " + step);
        }

        @Override
        public void failed(PlanJob job, String step, Exception failure) {
            heard.add("failed " + step + ": " + failure.getMessage());
        }

        @Override
        public Secret passphrase(PlanJob job, boolean confirm) throws InvalidInputException {
            if (passphrase == null) {
                throw new InvalidInputException(new Problem("passphrase", null, "is missing", "a passphrase"));
            }
            return Secret.of(passphrase);
        }
    }

    private PlanJob planJob(String name) throws Exception {
        SeedingJob j = Seeds.job(tmp, name, "contosobackup", 3);
        String drive = "dir:" + tmp.resolve("drives/SB-P001") + ",capacity=50M,serial=SB-P001";
        return new PlanJob(name, j.stagingLocation(), j.storageAccount(), j.container(), j.subscriptionId(),
                j.location(), null, null, List.of(j.workloads().get(0).toString()), List.of(), List.of(),
                List.of(drive), null, null, null, List.of("init", "stage", "prepare-drives"), null, null);
    }

    private PlanService.JobRun run(Path data, PlanJob job, Recorder recorder) {
        try (Workspace workspace = workspaces.open(data)) {
            List<PlanService.JobRun> runs = plans.run(workspace, List.of(job), Clock.systemUTC(), recorder);
            assertEquals(1, runs.size());
            return runs.get(0);
        }
    }

    @Test
    void aPlanStoppedAtAStepGoesOnWhereItStoppedWithoutRunningDoneStepsAgain() throws Exception {
        Path data = tmp.resolve("data");
        PlanJob job = planJob("plan-fs01");

        Recorder first = new Recorder();
        PlanService.JobRun stopped = run(data, job, first);
        assertEquals(PlanService.Ending.FAILED, stopped.ending());
        assertEquals(List.of("init", "stage"), stopped.ran());
        assertEquals("stage", stopped.stoppedAt());
        assertEquals(JobState.DRAFT, stopped.state());
        assertEquals(List.of("started init", "done init", "started stage"), first.heard.subList(0, 3));
        assertTrue(first.heard.get(3).startsWith("failed stage: "), first.heard.toString());
        assertEquals(4, first.heard.size());
        assertInstanceOf(JobService.Created.class, first.outcomes.get(0));

        Recorder second = new Recorder();
        second.passphrase = Seeds.PASSPHRASE;
        PlanService.JobRun resumed = run(data, job, second);
        assertEquals(PlanService.Ending.DONE, resumed.ending());
        assertEquals(List.of("init"), resumed.skipped(), "init is not run again");
        assertEquals(List.of("stage", "prepare-drives"), resumed.ran());
        assertNull(resumed.stoppedAt());
        assertEquals(JobState.CREATING, resumed.state(), "prepare-drives ended by creating the import job");
        assertEquals(List.of("started stage", "done stage", "started prepare-drives", "done prepare-drives"),
                second.heard);
        StageOutcome staged = assertInstanceOf(StageOutcome.class, second.outcomes.get(0));
        assertTrue(staged.created());
        PrepareOutcome prepared = assertInstanceOf(PrepareOutcome.class, second.outcomes.get(1));
        assertNotNull(prepared.importJob());
        assertEquals(1, prepared.drives().size());

        Recorder third = new Recorder();
        PlanService.JobRun again = run(data, job, third);
        assertEquals(PlanService.Ending.DONE, again.ending());
        assertEquals(List.of(), again.ran(), "every step is done: none runs");
        assertEquals(List.of("init", "stage", "prepare-drives"), again.skipped());
        assertEquals(List.of(), third.heard);
        try (Workspace workspace = workspaces.open(data); Catalog catalog = workspace.catalog()) {
            assertEquals(JobState.CREATING, catalog.job("plan-fs01").orElseThrow().state());
        }
    }
}
