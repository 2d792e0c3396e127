package org.seedbench.workflow;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.seedbench.backup.BackupEngine;
import org.seedbench.backup.BackupResult;
import org.seedbench.backup.BackupStatistics;
import org.seedbench.backup.Repository;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.backup.WorkloadRun;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.JobStates;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.rules.WorkloadChecks;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.StagingProvider;
import org.seedbench.core.spi.WorkloadSource;

/**
 * Stages a job: writes the initial backup of its workloads into {@code <staging>/<job>/}. Every check runs
 * before anything is written; the job goes Draft → Staging → Staged, and stays Staging when the run is
 * cancelled or fails, so the next run resumes. A run holds the job's {@link JobLock}: a second run of the same
 * job is refused while the first goes on.
 */
@Component(service = StageService.class)
public class StageService {
    /** Job properties the stage run records. */
    public static final String PROP_REPOSITORY = "staging.repository";
    public static final String PROP_SNAPSHOTS = "staging.snapshots";
    public static final String PROP_BYTES_READ = "staging.bytesRead";
    public static final String PROP_BYTES_STORED = "staging.bytesStored";
    public static final String PROP_FILES = "staging.files";
    public static final String PROP_DEDUP = "staging.dedupRatio";
    public static final String PROP_COMPRESSION = "staging.compressionRatio";

    @Reference
    private BackupEngine engine;

    @Reference
    private InstalledProviders installed;

    /**
     * Every problem of a job about to be created, as {@code init} and the "Initiate offline backup" wizard check
     * it: its inputs, its workloads, and its staging location (which the provider that takes it checks can be
     * created and written, lies outside every source and, for a share, is mounted). Nothing is left written.
     */
    public List<Problem> checkNewJob(SeedingJob job) {
        return WorkloadChecks.checkNewJob(job, workloadSources(), stagingProviders());
    }

    /**
     * The job to create once {@link #checkNewJob} passed: its staging location as the folder of this computer
     * it stands for (a share's UNC path: where the share is mounted), so that every step uses that folder.
     */
    public SeedingJob withStagingFolder(SeedingJob job) {
        return WorkloadChecks.withStagingFolder(job, stagingProviders());
    }

    private List<WorkloadSource> workloadSources() {
        return installed.workloadSources();
    }

    private List<StagingProvider> stagingProviders() {
        return installed.stagingProviders();
    }

    /** Whether the job's staging repository exists yet (a new one asks for the passphrase twice). */
    public boolean repositoryExists(Workspace workspace, String jobName) throws InvalidInputException, IOException {
        try (Catalog catalog = workspace.catalog()) {
            SeedingJob job = Jobs.require(catalog, jobName);
            if (provider(job) == null) {
                return false;
            }
            Optional<ObjectStore> repository = StagingRepositories.existing(job, stagingProviders());
            return repository.isPresent() && engine.isRepository(repository.get());
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * Stages the job.
     *
     * @param warnings receives one line per item that was skipped; the run goes on
     * @throws InvalidInputException when a check fails or another run holds the job (nothing is written), or the
     *                               passphrase is wrong
     * @throws Progress.CanceledException when cancelled; the job stays Staging and the next run resumes
     */
    public StageOutcome stage(Workspace workspace, String jobName, Secret passphrase, Progress progress,
            Consumer<String> warnings) throws InvalidInputException, IOException {
        SeedingJob job;
        StagingProvider provider;
        List<WorkloadRun> runs = new ArrayList<>();
        try (Catalog catalog = workspace.catalog()) {
            job = Jobs.require(catalog, jobName);
            JobStates.checkMove(job.name(), job.state(), JobState.STAGING);
            List<Problem> problems = new ArrayList<>();
            char[] chars = passphrase.reveal();
            try {
                problems.addAll(SeedRules.checkPassphrase(chars));
            } finally {
                java.util.Arrays.fill(chars, '\0');
            }
            List<WorkloadSource> sources = workloadSources();
            problems.addAll(Jobs.workloadProblems(job, sources));
            provider = provider(job);
            if (provider == null) {
                problems.addAll(WorkloadChecks.checkStaging(job.stagingLocation(), 0,
                        WorkloadChecks.sourceRoots(job.workloads()), stagingProviders()));
            }
            InvalidInputException.throwIfAny(problems);
            runs.addAll(Jobs.workloadRuns(job, sources));
        }
        try (JobLock lock = JobLock.acquire(workspace, job, "stage")) {
            return stage(workspace, job, provider, runs, passphrase, progress, warnings);
        }
    }

    /**
     * Stages the job while this run holds it. The room check needs what the workloads hold: a workload the
     * repository has a snapshot of counts what that one read, and only the others are walked for their size; the
     * engine is handed the total, so a rerun walks its sources once, to back them up.
     */
    private StageOutcome stage(Workspace workspace, SeedingJob job, StagingProvider provider, List<WorkloadRun> runs,
            Secret passphrase, Progress progress, Consumer<String> warnings) throws InvalidInputException, IOException {
        Optional<ObjectStore> existing = StagingRepositories.existing(job, stagingProviders());
        long alreadyStaged = existing.isPresent() ? StagingRepositories.size(existing.get()) : 0;
        ObjectStore storage = existing.isPresent() && engine.isRepository(existing.get()) ? existing.get() : null;
        if (storage != null) {
            try (Repository repository = Jobs.open(engine, storage, passphrase)) {
                long estimate = estimate(runs, engine.snapshots(repository), progress);
                checkRoom(job, provider, estimate, alreadyStaged);
                return stage(workspace, job, storage, repository, false, runs, estimate, progress, warnings);
            }
        }
        long estimate = estimate(runs, List.of(), progress);
        checkRoom(job, provider, estimate, alreadyStaged);
        storage = StagingRepositories.open(job, stagingProviders());
        boolean created = !engine.isRepository(storage);
        try (Repository repository = created ? engine.init(storage, passphrase) : Jobs.open(engine, storage, passphrase)) {
            return stage(workspace, job, storage, repository, created, runs, estimate, progress, warnings);
        }
    }

    private void checkRoom(SeedingJob job, StagingProvider provider, long estimate, long alreadyStaged)
            throws InvalidInputException {
        List<Problem> room = provider.check(job.stagingLocation(), Math.max(0, estimate - alreadyStaged),
                WorkloadChecks.sourceRoots(job.workloads()));
        InvalidInputException.throwIfAny(room);
    }

    /** What the workloads hold: what a workload's latest snapshot read, or what its source says it holds. */
    private static long estimate(List<WorkloadRun> runs, List<SnapshotInfo> snapshots, Progress progress)
            throws IOException {
        Progress cancelOnly = new Progress() {
            @Override
            public boolean isCanceled() {
                return progress.isCanceled();
            }
        };
        long estimate = 0;
        for (WorkloadRun run : runs) {
            Optional<SnapshotInfo> latest = snapshots.stream().filter(s -> s.workload().equals(run.spec()))
                    .max(java.util.Comparator.comparing(SnapshotInfo::time));
            estimate += latest.isPresent() ? latest.get().statistics().bytesRead()
                    : run.source().estimateSize(run.spec(), cancelOnly);
        }
        return estimate;
    }

    private StageOutcome stage(Workspace workspace, SeedingJob job, ObjectStore storage, Repository repository,
            boolean created, List<WorkloadRun> runs, long estimate, Progress progress, Consumer<String> warnings)
            throws IOException {
        Path folder = Path.of(storage.location());
        try (Catalog catalog = workspace.catalog()) {
            if (job.state() != JobState.STAGING) {
                catalog.moveJob(job.name(), JobState.STAGING,
                        "staging " + Sizes.decimal(estimate) + " into " + folder);
            }
        }
        List<String> runWarnings = new ArrayList<>();
        BackupResult result = engine.backup(repository, runs, estimate, progress, w -> {
            runWarnings.add(w);
            warnings.accept(w);
        });
        record(workspace, job, storage, result);
        return new StageOutcome(folder, created, result);
    }

    private void record(Workspace workspace, SeedingJob job, ObjectStore storage, BackupResult result)
            throws IOException {
        BackupStatistics s = result.statistics();
        Map<String, String> props = new LinkedHashMap<>();
        props.put(PROP_REPOSITORY, storage.location());
        props.put(PROP_SNAPSHOTS, String.join(",", result.snapshotIds()));
        props.put(PROP_BYTES_READ, Long.toString(s.bytesRead()));
        props.put(PROP_BYTES_STORED, Long.toString(StagingRepositories.size(storage)));
        props.put(PROP_FILES, Long.toString(s.files()));
        props.put(PROP_DEDUP, ratio(s.dedupRatio()));
        props.put(PROP_COMPRESSION, ratio(s.compressionRatio()));
        try (Catalog catalog = workspace.catalog()) {
            catalog.putJobProperties(job.name(), props);
            for (String w : result.warnings()) {
                catalog.recordEvent(job.name(), "stage.warning", w);
            }
            catalog.moveJob(job.name(), JobState.STAGED, s.summary()
                    + (result.completedWithWarnings() ? ", " + result.warnings().size() + " warnings" : ""));
        }
    }

    private static String ratio(double r) {
        return Double.isInfinite(r) ? "inf" : String.format(Locale.ROOT, "%.3f", r);
    }

    private StagingProvider provider(SeedingJob job) {
        return WorkloadChecks.stagingProvider(job.stagingLocation(), stagingProviders()).orElse(null);
    }
}
