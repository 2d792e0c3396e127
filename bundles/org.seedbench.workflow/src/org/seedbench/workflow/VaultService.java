package org.seedbench.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.apache.commons.io.file.PathUtils;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.seedbench.backup.BackupEngine;
import org.seedbench.backup.BackupResult;
import org.seedbench.backup.PrefixedStore;
import org.seedbench.backup.Repository;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.JobStates;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadSource;
import org.seedbench.core.support.bandwidth.Bandwidth;
import org.seedbench.core.support.bandwidth.Rate;
import org.seedbench.core.support.bandwidth.WorkHours;

/**
 * The vault of a job: seeds it from the import container once the datacenter copy is done (repairing over the
 * network what the drives did not bring), backs up incrementally into it, and cleans up the import container and
 * the staging repository once it verifiably holds the seed. The vault is the container {@code seedbench-vault}
 * of the job's storage account (job property {@code vault.container} names another), the repository under
 * {@code <job>/}: the staging repository, same id, in another place.
 */
@Component(service = VaultService.class)
public class VaultService {
    /** Job properties seeding records. */
    public static final String PROP_CONTAINER = Vaults.PROP_CONTAINER;
    /** The vault's container when the job names no other ({@link #PROP_CONTAINER}). */
    public static final String DEFAULT_CONTAINER = Vaults.DEFAULT_CONTAINER;
    public static final String PROP_COPIED = "vault.copiedBlobs";
    public static final String PROP_REPAIRED = "vault.repairedObjects";
    public static final String PROP_BYTES_REPAIRED = "vault.bytesRepaired";
    public static final String PROP_SNAPSHOTS = "vault.snapshots";
    private static final String VERIFIED = "verified";
    /** Object names in the order messages name them: packs first, then by name. */
    private static final Comparator<String> PACKS_FIRST = Comparator.comparing((String n) -> !n.startsWith("packs/"))
            .thenComparing(Comparator.naturalOrder());
    /** At most this many lines of each drive's error log are named. */
    private static final int NOT_IMPORTED_LINES = 1000;

    @Reference
    private BackupEngine engine;

    @Reference
    private CloudConnectors connectors;

    @Reference
    private InstalledProviders installed;

    /** A job with its properties, read in one catalog transaction. */
    private record JobAndProps(SeedingJob job, Map<String, String> properties) {
    }

    private JobAndProps read(Workspace workspace, String jobName) throws InvalidInputException {
        try (Catalog catalog = workspace.catalog()) {
            SeedingJob job = Jobs.require(catalog, jobName);
            return new JobAndProps(job, catalog.jobProperties(jobName));
        }
    }

    /**
     * Seeds the vault after the import job completed (with or without errors, or closed): the job goes
     * VaultSeeding, every blob of the job in the import container is copied into the vault (server-side where the
     * cloud can), then every object of the staging repository is checked in the vault by its SHA-256; what is
     * missing or damaged is sent again from staging. The job goes Seeded. A rerun skips what the vault already holds
     * and what an earlier run checked.
     *
     * <p>On a job already Seeded (or CleanedUp) it repairs: every object seeding checked is looked for in the vault
     * (by listing and size, without reading it), and what the vault lost is copied again from the import container
     * or sent from staging; the job stays as it was. When neither holds it any more, it fails naming every object
     * lost, each recorded in the job's events.
     *
     * @throws InvalidInputException when the job has no staging repository to check against, or another run
     *                               holds the job
     * @throws org.seedbench.core.rules.IllegalTransitionException when the import job is not done
     * @throws IOException naming what the vault lost when it cannot be repaired
     */
    public SeedOutcome seedVault(Workspace workspace, String jobName, Progress progress)
            throws InvalidInputException, IOException {
        return seedVault(workspace, jobName, progress, uploadLimit(workspace, jobName, null));
    }

    /**
     * {@link #seedVault(Workspace, String, Progress)} with what it sends over the network (the repairs from
     * staging) passing {@code bandwidth}; copies inside the cloud are not limited.
     */
    public SeedOutcome seedVault(Workspace workspace, String jobName, Progress progress, Bandwidth bandwidth)
            throws InvalidInputException, IOException {
        JobAndProps jp = read(workspace, jobName);
        SeedingJob job = jp.job();
        boolean seeded = holdsSeed(job.state());
        if (!seeded) {
            JobStates.checkMove(job.name(), job.state(), JobState.VAULT_SEEDING);
        }
        try (JobLock lock = JobLock.acquire(workspace, job, "seed-vault")) {
            Journal journal = new Journal(workspace.vaultFolder(job.name()).resolve(VERIFIED));
            if (seeded) {
                return repairSeeded(workspace, job, jp.properties(), journal, progress, bandwidth);
            }
            ObjectStore staging = stagingRepository(job);
            Vaults.Place place = Vaults.place(connectors, workspace, job, jp.properties()).throttled(bandwidth,
                    progress);
            if (job.state() != JobState.VAULT_SEEDING) {
                try (Catalog catalog = workspace.catalog()) {
                    catalog.moveJob(job.name(), JobState.VAULT_SEEDING, "seeding the vault " + place.describe()
                            + " from the import container " + job.storageAccount() + "/" + job.container());
                }
            }
            List<String> notImported = notImported(place, ImportJobService.serviceName(job, jp.properties()));
            Set<String> removed = VaultRemovals.read(workspace, job.name());
            Copied copy = copyImported(place, progress, removed);
            SeedOutcome outcome = checkAndRepair(place, staging, journal, progress, copy, notImported, false, removed);
            record(workspace, job, place, outcome);
            return outcome;
        }
    }

    /** Seeding again a job whose vault holds the seed: what it lost is copied or sent again, or named. */
    private SeedOutcome repairSeeded(Workspace workspace, SeedingJob job, Map<String, String> properties,
            Journal journal, Progress progress, Bandwidth bandwidth) throws InvalidInputException, IOException {
        Vaults.Place place = Vaults.place(connectors, workspace, job, properties).throttled(bandwidth, progress);
        String folder = StagingRepositories.place(job);
        Optional<ObjectStore> existing = StagingRepositories.existing(job, installed.stagingProviders());
        if (existing.isPresent() && engine.isRepository(existing.get())) {
            ObjectStore staging = existing.get();
            Set<String> removed = VaultRemovals.read(workspace, job.name());
            Copied copy = copyImported(place, progress, removed);
            SeedOutcome outcome = checkAndRepair(place, staging, journal, progress, copy, List.of(), true, removed);
            try (Catalog catalog = workspace.catalog()) {
                for (String name : outcome.repaired()) {
                    catalog.recordEvent(job.name(), "vault.repair", "sent again from staging: " + name);
                }
                catalog.recordEvent(job.name(), "vault.check", "the vault " + place.describe() + " holds the seed: "
                        + outcome.copied() + " blobs copied again from the import container, "
                        + outcome.repaired().size() + " objects (" + Sizes.decimal(outcome.bytesRepaired())
                        + ") sent again from staging");
            }
            return outcome;
        }
        Set<String> expected = journal.read();
        Set<String> removed = VaultRemovals.read(workspace, job.name());
        expected.removeAll(removed); // forget and prune removed these on purpose
        if (expected.isEmpty()) {
            throw new InvalidInputException(new Problem("job", job.name(), "has no staging repository at " + folder
                    + " and no record of the objects seeding checked in the vault",
                    "seedbench verify " + job.name() + " --from vault --read-data, which checks the vault itself"));
        }
        Copied copy = copyImported(place, progress, removed);
        Set<String> held = new HashSet<>();
        for (String blob : place.vault().list(place.prefix())) {
            held.add(blob.substring(place.prefix().length()));
        }
        List<String> lost = expected.stream().filter(name -> !held.contains(name))
                .sorted(PACKS_FIRST).toList();
        if (!lost.isEmpty()) {
            try (Catalog catalog = workspace.catalog()) {
                for (String name : lost) {
                    catalog.recordEvent(job.name(), "vault.lost", "lost from the vault " + place.describe()
                            + ", with no copy left in staging or the import container: " + name);
                }
            }
            throw new IOException("the vault " + place.describe() + " lost " + VaultCheck.describe(lost)
                    + " and neither staging (" + folder + ") nor the import container holds a copy: "
                    + String.join(", ", lost.subList(0, Math.min(5, lost.size())))
                    + (lost.size() > 5 ? " and " + (lost.size() - 5) + " more (the job's events list them)" : "")
                    + "; what they hold is lost, seedbench verify " + job.name() + " --from vault names the files");
        }
        int packs = (int) expected.stream().filter(o -> o.startsWith("packs/")).count();
        return new SeedOutcome(place.describe(), copy.copied(), copy.bytes(), copy.alreadyThere(), 0, expected.size(),
                List.of(), 0, List.of(), packs, true);
    }

    private ObjectStore stagingRepository(SeedingJob job) throws InvalidInputException, IOException {
        Optional<ObjectStore> staging = StagingRepositories.existing(job, installed.stagingProviders());
        if (staging.isEmpty() || !engine.isRepository(staging.get())) {
            throw new InvalidInputException(new Problem("job", job.name(), "has no staging repository at "
                    + StagingRepositories.place(job) + " to check the vault against",
                    "a job whose staging repository is still there"));
        }
        return staging.get();
    }

    /** What the copy from the import container did. */
    private record Copied(int copied, int alreadyThere, long bytes) {
    }

    /** Copies the blobs of the job the vault does not hold yet from the import container. */
    private static Copied copyImported(Vaults.Place place, Progress progress, Set<String> removed)
            throws IOException {
        List<String> blobs = new ArrayList<>(place.imports().list(place.prefix()));
        // forget and prune removed these from the vault on purpose
        blobs.removeIf(blob -> removed.contains(blob.substring(place.prefix().length())));
        progress.begin("copying " + blobs.size() + " blobs from the import container into the vault", blobs.size(),
                Progress.Unit.ITEMS);
        int copied = 0;
        long bytes = 0;
        for (String blob : blobs) {
            progress.checkCanceled();
            progress.subTask(blob);
            if (!place.vault().exists(blob)) {
                place.vault().copyFrom(place.imports(), blob);
                copied++;
                bytes += place.vault().size(blob);
            }
            progress.worked(1);
        }
        return new Copied(copied, blobs.size() - copied, bytes);
    }

    private SeedOutcome checkAndRepair(Vaults.Place place, ObjectStore staging, Journal journal, Progress progress,
            Copied copy, List<String> notImported, boolean alreadySeeded, Set<String> removed) throws IOException {
        List<String> objects = new ArrayList<>(staging.list(""));
        objects.removeAll(removed); // forget and prune removed these from the vault on purpose
        long total = 0;
        for (String o : objects) {
            total += staging.size(o);
        }
        progress.begin("checking " + objects.size() + " objects in the vault", total);
        Set<String> done = journal.read();
        List<String> repaired = new ArrayList<>();
        long bytesRepaired = 0;
        int checked = 0;
        int skipped = 0;
        for (String name : objects) {
            progress.checkCanceled();
            progress.subTask(name);
            long size = staging.size(name);
            String blob = place.prefix() + name;
            if (done.contains(name) && place.vault().exists(blob) && place.vault().size(blob) == size) {
                skipped++;
            } else {
                String expected = VaultCheck.expected(name, () -> staging.open(name));
                if (!VaultCheck.holds(place.vault(), blob, expected)) {
                    repair(place, staging, name, expected);
                    repaired.add(name);
                    bytesRepaired += size;
                }
                journal.add(name);
                checked++;
            }
            progress.worked(size);
        }
        int packs = (int) objects.stream().filter(o -> o.startsWith("packs/")).count();
        return new SeedOutcome(place.describe(), copy.copied(), copy.bytes(), copy.alreadyThere(), checked, skipped,
                repaired, bytesRepaired, notImported, packs, alreadySeeded);
    }

    /** Sends an object from staging over the network (what the import service's repair does from the drives). */
    private static void repair(Vaults.Place place, ObjectStore staging, String name, String expected)
            throws IOException {
        String blob = place.prefix() + name;
        if (VaultCheck.namedByHash(name)) {
            try (InputStream in = staging.open(name)) {
                if (!VaultCheck.sha256(in).equals(expected)) {
                    throw new IOException("cannot repair " + blob + " in the vault: the staging copy is damaged too "
                            + "(its SHA-256 is not its name); seedbench verify " + place.job().name()
                            + " --read-data names what it holds");
                }
            }
        }
        try (InputStream in = staging.open(name)) {
            place.vault().put(blob, in, staging.size(name));
        }
        if (!VaultCheck.holds(place.vault(), blob, expected)) {
            throw new IOException("the vault does not keep " + blob + " as sent: its SHA-256 differs after the upload");
        }
    }

    /** What the drives' error logs say the datacenter could not import. */
    private static List<String> notImported(Vaults.Place place, String importJobName) throws IOException {
        SeedingJob job = place.job();
        Optional<CloudJobStatus> status = place.connector().getImportJob(job.subscriptionId(), importJobName);
        List<String> lines = new ArrayList<>();
        if (status.isEmpty()) {
            return lines;
        }
        for (CloudJobStatus.DriveStatus drive : status.get().drives()) {
            if (drive.errorLogUri() != null && !drive.errorLogUri().isBlank()) {
                String log = place.connector().readLog(drive.errorLogUri());
                for (String failed : DriveLogs.failures(log, NOT_IMPORTED_LINES)) {
                    if (!failed.startsWith(" ")) {
                        lines.add(failed + " (drive " + drive.serial() + ")");
                    }
                }
            }
        }
        return lines;
    }

    private void record(Workspace workspace, SeedingJob job, Vaults.Place place, SeedOutcome o) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(PROP_CONTAINER, place.vaultName());
        props.put(PROP_COPIED, Integer.toString(o.copied() + o.alreadyThere()));
        props.put(PROP_REPAIRED, Integer.toString(o.repaired().size()));
        props.put(PROP_BYTES_REPAIRED, Long.toString(o.bytesRepaired()));
        try (Catalog catalog = workspace.catalog()) {
            catalog.putJobProperties(job.name(), props);
            for (String line : o.notImported()) {
                catalog.recordEvent(job.name(), "vault.notImported", line);
            }
            for (String name : o.repaired()) {
                catalog.recordEvent(job.name(), "vault.repair", "sent again from staging: " + name);
            }
            catalog.moveJob(job.name(), JobState.SEEDED, o.copied() + " blobs copied from the import container, "
                    + o.repaired().size() + " objects (" + Sizes.decimal(o.bytesRepaired())
                    + ") repaired from staging, " + o.packs() + " packs verified in " + place.describe());
        }
    }

    /**
     * Whether the vault holds the job's repository in this state (Seeded, or CleanedUp after that): incremental
     * backups go there, and restores and verifications read it there rather than from staging.
     */
    public static boolean holdsSeed(JobState state) {
        return state == JobState.SEEDED || state == JobState.CLEANED_UP;
    }

    /**
     * Backs the job's workloads up into the vault, incrementally: only chunks the vault lacks are sent, and a new
     * snapshot per workload. The job must be Seeded (or CleanedUp); its state does not change.
     */
    public VaultBackupOutcome backup(Workspace workspace, String jobName, Secret passphrase, Progress progress,
            Consumer<String> warnings) throws InvalidInputException, IOException {
        return backup(workspace, jobName, passphrase, progress, warnings, uploadLimit(workspace, jobName, null));
    }

    /**
     * {@link #backup(Workspace, String, Secret, Progress, Consumer)} with every byte it sends to the vault passing
     * {@code bandwidth} ({@link #uploadLimit}).
     */
    public VaultBackupOutcome backup(Workspace workspace, String jobName, Secret passphrase, Progress progress,
            Consumer<String> warnings, Bandwidth bandwidth) throws InvalidInputException, IOException {
        JobAndProps jp = read(workspace, jobName);
        SeedingJob job = jp.job();
        if (!holdsSeed(job.state())) {
            throw new InvalidInputException(new Problem("job", job.name(), "is " + job.state()
                    + "; incremental backups go into the vault once it holds the seed",
                    "a Seeded job: seedbench seed-vault " + job.name()));
        }
        List<WorkloadSource> sources = installed.workloadSources();
        InvalidInputException.throwIfAny(Jobs.workloadProblems(job, sources));
        try (JobLock lock = JobLock.acquire(workspace, job, "backup")) {
            return backup(workspace, job, jp.properties(), sources, passphrase, progress, warnings, bandwidth);
        }
    }

    private VaultBackupOutcome backup(Workspace workspace, SeedingJob job, Map<String, String> properties,
            List<WorkloadSource> sources, Secret passphrase, Progress progress, Consumer<String> warnings,
            Bandwidth bandwidth) throws InvalidInputException, IOException {
        Vaults.Place place = Vaults.place(connectors, workspace, job, properties).throttled(bandwidth, progress);
        PrefixedStore storage = Vaults.repository(engine, place);
        BackupResult result;
        try (Repository repository = Jobs.open(engine, storage, passphrase)) {
            result = engine.backup(repository, Jobs.workloadRuns(job, sources), progress, warnings);
        }
        try (Catalog catalog = workspace.catalog()) {
            String earlier = catalog.jobProperties(job.name()).get(PROP_SNAPSHOTS);
            String ids = String.join(",", result.snapshotIds());
            catalog.putJobProperties(job.name(), Map.of(PROP_SNAPSHOTS, earlier == null ? ids : earlier + "," + ids));
            for (String w : result.warnings()) {
                catalog.recordEvent(job.name(), "backup.warning", w);
            }
            catalog.recordEvent(job.name(), "backup", "incremental backup into " + place.describe() + ": "
                    + result.statistics().summary() + ", " + Sizes.decimal(storage.bytesSent()) + " sent");
        }
        Journal journal = new Journal(workspace.vaultFolder(job.name()).resolve(VERIFIED));
        Set<String> known = journal.read();
        for (String blob : place.vault().list(place.prefix())) {
            String name = blob.substring(place.prefix().length());
            if (!known.contains(name)) {
                journal.add(name); // what the vault holds now, so that seed-vault can name it should it be lost
            }
        }
        return new VaultBackupOutcome(place.describe(), result, storage.bytesSent());
    }

    /**
     * Deletes the job's blobs from the import container and the staging repository, once the vault verifiably
     * holds every object of both (present, and its SHA-256 the one its name or the other copy says). The job goes
     * CleanedUp. The record of the objects seeding checked stays, so that {@link #seedVault} can name what the
     * vault loses later.
     *
     * @throws InvalidInputException naming what the vault lacks; nothing is deleted and the catalog is unchanged
     * @throws org.seedbench.core.rules.IllegalTransitionException when the job is not Seeded
     */
    public CleanupOutcome cleanup(Workspace workspace, String jobName, Progress progress)
            throws InvalidInputException, IOException {
        return cleanup(workspace, jobName, false, progress);
    }

    /**
     * {@link #cleanup(Workspace, String, Progress)}; with {@code dryRun} it checks the vault the same way and says
     * what it would delete (the outcome's counts), deleting and writing nothing: the job keeps its state, and no
     * lock is taken.
     */
    public CleanupOutcome cleanup(Workspace workspace, String jobName, boolean dryRun, Progress progress)
            throws InvalidInputException, IOException {
        JobAndProps jp = read(workspace, jobName);
        SeedingJob job = jp.job();
        if (!SEED_VAULT_OR_CLEANUP.contains(job.state())) {
            // seed-vault would refuse these states too: say what the admin does instead
            throw new InvalidInputException(new Problem("job", job.name(), "is " + job.state().label()
                    + ": cleanup deletes staging and the import container once the vault holds the seed; "
                    + beforeCleanup(job), null));
        }
        if (dryRun) {
            return cleanup(workspace, job, jp.properties(), true, progress);
        }
        try (JobLock lock = JobLock.acquire(workspace, job, "cleanup")) {
            return cleanup(workspace, job, jp.properties(), false, progress);
        }
    }

    private CleanupOutcome cleanup(Workspace workspace, SeedingJob job, Map<String, String> properties,
            boolean dryRun, Progress progress) throws InvalidInputException, IOException {
        Vaults.Place place = Vaults.place(connectors, workspace, job, properties);
        Path folder = Path.of(StagingRepositories.place(job));
        ObjectStore staging = StagingRepositories.existing(job, installed.stagingProviders()).orElse(null);
        List<String> lacking = lacking(place, staging, progress, VaultRemovals.read(workspace, job.name()));
        if (!lacking.isEmpty()) {
            throw new InvalidInputException(new Problem("job", job.name(), "the vault " + place.describe() + " lacks "
                    + VaultCheck.describe(lacking) + ": run seedbench seed-vault " + job.name(), null));
        }
        JobStates.checkMove(job.name(), job.state(), JobState.CLEANED_UP);
        List<String> blobs = place.imports().list(place.prefix());
        long bytes = 0;
        if (dryRun) {
            for (String blob : blobs) {
                bytes += place.imports().size(blob);
            }
            return new CleanupOutcome(place.describe(), blobs.size(), bytes, folder,
                    staging == null ? 0 : StagingRepositories.size(staging));
        }
        progress.begin("deleting " + blobs.size() + " blobs from the import container", blobs.size(),
                Progress.Unit.ITEMS);
        for (String blob : blobs) {
            bytes += place.imports().size(blob);
            place.imports().delete(blob);
            progress.worked(1);
        }
        long stagingBytes = staging == null ? 0 : StagingRepositories.size(staging);
        StagingRepositories.delete(job, installed.stagingProviders());
        deleteTree(place.spool());
        try (Catalog catalog = workspace.catalog()) {
            catalog.moveJob(job.name(), JobState.CLEANED_UP, "the vault " + place.describe() + " holds the seed; "
                    + "deleted " + blobs.size() + " blobs (" + Sizes.decimal(bytes) + ") from the import container "
                    + job.storageAccount() + "/" + job.container() + " and the staging repository " + folder + " ("
                    + Sizes.decimal(stagingBytes) + ")");
        }
        return new CleanupOutcome(place.describe(), blobs.size(), bytes, folder, stagingBytes);
    }

    /** States in which the vault is seeded (or seeded already): cleanup checks what the vault lacks. */
    private static final Set<JobState> SEED_VAULT_OR_CLEANUP = java.util.EnumSet.of(JobState.COMPLETED,
            JobState.COMPLETED_WITH_ERRORS, JobState.CLOSED, JobState.VAULT_SEEDING, JobState.SEEDED);

    /** What the admin does next, in a state where cleanup is refused. */
    static String beforeCleanup(SeedingJob job) {
        String j = job.name();
        return switch (job.state()) {
            case DRAFT, STAGING -> "first stage it: seedbench stage " + j;
            case STAGED, PREPARING_DRIVES -> "first prepare its drives: seedbench prepare-drives " + j + " --drive …";
            case DRIVES_READY -> "first create its import job: seedbench prepare-drives " + j + " --drive … (the "
                    + "same drives again)";
            case CREATING -> "first ship the drives and give the shipping details: seedbench ship " + j
                    + " --carrier … --tracking …";
            case SHIPPING, RECEIVED, TRANSFERRING, PACKAGING -> "the datacenter has not finished importing the "
                    + "drives: follow it with seedbench status " + j + " --watch, then seedbench seed-vault " + j;
            case COMPLETED, COMPLETED_WITH_ERRORS, CLOSED, VAULT_SEEDING -> "first seed the vault: seedbench "
                    + "seed-vault " + j;
            case CANCELLED, EXPIRED -> "its import job ended without data, so the vault has nothing to keep: the "
                    + "staging repository " + StagingRepositories.place(job) + " is still there for a new job (seedbench "
                    + "init, then prepare-drives); delete it yourself if it is no longer needed";
            case CLEANED_UP -> "it is cleaned up already: nothing is left to delete";
            case SEEDED -> "cleanup may run";
        };
    }

    /** The objects of staging and the import container the vault does not hold intact, sorted. */
    private static List<String> lacking(Vaults.Place place, ObjectStore staging, Progress progress,
            Set<String> removed) throws IOException {
        Map<String, VaultCheck.IoSupplier<InputStream>> references = new LinkedHashMap<>();
        for (String blob : place.imports().list(place.prefix())) {
            references.put(blob.substring(place.prefix().length()), () -> place.imports().open(blob));
        }
        if (staging != null) {
            for (String name : staging.list("")) {
                references.put(name, () -> staging.open(name));
            }
        }
        references.keySet().removeAll(removed); // forget and prune removed these from the vault on purpose
        progress.begin("checking " + references.size() + " objects in the vault", references.size(),
                Progress.Unit.ITEMS);
        Set<String> lacking = new TreeSet<>(PACKS_FIRST);
        for (Map.Entry<String, VaultCheck.IoSupplier<InputStream>> e : references.entrySet()) {
            progress.checkCanceled();
            progress.subTask(e.getKey());
            String expected = VaultCheck.expected(e.getKey(), e.getValue());
            if (!VaultCheck.holds(place.vault(), place.prefix() + e.getKey(), expected)) {
                lacking.add(e.getKey());
            }
            progress.worked(1);
        }
        return List.copyOf(lacking);
    }

    private static void deleteTree(Path folder) throws IOException {
        if (Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            PathUtils.deleteDirectory(folder);
        }
    }

    /** The objects checked in the vault so far, one name a line; a line cut short by a crash is not counted. */
    static final class Journal {
        private final Path file;

        Journal(Path file) {
            this.file = file;
        }

        Set<String> read() throws IOException {
            Set<String> names = new HashSet<>();
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return names;
            }
            int end = text.lastIndexOf('\n');
            if (end >= 0) {
                text.substring(0, end).lines().forEach(names::add);
            }
            return names;
        }

        void add(String name) throws IOException {
            Files.createDirectories(file.getParent());
            Files.writeString(file, name + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /**
     * The bucket an upload of the job passes: {@code override} when given (a limit for this run wins over the
     * job's throttle), else the job's work-hours throttle on the system clock, else one that limits nothing.
     * The caller holds it for the run and may show {@link Bandwidth#describe()} in its progress.
     */
    public Bandwidth uploadLimit(Workspace workspace, String jobName, Rate override) throws InvalidInputException {
        if (override != null) {
            return Bandwidth.fixed(override, "set for this run");
        }
        return budget(throttle(workspace, jobName));
    }

    /** The bucket of a work-hours throttle on the system clock; one that limits nothing for {@code null}. */
    static Bandwidth budget(WorkHours hours) {
        return hours == null ? Bandwidth.unlimited() : Bandwidth.scheduled(hours, java.time.Clock.systemDefaultZone());
    }

    /** The job's work-hours throttle ({@code seedbench throttle}); {@code null} when it has none. */
    public WorkHours throttle(Workspace workspace, String jobName) throws InvalidInputException {
        return workHours(jobName, read(workspace, jobName).properties());
    }

    /** The work-hours throttle in a job's properties; {@code null} when it has none. */
    static WorkHours workHours(String jobName, Map<String, String> properties) throws InvalidInputException {
        try {
            return WorkHours.fromProperties(properties);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(new Problem("job", jobName, "has a throttle this version does not read ("
                    + e.getMessage() + ")", "seedbench throttle " + jobName + " --off, then set it again"));
        }
    }

    /**
     * What a change of a job's throttle gives, as a person typed it; a {@code null} part keeps what the job has (or,
     * for a job without a throttle, what {@link WorkHours#DEFAULT} has).
     *
     * @param hours work hours such as {@code 08:00-18:00}
     * @param days work days such as {@code mon-fri}
     * @param work the limit in work hours, a {@link Rate} such as {@code 2MB/s}
     * @param offHours the limit at other times
     */
    public record ThrottleChange(String hours, String days, String work, String offHours) {
        /** Whether it changes anything. */
        public boolean changesSomething() {
            return hours != null || days != null || work != null || offHours != null;
        }
    }

    /**
     * Changes the parts of the job's throttle that the change gives, read and written in one catalog session, and
     * returns the throttle it now has. Refused when the result would limit nothing (unlimited at all times).
     */
    public WorkHours changeThrottle(Workspace workspace, String jobName, ThrottleChange change)
            throws InvalidInputException {
        try (Catalog catalog = workspace.catalog()) {
            Jobs.require(catalog, jobName);
            WorkHours current = workHours(jobName, catalog.jobProperties(jobName));
            WorkHours base = current == null ? WorkHours.DEFAULT : current;
            LocalTime[] hours = change.hours() == null ? new LocalTime[] { base.start(), base.end() }
                    : WorkHours.parseHours("--work-hours", change.hours());
            Set<DayOfWeek> days = change.days() == null ? base.days() : WorkHours.parseDays("--work-days", change.days());
            Rate work = change.work() == null ? base.work() : Rate.parse("--work", change.work());
            Rate offHours = change.offHours() == null ? base.offHours() : Rate.parse("--off-hours", change.offHours());
            if (work.unlimited() && offHours.unlimited()) {
                throw new InvalidInputException(new Problem("--work", change.work() == null ? "unlimited"
                        : change.work(), "leaves uploads unlimited at all times, so the throttle would limit nothing",
                        "--work RATE or --off-hours RATE (seedbench throttle " + jobName + " --off removes the "
                                + "throttle)"));
            }
            WorkHours set = new WorkHours(hours[0], hours[1], days, work, offHours);
            storeThrottle(catalog, jobName, set);
            return set;
        }
    }

    /**
     * Sets the job's work-hours throttle, or with {@code null} removes it; recorded in the job's events. It applies
     * to the job's uploads into the vault from their next start.
     */
    public void setThrottle(Workspace workspace, String jobName, WorkHours hours) throws InvalidInputException {
        try (Catalog catalog = workspace.catalog()) {
            Jobs.require(catalog, jobName);
            storeThrottle(catalog, jobName, hours);
        }
    }

    private static void storeThrottle(Catalog catalog, String jobName, WorkHours hours) {
        Map<String, String> props = new java.util.HashMap<>();
        if (hours == null) {
            WorkHours.PROPERTIES.forEach(k -> props.put(k, null));
        } else {
            props.putAll(hours.toProperties());
        }
        catalog.putJobProperties(jobName, props);
        catalog.recordEvent(jobName, "throttle", hours == null ? "upload throttle removed"
                : "upload throttle: " + hours);
    }
}
