package org.seedbench.workflow;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.Progress;

/**
 * Scheduled incremental backups: a job whose vault holds the seed is given a {@link Schedule}, kept in its
 * properties ({@value #PROP_SCHEDULE}, {@value #PROP_SINCE}); {@link #runDue} runs the backup of every job whose
 * run is due with {@link VaultService#backup}, the call {@code seedbench backup} makes, and records the result
 * ({@value #PROP_LAST_TIME}, {@value #PROP_LAST_OUTCOME}, {@value #PROP_LAST_SNAPSHOTS}, {@value #PROP_LAST_DETAIL}
 * and a {@value #EVENT_RUN} event). A run is recorded when it ends, so a run that was killed is due again at the
 * next {@code run-due}; the next run is counted from the last one, so runs missed while the computer was off are
 * one run.
 */
@Component(service = ScheduleService.class)
public class ScheduleService {
    public static final String PROP_SCHEDULE = "schedule";
    /** When the schedule was set: the first run is the schedule's first time after it. */
    public static final String PROP_SINCE = "schedule.since";
    public static final String PROP_LAST_TIME = "schedule.last.time";
    public static final String PROP_LAST_OUTCOME = "schedule.last.outcome";
    public static final String PROP_LAST_SNAPSHOTS = "schedule.last.snapshots";
    public static final String PROP_LAST_DETAIL = "schedule.last.detail";
    public static final String EVENT_SET = "schedule";
    public static final String EVENT_RUN = "schedule.run";

    @Reference
    private VaultService vault;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<AfterScheduledBackup> afterBackup;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AlertService alerts;

    /**
     * Sets the job's schedule, or with {@code null} turns it off.
     *
     * @throws InvalidInputException when the job does not exist, or its vault does not hold the seed yet
     */
    public ScheduleView set(Workspace workspace, String jobName, Schedule schedule, Instant now, ZoneId zone)
            throws InvalidInputException {
        try (Catalog catalog = workspace.catalog()) {
            SeedingJob job = Jobs.require(catalog, jobName);
            if (schedule != null && !VaultService.holdsSeed(job.state())) {
                throw new InvalidInputException(new Problem("job", jobName, "is " + job.state()
                        + "; scheduled backups go into the vault once it holds the seed",
                        "a Seeded job: seedbench seed-vault " + jobName));
            }
            Map<String, String> p = new HashMap<>();
            p.put(PROP_SCHEDULE, schedule == null ? null : schedule.toString());
            p.put(PROP_SINCE, schedule == null ? null : now.toString());
            catalog.putJobProperties(jobName, p);
            catalog.recordEvent(jobName, EVENT_SET, schedule == null ? "scheduled backups turned off"
                    : "scheduled backups " + schedule);
            return view(jobName, catalog.jobProperties(jobName), zone);
        }
    }

    /** The job's schedule, its next run and its last result. */
    public ScheduleView view(Workspace workspace, String jobName, ZoneId zone) throws InvalidInputException {
        try (Catalog catalog = workspace.catalog()) {
            Jobs.require(catalog, jobName);
            return view(jobName, catalog.jobProperties(jobName), zone);
        }
    }

    /** The schedule view of a job's properties (as {@link Catalog#jobProperties} gives them). */
    public static ScheduleView view(String jobName, Map<String, String> properties, ZoneId zone) {
        Schedule schedule = Schedule.parse(properties.get(PROP_SCHEDULE));
        ScheduledRun last = lastRun(jobName, properties);
        Instant since = instant(properties.get(PROP_SINCE));
        Instant from = last == null || since != null && since.isAfter(last.at()) ? since : last.at();
        Instant next = schedule == null || from == null ? null : schedule.next(from, zone);
        return new ScheduleView(jobName, schedule, next, last);
    }

    private static ScheduledRun lastRun(String jobName, Map<String, String> p) {
        Instant at = instant(p.get(PROP_LAST_TIME));
        String outcome = p.get(PROP_LAST_OUTCOME);
        if (at == null || outcome == null) {
            return null;
        }
        String snapshots = p.getOrDefault(PROP_LAST_SNAPSHOTS, "");
        return new ScheduledRun(jobName, at, outcome,
                snapshots.isEmpty() ? List.of() : Arrays.asList(snapshots.split(",")), p.get(PROP_LAST_DETAIL));
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The jobs whose scheduled run is due at {@code now}, by name. */
    public List<ScheduleView> due(Workspace workspace, Instant now, ZoneId zone) {
        List<ScheduleView> due = new ArrayList<>();
        try (Catalog catalog = workspace.catalog()) {
            for (SeedingJob job : catalog.jobs()) {
                if (!VaultService.holdsSeed(job.state())) {
                    continue;
                }
                ScheduleView v = view(job.name(), catalog.jobProperties(job.name()), zone);
                if (v.next() != null && !v.next().isAfter(now)) {
                    due.add(v);
                }
            }
        }
        due.sort((a, b) -> a.job().compareTo(b.job()));
        return due;
    }

    /**
     * Runs the scheduled backup of every job that is due at {@code now}, one job after the other, each under the
     * job's lock; a job another run holds is skipped (and stays due). Each run's result is recorded when it ends;
     * after a successful one, every {@link AfterScheduledBackup} service runs.
     *
     * @param passphrase the backup passphrase the jobs' repositories open with
     * @param started    told of each job before its run starts
     * @param ended      told of each run's result
     * @return the runs, in the order they ran; empty when nothing was due
     */
    public List<ScheduledRun> runDue(Workspace workspace, Instant now, ZoneId zone, Secret passphrase,
            Progress progress, Consumer<String> started, Consumer<ScheduledRun> ended) {
        List<ScheduledRun> runs = new ArrayList<>();
        for (ScheduleView due : due(workspace, now, zone)) {
            String job = due.job();
            ScheduledRun run;
            String holder = holder(workspace, job);
            if (holder != null) {
                run = new ScheduledRun(job, now, ScheduledRun.SKIPPED, List.of(), holder);
            } else {
                started.accept(job);
                run = runOne(workspace, job, now, passphrase, progress);
                record(workspace, run);
                alert(workspace, run);
            }
            runs.add(run);
            ended.accept(run);
        }
        return runs;
    }

    /** Why the job cannot run now (another run holds it); {@code null} when it can. */
    private static String holder(Workspace workspace, String job) {
        try (JobLock probe = JobLock.acquire(workspace, job, "run-due")) {
            return null;
        } catch (InvalidInputException e) {
            return e.problems().get(0).problem().replace("; nothing was written", "; it stays due");
        } catch (IOException e) {
            return null; // the backup itself says what is wrong with the lock file
        }
    }

    private ScheduledRun runOne(Workspace workspace, String job, Instant now, Secret passphrase, Progress progress) {
        List<String> warnings = new ArrayList<>();
        VaultBackupOutcome outcome;
        try {
            outcome = vault.backup(workspace, job, passphrase, progress, warnings::add);
        } catch (InvalidInputException e) {
            return new ScheduledRun(job, now, ScheduledRun.FAILED, List.of(), e.problems().get(0).message());
        } catch (Exception e) {
            return new ScheduledRun(job, now, ScheduledRun.FAILED, List.of(), String.valueOf(e.getMessage()));
        }
        warnings.addAll(outcome.result().warnings().stream().filter(w -> !warnings.contains(w)).toList());
        // retention: applied here, by the AfterScheduledBackup services (none registered: nothing to do)
        applyAfterBackup(workspace, job, outcome, passphrase, progress, warnings);
        return new ScheduledRun(job, now, warnings.isEmpty() ? ScheduledRun.DONE : ScheduledRun.WARNINGS,
                outcome.result().snapshotIds(), warnings.isEmpty() ? null : warnings.get(0));
    }

    /**
     * The hook after a successful scheduled backup: calls every registered {@link AfterScheduledBackup} (a job's
     * retention policy, {@code forget} + {@code prune}); what one throws becomes a warning of the run.
     */
    private void applyAfterBackup(Workspace workspace, String job, VaultBackupOutcome outcome, Secret passphrase,
            Progress progress, List<String> warnings) {
        List<AfterScheduledBackup> registered = afterBackup;
        for (AfterScheduledBackup after : registered == null ? List.<AfterScheduledBackup>of() : registered) {
            try {
                after.afterScheduledBackup(workspace, job, outcome, passphrase, progress);
            } catch (InvalidInputException e) {
                warnings.add("after the backup: " + e.problems().get(0).message());
            } catch (Exception e) {
                warnings.add("after the backup: " + e.getMessage());
            }
        }
    }

    /**
     * Sends the job's alerts after its run: a failed run (its cause the scheduled time, so a run retried for the same
     * time alerts once) and whatever else is due ({@link AlertService#check}). An alert that cannot be sent is
     * recorded by the alert service and never fails the run.
     */
    private void alert(Workspace workspace, ScheduledRun run) {
        AlertService service = alerts;
        if (service == null) {
            return;
        }
        try {
            if (ScheduledRun.FAILED.equals(run.outcome())) {
                service.fire(workspace, run.job(), AlertService.BACKUP_FAILED, "scheduled run at " + run.at(),
                        "job " + run.job() + ": the scheduled backup failed: " + run.detail());
            }
            service.check(workspace, run.job());
        } catch (InvalidInputException | IOException | RuntimeException e) {
            // the alert service records what it could not send; the run's own result stands
        }
    }

    private static void record(Workspace workspace, ScheduledRun run) {
        try (Catalog catalog = workspace.catalog()) {
            Map<String, String> p = new HashMap<>();
            p.put(PROP_LAST_TIME, run.at().toString());
            p.put(PROP_LAST_OUTCOME, run.outcome());
            p.put(PROP_LAST_SNAPSHOTS, String.join(",", run.snapshots()));
            p.put(PROP_LAST_DETAIL, run.detail());
            catalog.putJobProperties(run.job(), p);
            catalog.recordEvent(run.job(), EVENT_RUN, "scheduled backup " + run.summary());
        }
    }
}
