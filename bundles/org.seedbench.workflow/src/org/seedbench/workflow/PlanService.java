package org.seedbench.workflow;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.seedbench.backup.BackupResult;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;

/**
 * Runs a plan: each job's steps in order, by calling the services with the workspace. A step the job's state shows
 * as done ({@link PlanSteps}) is skipped, so a plan run again after a failure or a wait goes on where it stopped. A
 * job whose step fails or needs action stops there; the other jobs go on. Each step is reported to a
 * {@link PlanListener}.
 */
@Component(service = PlanService.class)
public class PlanService {

    /** How one job of the plan ended. */
    public enum Ending {
        DONE, NEEDS_ACTION, FAILED
    }

    /**
     * One job's run.
     *
     * @param state     the job's state at the end; null when it does not exist
     * @param stoppedAt the step the job stopped at; null when every step is done
     */
    public record JobRun(String job, JobState state, List<String> ran, List<String> skipped, String stoppedAt,
            Ending ending) {
    }

    /** A step lacks a value it cannot run without (the plan lacks a shipping detail, the drives). */
    public static final class MissingValue extends Exception {
        private static final long serialVersionUID = 1L;

        public MissingValue(String message) {
            super(message);
        }
    }

    /** How often {@code wait} asks the import service, as {@code status --watch} does by default. */
    public static final double WAIT_INTERVAL_SECONDS = 30;

    private final JobService jobs;
    private final StageService stage;
    private final DrivePreparationService drives;
    private final ImportJobService importJobs;
    private final VaultService vault;

    /** The steps' services, injected by Declarative Services. */
    @Activate
    public PlanService(@Reference JobService jobs, @Reference StageService stage,
            @Reference DrivePreparationService drives, @Reference ImportJobService importJobs,
            @Reference VaultService vault) {
        this.jobs = jobs;
        this.stage = stage;
        this.drives = drives;
        this.importJobs = importJobs;
        this.vault = vault;
    }

    /** Runs every job of the plan, one after the other. */
    public List<JobRun> run(Workspace workspace, List<PlanJob> plan, Clock clock, PlanListener listener) {
        List<JobRun> runs = new ArrayList<>();
        for (PlanJob job : plan) {
            runs.add(run(workspace, job, clock, listener));
        }
        return runs;
    }

    /** Runs the steps of one job that are not done yet. */
    public JobRun run(Workspace workspace, PlanJob job, Clock clock, PlanListener listener) {
        List<String> ran = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String step : job.steps()) {
            JobState state = state(workspace, job.name()).orElse(null);
            if (PlanSteps.isDone(step, state)) {
                skipped.add(step);
                continue;
            }
            if (state == JobState.CANCELLED || state == JobState.EXPIRED) {
                listener.needsAction(job, step, null);
                return new JobRun(job.name(), state, ran, skipped, step, Ending.NEEDS_ACTION);
            }
            listener.started(job, step);
            ran.add(step);
            Ending ending;
            try {
                Step outcome = step(workspace, job, step, clock, listener);
                ending = outcome.needsAction() ? Ending.NEEDS_ACTION : Ending.DONE;
                if (outcome.needsAction()) {
                    listener.needsAction(job, step, outcome.outcome());
                } else {
                    listener.done(job, step, outcome.outcome());
                }
            } catch (Exception e) {
                ending = Ending.FAILED;
                listener.failed(job, step, e);
            }
            if (ending != Ending.DONE) {
                return new JobRun(job.name(), state(workspace, job.name()).orElse(null), ran, skipped, step, ending);
            }
        }
        return new JobRun(job.name(), state(workspace, job.name()).orElse(null), ran, skipped, null, Ending.DONE);
    }

    private record Step(Object outcome, boolean needsAction) {
    }

    private Step step(Workspace workspace, PlanJob job, String step, Clock clock, PlanListener listener)
            throws Exception {
        String name = job.name();
        return switch (step) {
            case "init" -> {
                SeedingJob draft = new SeedingJob(name, job.staging(), job.storageAccount(), job.container(),
                        job.subscription(), job.location(), JobService.workloads(job.workloads(), job.include(),
                                job.exclude()), job.connector(), job.sourceHost(), clock.instant(), JobState.DRAFT);
                yield new Step(job.rehearsalDaysPerSecond() != null
                        ? jobs.createRehearsal(workspace, draft, job.rehearsalDaysPerSecond())
                        : new JobService.Created(jobs.create(workspace, draft), null), false);
            }
            case "stage" -> {
                boolean exists = stage.repositoryExists(workspace, name);
                try (Secret passphrase = listener.passphrase(job, !exists)) {
                    StageOutcome o = stage.stage(workspace, name, passphrase, listener.progress(job, step), w -> {
                    });
                    yield new Step(o, o.result().completedWithWarnings());
                }
            }
            case "prepare-drives" -> {
                if (job.drives().isEmpty()) {
                    throw new MissingValue("give at least one --drive");
                }
                if (!job.shipping().returns().equals(ReturnDetails.NONE)) {
                    importJobs.updateReturnDetails(workspace, name, job.shipping().returns());
                }
                PrepareOutcome o = drives.prepare(workspace, name, job.drives(), job.encryptor(), Set.of(),
                        (serial, description) -> true, listener.progress(job, step), note -> listener.note(job, note));
                yield new Step(o, o.needsMoreDrives());
            }
            case "ship" -> {
                PlanJob.Shipping s = job.shipping();
                Shipment shipment = new Shipment(name, required(s.carrier(), "carrier"), required(s.tracking(),
                        "tracking"), ImportJobService.shipDate(s.shipDate()), List.of(), s.returns().address(),
                        s.returns().shipping());
                yield new Step(importJobs.ship(workspace, name, shipment, false), false);
            }
            case "wait" -> {
                Long seconds = job.waitSeconds();
                ImportJobView view = importJobs.watch(workspace, name, WAIT_INTERVAL_SECONDS,
                        seconds == null ? Double.POSITIVE_INFINITY : seconds, v -> listener.watching(job, v));
                yield new Step(view, view.moving() || view.needsAction());
            }
            case "seed-vault" -> new Step(vault.seedVault(workspace, name, listener.progress(job, step)), false);
            case "backup" -> {
                try (Secret passphrase = listener.passphrase(job, false)) {
                    VaultBackupOutcome o = vault.backup(workspace, name, passphrase, listener.progress(job, step),
                            w -> {
                            });
                    BackupResult r = o.result();
                    yield new Step(o, r.completedWithWarnings());
                }
            }
            case "cleanup" -> new Step(vault.cleanup(workspace, name, listener.progress(job, step)), false);
            default -> throw new IllegalArgumentException("not a step of a plan: " + step);
        };
    }

    private static String required(String value, String option) throws MissingValue {
        if (value == null) {
            throw new MissingValue("missing --" + option);
        }
        return value;
    }

    private static Optional<JobState> state(Workspace workspace, String job) {
        try (Catalog catalog = workspace.catalog()) {
            return catalog.job(job).map(SeedingJob::state);
        }
    }
}
