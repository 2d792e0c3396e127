package org.seedbench.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.seedbench.backup.BackupEngine;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RepositoryLayout;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogConflictException;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.DriveRules;
import org.seedbench.core.rules.IllegalTransitionException;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.JobStates;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.RecoveryPasswords;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.rules.ShippingRules;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.CommandRunner;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.DiskEncryptor.WrongKeyException;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.SubProgress;
import org.seedbench.core.support.manifest.DriveManifest;
import org.seedbench.diskprep.DriveCopier;
import org.seedbench.diskprep.DriveCopier.DriveSession;
import org.seedbench.diskprep.DriveInfoFile;
import org.seedbench.diskprep.DriveJournal;
import org.seedbench.diskprep.DriveVerifier;
import org.seedbench.diskprep.ParallelDrives;
import org.seedbench.diskprep.SeedListing;
import org.seedbench.diskprep.drives.AttachedDrive;
import org.seedbench.diskprep.drives.CopyComputer;
import org.seedbench.diskprep.drives.DiscoveredDrives;
import org.seedbench.diskprep.drives.DriveDiscovery;
import org.seedbench.diskprep.drives.DriveSpecs;

/**
 * Prepares a staged job's drives: resolves and checks the drives, asks before formatting, turns encryption on,
 * keeps the key protectors, copies the seed (see {@link DriveCopier}) and records the drives in the catalog.
 * Every check runs before anything is formatted or written. The job goes Staged → PreparingDrives →
 * DrivesReady, and stays PreparingDrives while drives are missing or a run was cut short, so the next run
 * resumes.
 */
@Component(service = DrivePreparationService.class)
public class DrivePreparationService {
    /** Job property prefix: the {@code --drive} value each drive was given with, to find it again. */
    public static final String PROP_DRIVE_SPEC = "drive.spec.";
    private static final String BITLOCKER = "bitlocker";
    private static final String PORTABLE = "portable";
    /**
     * How long the container SAS in the drive manifests lets the datacenter write: the {@value
     * ShippingRules#DEADLINE_DAYS} days in which the drives must be shipped, then 76 days for the datacenter's part
     * (transit, receiving, the queue, the copy), for which the service publishes no bound: 90 days from preparation
     * in all. Long enough for drives queued at a busy datacenter; short enough that the write-only SAS of a drive
     * that never arrives does not hold for long.
     */
    static final Duration CONTAINER_SAS_LIFETIME = Duration.ofDays(ShippingRules.DEADLINE_DAYS + 76L);

    /** Asks the admin before a drive is formatted. */
    @FunctionalInterface
    public interface FormatConfirmation {
        /** @param description serial, model and size of the drive, e.g. {@code SB-0001 (Folder drive, 1.2 GB)} */
        boolean confirm(String serial, String description);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<DiskEncryptor> encryptors;

    @Reference
    private ImportJobService importJobs;
    @Reference
    private CloudConnectors connectors;
    @Reference
    private InstalledProviders installed;
    @Reference
    private BackupEngine engine;

    private final CommandRunner commands;
    private final Clock clock;

    /** The service of this computer: commands run through the command runner service. */
    @Activate
    public DrivePreparationService(@Reference CommandRunner commands) {
        this(commands, Clock.systemUTC());
    }

    DrivePreparationService(CommandRunner commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** The encryptors registered here, available or not. */
    public List<DiskEncryptor> encryptors() {
        return encryptors == null ? List.of() : List.copyOf(encryptors);
    }

    /**
     * Prepares the job's drives.
     *
     * @param driveSpecs  the {@code --drive} values; drives of earlier runs must be among them until complete
     * @param encryptorId {@code portable} or {@code bitlocker}; null for the default: {@code bitlocker} when the job's
     *                    datacenter unlocks nothing else (Azure), else {@code portable}
     * @param notes       receives remarks for the admin (a USB adaptor, a virtual copy computer…)
     * @throws InvalidInputException when a check fails or a format is not confirmed; nothing was written
     */
    public PrepareOutcome prepare(Workspace workspace, String jobName, List<String> driveSpecs, String encryptorId,
            FormatConfirmation confirmation, Progress progress, Consumer<String> notes)
            throws InvalidInputException, IOException {
        return prepare(workspace, jobName, driveSpecs, encryptorId, Set.of(), confirmation, progress, notes);
    }

    /**
     * Prepares the job's drives. A drive that carries another job's seed is refused before anything is written,
     * whatever {@code confirmation} says, unless that job is CleanedUp or Cancelled and named in
     * {@code reuseDriveOf}; such a reuse is recorded in both jobs' events.
     *
     * Another run of a step of the same job (another prepare-drives, a stage) is refused before anything is
     * written ({@link JobLock}).
     *
     * @param reuseDriveOf the jobs whose drives the admin allows to be reused ({@code --reuse-drive-of})
     */
    public PrepareOutcome prepare(Workspace workspace, String jobName, List<String> driveSpecs, String encryptorId,
            Set<String> reuseDriveOf, FormatConfirmation confirmation, Progress progress, Consumer<String> notes)
            throws InvalidInputException, IOException {
        return prepare(workspace, jobName, driveSpecs, encryptorId, reuseDriveOf, null, confirmation, progress, notes);
    }

    /**
     * Prepares the job's drives as {@link #prepare(Workspace, String, List, String, Set, FormatConfirmation, Progress,
     * Consumer)} does. With a shared catalog ({@link Workspace#catalogUrl()}) several copy computers prepare the job
     * at once, each with its own drives: each copies the metadata to every drive of its own and only the packs it
     * claims in the catalog (pack leases, renewed while it copies; a crashed computer's packs are taken over once its
     * lease runs out); the job stays PreparingDrives until every pack is placed, and the computer that places the
     * last ones moves it to DrivesReady and creates the import job, with the other computers' key protectors from
     * the staging location, sealed with the job's passphrase ({@link SealedDriveKeys}).
     *
     * @param passphrase the job's backup passphrase; needed with a shared catalog only (null otherwise)
     */
    public PrepareOutcome prepare(Workspace workspace, String jobName, List<String> driveSpecs, String encryptorId,
            Set<String> reuseDriveOf, Secret passphrase, FormatConfirmation confirmation, Progress progress,
            Consumer<String> notes) throws InvalidInputException, IOException {
        return prepareFrom(workspace, jobName, once(DriveDiscovery.forThisComputer(commands)), driveSpecs,
                encryptorId, reuseDriveOf, passphrase, confirmation, progress, notes);
    }

    /**
     * Prepares the job's drives as {@link #prepare(Workspace, String, List, String, Set, FormatConfirmation,
     * Progress, Consumer)} does, finding the drives given by device or serial among {@code attached}, the drives a
     * front end listed and showed ({@link DriveListing}), instead of asking this computer again.
     */
    public PrepareOutcome prepare(Workspace workspace, String jobName, AttachedDrives attached,
            List<String> driveSpecs, String encryptorId, Set<String> reuseDriveOf, FormatConfirmation confirmation,
            Progress progress, Consumer<String> notes) throws InvalidInputException, IOException {
        return prepareFrom(workspace, jobName, attached.discovery(), driveSpecs, encryptorId, reuseDriveOf, null,
                confirmation, progress, notes);
    }

    /** This computer's drives, listed once ({@code lsblk} on Linux, Get-Disk on Windows). */
    public AttachedDrives attachedDrives() throws IOException {
        return DriveListing.thisComputer(commands).list();
    }

    private PrepareOutcome prepareFrom(Workspace workspace, String jobName, DriveDiscovery discovery,
            List<String> driveSpecs, String encryptorId, Set<String> reuseDriveOf, Secret passphrase,
            FormatConfirmation confirmation, Progress progress, Consumer<String> notes)
            throws InvalidInputException, IOException {
        SeedingJob job;
        try (Catalog catalog = workspace.catalog()) {
            job = Jobs.require(catalog, jobName);
        }
        // drives the job's datacenter cannot unlock would be found only after they travelled
        CloudSession session = session(workspace, job);
        String encryptor = encryptorFor(session, encryptorId);
        // a location the connector refuses would be found only after the drives are formatted and copied
        importJobs.checkLocation(workspace, job);
        String computer = null;
        if (workspace.catalogUrl().isPresent()) {
            checkSharedPassphrase(job, passphrase);
            computer = CopyComputerId.of(workspace);
        }
        try (JobLock lock = JobLock.acquire(workspace, job, "prepare-drives")) {
            Prepared here = prepareLocked(workspace, jobName, discovery, driveSpecs, encryptor, reuseDriveOf,
                    confirmation, progress, notes, session, computer, passphrase);
            PrepareOutcome prepared = here.outcome();
            if (prepared.state() != JobState.DRIVES_READY || !here.movedHere()) {
                return prepared;
            }
            progress.checkCanceled();
            Map<String, KeyProtector> others = new LinkedHashMap<>();
            if (computer != null) {
                for (SealedDriveKeys.Entry e : SealedDriveKeys.openOthers(job, computer, passphrase)) {
                    others.put(e.serial(), e.key());
                }
            }
            ImportJobOutcome importJob = importJobs.createImportJob(workspace, jobName, others);
            return new PrepareOutcome(prepared.state(), prepared.drives(), prepared.unusedDrives(),
                    prepared.bytesCopied(), prepared.timing(), prepared.drivesNeeded(), prepared.bytesNeededPerDrive(),
                    prepared.packsUnplaced(), prepared.notes(), importJob);
        }
    }

    /** What a run of this computer left, and whether it moved the job to DrivesReady (then it creates the import job). */
    private record Prepared(PrepareOutcome outcome, boolean movedHere) {
    }

    /**
     * With a shared catalog the copy computers hand each other their key protectors sealed with the job's
     * passphrase: it must be given, and open the job's staging repository, before anything is written.
     */
    private void checkSharedPassphrase(SeedingJob job, Secret passphrase) throws InvalidInputException, IOException {
        if (passphrase == null) {
            throw new InvalidInputException(new Problem(SeedRules.PASSPHRASE, null, "is needed to prepare drives with a "
                    + "shared catalog: the copy computers hand each other the drives' key protectors sealed with it",
                    "the job's backup passphrase in SEEDBENCH_PASSPHRASE or --passphrase-file"));
        }
        Optional<ObjectStore> staging = StagingRepositories.existing(job, installed.stagingProviders());
        if (staging.isPresent() && staging.get().exists(RepositoryLayout.CONFIG)) {
            try (Repository opened = Jobs.open(engine, staging.get(), passphrase)) {
                // the passphrase is the job's
            }
        }
    }

    /** The job's connector, signed in; settings it refuses are the user's input. */
    private CloudSession session(Workspace workspace, SeedingJob job) throws InvalidInputException, IOException {
        try {
            return connectors.signedIn(workspace, job.connector());
        } catch (IOException e) {
            if (e.getCause() instanceof InvalidInputException refused) {
                throw refused;
            }
            throw e;
        }
    }

    /**
     * The encryptor to prepare with: the one asked for, when the job's datacenter can unlock its drives; by default
     * BitLocker where the datacenter unlocks nothing else (Azure), else portable.
     *
     * @throws InvalidInputException when the datacenter cannot unlock the drives of the one asked for
     */
    static String encryptorFor(CloudSession session, String encryptorId) throws InvalidInputException {
        List<String> unlockable = session.unlockableEncryptors();
        if (encryptorId == null) {
            return unlockable.isEmpty() || unlockable.contains(PORTABLE) ? PORTABLE : unlockable.get(0);
        }
        if (!unlockable.isEmpty() && !unlockable.contains(encryptorId)) {
            boolean bitLocker = unlockable.equals(List.of(BITLOCKER));
            throw new InvalidInputException(new Problem("encryptor", encryptorId, "the " + session.connectorId()
                    + " connector's datacenter unlocks " + (bitLocker ? "BitLocker" : String.join(" and ", unlockable))
                    + " drives only; prepare on a " + (bitLocker ? "Windows " : "") + "copy computer with --encryptor "
                    + unlockable.get(0) + " (" + encryptorId + " drives are for rehearsals on the simulator or the "
                    + "local cloud)", null));
        }
        return encryptorId;
    }

    /** What the checks before anything is written found: the job, its drives, their owners. */
    private record Checked(SeedingJob job, List<AttachedDrive> drives, DriveOwnership.Verdict ownership) {
    }

    /** The checks before anything is written: the job's state, the copy computer, the drives and their owners. */
    private Checked check(Workspace workspace, String jobName, DriveDiscovery discovery, List<String> driveSpecs,
            Set<String> reuseDriveOf, Consumer<String> notes) throws InvalidInputException, IOException {
        try (Catalog catalog = workspace.catalog()) {
            SeedingJob job = Jobs.require(catalog, jobName);
            JobStates.checkMove(job.name(), job.state(), JobState.PREPARING_DRIVES);
            List<Problem> problems = new ArrayList<>();
            List<String> computerNotes = new ArrayList<>();
            problems.addAll(CopyComputer.thisComputer(commands).check(job, computerNotes));
            computerNotes.forEach(notes);
            // checked without creating a folder drive's folder: nothing is written before every check passed
            DriveSpecs.Resolved resolved = DriveSpecs.resolve(driveSpecs, discovery, false);
            List<AttachedDrive> drives = resolved.drives();
            Set<String> all = new LinkedHashSet<>();
            catalog.drives(jobName).forEach(d -> all.add(d.serial()));
            drives.forEach(d -> all.add(d.serial()));
            problems.addAll(DriveRules.checkDriveCount(all.size()));
            DriveOwnership.Verdict ownership = DriveOwnership.check(catalog, workspace, jobName, drives, encryptors(),
                    reuseDriveOf);
            problems.addAll(ownership.problems());
            InvalidInputException.throwIfAny(problems);
            return new Checked(job, drives, ownership);
        }
    }

    /** The staged seed's files. @throws InvalidInputException when the job has not been staged */
    private SeedListing seedListing(SeedingJob job) throws InvalidInputException, IOException {
        Optional<ObjectStore> staging = StagingRepositories.existing(job, installed.stagingProviders());
        if (staging.isEmpty() || staging.get().list(RepositoryLayout.DATA_PACKS + "/").isEmpty()) {
            throw new InvalidInputException(new Problem("job", job.name(), "has no staged repository at "
                    + StagingRepositories.place(job), "stage it first: seedbench stage " + job.name()));
        }
        return SeedListing.scan(staging.get());
    }

    /**
     * What {@code prepare-drives} would do, with the same checks, writing nothing (no lock, no folder, no catalog
     * change).
     *
     * @param format   the drives that would be formatted and encrypted (serials)
     * @param resumed  the drives an earlier run prepared, whose copy would go on
     * @param copies   per new drive (serial): the files and bytes that would be copied onto it (packs spread by
     *                 capacity as the copy spreads them by free space; the metadata on every drive); empty when a
     *                 drive resumes (its journal then says what is left)
     * @param unused   new drives the seed would not need
     * @param drivesNeeded more drives the seed would need (0 when these hold it)
     * @param metadataFiles the seed's metadata files (on every drive)
     * @param packs    the seed's data packs
     * @param seedBytes the seed's bytes
     */
    public record PreparePlan(String encryptor, List<String> format, List<String> resumed,
            Map<String, long[]> copies, List<String> unused, int drivesNeeded, int metadataFiles, int packs,
            long seedBytes) {
    }

    /** {@link #prepare} as a dry run: the checks, then what would be formatted and copied; nothing is written. */
    public PreparePlan planPrepare(Workspace workspace, String jobName, List<String> driveSpecs, String encryptorId,
            Set<String> reuseDriveOf, Consumer<String> notes) throws InvalidInputException, IOException {
        SeedingJob job;
        try (Catalog catalog = workspace.catalog()) {
            job = Jobs.require(catalog, jobName);
        }
        String encryptorName = encryptorFor(session(workspace, job), encryptorId);
        importJobs.checkLocation(workspace, job);
        Checked checked = check(workspace, jobName, once(DriveDiscovery.forThisComputer(commands)), driveSpecs,
                reuseDriveOf, notes);
        DiskEncryptor encryptor = encryptor(encryptorName);
        SeedListing listing = seedListing(job);
        DriveKeys keys = DriveKeys.load(workspace.driveFolder(jobName));
        List<String> format = new ArrayList<>();
        List<String> resumed = new ArrayList<>();
        List<org.seedbench.diskprep.Allocation.Space> fresh = new ArrayList<>();
        for (AttachedDrive d : checked.drives()) {
            if (keys.key(d.serial()).isEmpty() || !encryptor.isPrepared(d.target())) {
                format.add(d.serial());
                fresh.add(new org.seedbench.diskprep.Allocation.Space(d.serial(), d.capacityBytes(),
                        java.util.function.LongUnaryOperator.identity()));
            } else {
                resumed.add(d.serial());
            }
        }
        Map<String, long[]> copies = new LinkedHashMap<>();
        List<String> unused = new ArrayList<>();
        int needed = 0;
        if (resumed.isEmpty()) {
            org.seedbench.diskprep.Allocation allocation = org.seedbench.diskprep.Allocation.allocate(listing,
                    jobName, job.container(), new java.util.BitSet(), fresh);
            for (Map.Entry<String, java.util.BitSet> e : allocation.assigned().entrySet()) {
                if (e.getValue().isEmpty()) {
                    unused.add(e.getKey());
                    continue;
                }
                long files = listing.metadata().size() + e.getValue().cardinality();
                long bytes = listing.metadataBytes();
                for (int i = e.getValue().nextSetBit(0); i >= 0; i = e.getValue().nextSetBit(i + 1)) {
                    bytes += listing.packs().get(i).length();
                }
                copies.put(e.getKey(), new long[] { files, bytes });
            }
            needed = allocation.drivesNeeded();
        }
        return new PreparePlan(encryptor.id(), format, resumed, copies, unused, needed, listing.metadata().size(),
                listing.packs().size(), listing.metadataBytes() + listing.packBytes());
    }

    private Prepared prepareLocked(Workspace workspace, String jobName, DriveDiscovery discovery,
            List<String> driveSpecs, String encryptorId, Set<String> reuseDriveOf, FormatConfirmation confirmation,
            Progress progress, Consumer<String> notes, CloudSession session, String computer, Secret passphrase)
            throws InvalidInputException, IOException {
        Path folder = workspace.driveFolder(jobName);
        Checked checked = check(workspace, jobName, discovery, driveSpecs, reuseDriveOf, notes);
        SeedingJob job = checked.job();
        List<AttachedDrive> drives = checked.drives();
        DriveOwnership.Verdict ownership = checked.ownership();
        DiskEncryptor encryptor = encryptor(encryptorId);
        SeedListing listing = seedListing(job);
        DriveKeys keys = DriveKeys.load(folder);

        // every drive that needs formatting is confirmed before any is formatted
        List<AttachedDrive> toFormat = new ArrayList<>();
        List<Problem> refused = new ArrayList<>();
        for (AttachedDrive d : drives) {
            Optional<KeyProtector> key = keys.key(d.serial());
            String usedWith = keys.encryptor(d.serial()).orElse(encryptor.id());
            if (key.isPresent() && !usedWith.equals(encryptor.id())) {
                refused.add(new Problem("drive", d.serial(), "was prepared with the " + usedWith + " encryptor",
                        "--encryptor " + usedWith + " to go on with it"));
            } else if (key.isEmpty() || !encryptor.isPrepared(d.target())) {
                if (!confirmation.confirm(d.serial(), d.describe())) {
                    refused.add(new Problem("drive", d.serial(), "would be formatted, erasing everything on "
                            + d.describe(), "confirm with --yes-format (batch) or answer yes when asked"));
                } else {
                    toFormat.add(d);
                }
            }
        }
        InvalidInputException.throwIfAny(refused);
        DriveSpecs.Resolved resolved = DriveSpecs.resolve(driveSpecs, discovery);
        drives = resolved.drives();
        resolved.notes().forEach(notes);
        List<AttachedDrive> created = drives;
        toFormat = toFormat.stream().map(t -> created.stream().filter(x -> x.serial().equals(t.serial())).findFirst()
                .orElseThrow()).toList();

        try (Catalog catalog = workspace.catalog()) {
            if (job.state() != JobState.PREPARING_DRIVES) {
                String detail = "preparing " + drives(drives.size()) + " with the " + encryptor.id() + " encryptor"
                        + (computer == null ? "" : " on copy computer " + computer);
                try {
                    catalog.moveJob(jobName, job.state(), JobState.PREPARING_DRIVES, detail);
                } catch (IllegalTransitionException | CatalogConflictException e) {
                    // another copy computer of a shared catalog moved it first
                    if (computer == null || catalog.job(jobName).map(SeedingJob::state).orElse(null)
                            != JobState.PREPARING_DRIVES) {
                        throw e;
                    }
                }
            }
            DriveOwnership.record(catalog, jobName, ownership.reuses());
            Map<String, String> specs = new LinkedHashMap<>();
            for (int i = 0; i < drives.size(); i++) {
                specs.put(PROP_DRIVE_SPEC + drives.get(i).serial(), driveSpecs.get(i));
            }
            catalog.putJobProperties(jobName, specs);
        }
        // one bar over the drives to format: each encryptor's own task moves it on instead of starting it again
        Progress formatting = toFormat.isEmpty() ? progress : SubProgress.convert(progress,
                "Formatting and encrypting " + drives(toFormat.size()), toFormat.size(), Progress.Unit.ITEMS);
        // the drives are formatted at once, each key kept (and recorded) as soon as its drive is done
        ParallelDrives.run("format", toFormat, formatting, (d, each) -> {
            each.subTask("formatting and encrypting drive " + d.serial());
            KeyProtector key = encryptor.prepare(d.target(), jobName, each);
            synchronized (keys) {
                keys.put(d.serial(), encryptor.id(), key);
                try (Catalog catalog = workspace.catalog()) {
                    catalog.putDrive(drive(jobName, d, encryptor.id(), 0, null, null, 0));
                    catalog.recordEvent(jobName, "drive.formatted", "drive " + d.serial() + " formatted and "
                            + "encrypted (" + encryptor.id() + ")");
                }
            }
            return d;
        }, d -> { });

        List<DriveSession> sessions = new ArrayList<>();
        DriveCopier.Result result;
        SharedPacks shared = computer == null ? null
                : new SharedPacks(workspace, jobName, computer, listing, clock, SharedPacks.leaseLength());
        try {
            sessions.addAll(ParallelDrives.run("unlock", drives, Progress.NONE, (d, each) -> {
                KeyProtector key = keys.key(d.serial()).orElseThrow();
                try {
                    return new DriveSession(d.serial(), encryptor.unlock(d.target(), key), device(d.target()),
                            encryptor.id(), key);
                } catch (WrongKeyException e) {
                    throw new InvalidInputException(new Problem("drive", d.serial(), "does not open with the key "
                            + "this job keeps for it", "the drive this job prepared under that serial"));
                }
            }, s -> closeQuietly(s.volume())));
            // the manifests' credential: a write-only SAS of the import container, when the service needs one
            Optional<Secret> sas = session.importContainerSas(job.storageAccount(), job.container(),
                    clock.instant().plus(CONTAINER_SAS_LIFETIME));
            try {
                DriveCopier copier = new DriveCopier(listing, jobName, job.container(), folder, clock, sas.orElse(null));
                if (shared == null) {
                    result = copier.run(sessions, progress);
                } else {
                    try (SharedPacks beating = shared.beating()) {
                        result = copier.sharing(shared).run(sessions, progress);
                    }
                }
            } finally {
                sas.ifPresent(Secret::close);
            }
        } finally {
            for (DriveSession s : sessions) {
                s.volume().close();
            }
        }
        if (shared != null) {
            seal(job, computer, keys, passphrase);
        }
        return record(workspace, job, drives, encryptor.id(), result, shared);
    }

    /** Leaves this computer's drives' key protectors in the staging location, sealed for the other copy computers. */
    private static void seal(SeedingJob job, String computer, DriveKeys keys, Secret passphrase)
            throws InvalidInputException, IOException {
        List<SealedDriveKeys.Entry> entries = new ArrayList<>();
        for (String serial : keys.serials()) {
            keys.key(serial).ifPresent(k -> entries.add(new SealedDriveKeys.Entry(serial,
                    keys.encryptor(serial).orElse(PORTABLE), k)));
        }
        SealedDriveKeys.seal(job, computer, entries, passphrase);
    }

    private Prepared record(Workspace workspace, SeedingJob job, List<AttachedDrive> drives, String encryptorId,
            DriveCopier.Result result, SharedPacks shared) throws IOException {
        List<String> notes = new ArrayList<>();
        Path folder = workspace.driveFolder(job.name());
        boolean movedHere = false;
        boolean lost = false;
        try (Catalog catalog = workspace.catalog()) {
            for (DriveCopier.DriveReport r : result.drives()) {
                AttachedDrive d = drives.stream().filter(x -> x.serial().equals(r.serial())).findFirst().orElseThrow();
                catalog.putDrive(drive(job.name(), d, encryptorId, r.bytes(), r.complete() ? DriveManifest.MANIFEST_FILE : null,
                        r.manifestHash(), r.complete() ? 100 : 0));
                if (shared != null && r.complete() && !shared.place(r.serial(), journaled(folder, r.serial()))) {
                    // a pack of it was taken over while this computer could not renew its lease
                    catalog.putDrive(drive(job.name(), d, encryptorId, r.bytes(), null, null, 0));
                    lost = true;
                    notes.add("drive " + r.serial() + " lost packs to another copy computer (its lease ran out): run "
                            + "prepare-drives again to plan the drive anew");
                }
                if (r.blocksCopied() > 0 || r.blocksResumed() == 0) {
                    catalog.recordEvent(job.name(), "drive.copied", "drive " + r.serial() + ": " + r.files()
                            + " files, " + Sizes.decimal(r.bytes()) + ", manifest " + r.manifestHash() + "; "
                            + r.blocksCopied() + " blocks copied, " + r.blocksResumed() + " already on the drive");
                }
            }
            for (String unused : result.unusedDrives()) {
                notes.add("drive " + unused + " is not needed: the other drives hold the whole seed");
                if (shared != null) {
                    // planned again after its packs went to another computer: not a drive of the import job
                    AttachedDrive d = drives.stream().filter(x -> x.serial().equals(unused)).findFirst().orElseThrow();
                    catalog.putDrive(drive(job.name(), d, encryptorId, 0, null, null, 0));
                }
            }
            JobState state = JobState.PREPARING_DRIVES;
            SharedPacks.Standing standing = shared == null ? null : shared.standing();
            if (shared != null) {
                if (standing.unplaced() == 0 && !lost) {
                    try {
                        catalog.moveJob(job.name(), JobState.PREPARING_DRIVES, JobState.DRIVES_READY, "every pack "
                                + "placed; copy computer " + shared.computer() + " finished last");
                        movedHere = true;
                    } catch (IllegalTransitionException | CatalogConflictException e) {
                        // another copy computer finished at the same time and moved it first
                        notes.add("another copy computer finished the job's drives at the same time and creates the "
                                + "import job");
                    }
                    state = catalog.job(job.name()).map(SeedingJob::state).orElse(state);
                } else if (standing.unplaced() > 0 && standing.unheld() == 0) {
                    notes.add(standing.unplaced() + " packs are not on a finished drive yet"
                            + (standing.claimedBy().isEmpty() ? "" : " (copied by " + String.join(", ",
                                    standing.claimedBy()) + ")") + ": the job becomes DrivesReady when the last copy "
                            + "computer finishes");
                }
            }
            if (shared == null && result.complete()) {
                catalog.moveJob(job.name(), JobState.DRIVES_READY, drives(result.drives().size()) + " ready");
                state = JobState.DRIVES_READY;
                movedHere = true;
            } else if (shared != null && standing.unheld() == 0) {
                // every pack is placed or being copied by a computer: none needs another drive
                return new Prepared(outcome(state, result, notes, 0, 0, 0), movedHere);
            } else {
                catalog.recordEvent(job.name(), "drives.short", "needs " + result.allocation().drivesNeeded()
                        + " more " + (result.allocation().drivesNeeded() == 1 ? "drive" : "drives") + " with at least "
                        + Sizes.decimal(result.allocation().shortfallBytes()));
            }
            return new Prepared(outcome(state, result, notes, result.allocation().drivesNeeded(),
                    result.allocation().shortfallBytes(), result.allocation().unplaced().cardinality()), movedHere);
        }
    }

    private static PrepareOutcome outcome(JobState state, DriveCopier.Result result, List<String> notes,
            int drivesNeeded, long bytesNeededPerDrive, int packsUnplaced) {
        List<PrepareOutcome.DriveCopy> copies = result.drives().stream().map(r -> new PrepareOutcome.DriveCopy(
                r.serial(), r.files(), r.bytes(), r.blocksCopied(), r.blocksResumed(), r.complete(),
                r.manifestHash(), r.driveInfo(), r.copyNanos())).toList();
        DriveCopier.Timing t = result.timing();
        return new PrepareOutcome(state, copies, result.unusedDrives(), result.bytesCopied(),
                new PrepareOutcome.Timing(t.readNanos(), t.md5Nanos(), t.writeNanos(), t.syncNanos()),
                drivesNeeded, bytesNeededPerDrive, packsUnplaced, notes, null);
    }

    /** The packs a drive's journal says it holds. */
    private static java.util.BitSet journaled(Path folder, String serial) throws IOException {
        try (DriveJournal j = DriveJournal.open(DriveJournal.path(folder, serial))) {
            return j.assigned();
        }
    }

    /**
     * Re-reads a prepared drive of the job and checks every block against its manifest.
     *
     * @param drive            the drive's serial (found where it was prepared) or a {@code --drive} value
     * @param recoveryPassword the password to unlock it with, as the datacenter would; null for the key this
     *                         computer keeps for the drive
     */
    public DriveCheck verifyDrive(Workspace workspace, String jobName, String drive, Secret recoveryPassword,
            Progress progress) throws InvalidInputException, IOException {
        String spec = drive;
        Drive recorded;
        try (Catalog catalog = workspace.catalog()) {
            Jobs.require(catalog, jobName);
            Map<String, String> props = catalog.jobProperties(jobName);
            if (props.containsKey(PROP_DRIVE_SPEC + drive)) {
                spec = props.get(PROP_DRIVE_SPEC + drive);
            }
            AttachedDrive attached = DriveSpecs.resolve(List.of(spec), DriveDiscovery.forThisComputer(commands)).drives().get(0);
            recorded = catalog.drives(jobName).stream().filter(d -> d.serial().equals(attached.serial())).findFirst()
                    .orElseThrow(() -> new InvalidInputException(new Problem("drive", drive, "is not a drive of job "
                            + jobName, "a serial listed by seedbench drives " + jobName)));
            Path folder = workspace.driveFolder(jobName);
            DriveKeys keys = DriveKeys.load(folder);
            DiskEncryptor encryptor = encryptor(recorded.encryptor());
            KeyProtector key;
            if (recoveryPassword != null) {
                char[] typed = recoveryPassword.reveal();
                try {
                    InvalidInputException.throwIfAny(RecoveryPasswords.check(typed));
                } finally {
                    java.util.Arrays.fill(typed, '\0');
                }
                key = new KeyProtector("given", recoveryPassword);
            } else {
                key = keys.key(recorded.serial()).orElseThrow(() -> new InvalidInputException(new Problem(
                        "drive", drive, "has no key protector on this computer", "verify it on its copy computer, "
                                + "or give --recovery-password-file")));
            }
            String hash = recorded.manifestHash();
            Path info = DriveInfoFile.path(folder, jobName, recorded.serial());
            if (hash == null && Files.exists(info)) {
                hash = DriveInfoFile.read(info).manifestHash();
            }
            try (Volume volume = encryptor.unlock(attached.target(), key)) {
                DriveVerifier.Report r = DriveVerifier.verify(recorded.serial(), volume, hash, progress);
                return new DriveCheck(r.serial(), r.blobs(), r.blocks(), r.bytes(), r.problems());
            } catch (WrongKeyException e) {
                throw new InvalidInputException(new Problem(RecoveryPasswords.FIELD, null, "does not unlock drive "
                        + recorded.serial(), "the password in the drive's DriveInfo file"));
            }
        }
    }

    /**
     * Why a drive may not be prepared for the job, as {@link #prepare} would refuse it: it holds another job's seed
     * (by the catalog, a DriveInfo file of this computer or its volume header), or it is a folder inside a staging
     * location or a source. Empty when it may. Reads only.
     */
    public List<Problem> checkDrive(Workspace workspace, String jobName, AttachedDrives.Listed drive)
            throws IOException {
        try (Catalog catalog = workspace.catalog()) {
            return DriveOwnership.check(catalog, workspace, jobName, List.of(drive.attached()), encryptors(), Set.of())
                    .problems();
        }
    }

    /** Whether the drive's copy journal exists (an earlier run started it). */
    public static boolean isStarted(Workspace workspace, String jobName, String serial) {
        return Files.exists(DriveJournal.path(workspace.driveFolder(jobName), serial));
    }

    /** A discovery that lists this computer's drives once, however often a run asks. */
    private static DriveDiscovery once(DriveDiscovery discovery) {
        DiscoveredDrives[] found = new DiscoveredDrives[1];
        return () -> {
            if (found[0] == null) {
                found[0] = discovery.discover();
            }
            return found[0];
        };
    }

    /** "1 drive", "3 drives". */
    static String drives(int n) {
        return n + (n == 1 ? " drive" : " drives");
    }

    private DiskEncryptor encryptor(String id) throws InvalidInputException {
        List<DiskEncryptor> all = encryptors();
        DiskEncryptor e = all.stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
        List<String> available = all.stream().filter(DiskEncryptor::isAvailable).map(DiskEncryptor::id).toList();
        String ids = String.join(", ", available);
        if (BITLOCKER.equals(id) && (e == null || !e.isAvailable())) {
            throw new InvalidInputException(new Problem("encryptor", id, "BitLocker drives are prepared on Windows "
                    + "(manage-bde), not on this computer (" + System.getProperty("os.name") + ")",
                    available.isEmpty() ? null : "on this computer: --encryptor " + String.join(" or --encryptor ",
                            available)));
        }
        if (e == null) {
            throw new InvalidInputException(new Problem("encryptor", id, "is not installed", "one of: " + ids));
        }
        if (!e.isAvailable()) {
            throw new InvalidInputException(new Problem("encryptor", id, "cannot run on this computer ("
                    + System.getProperty("os.name") + ")", "one of: " + ids));
        }
        return e;
    }

    private static Drive drive(String jobName, AttachedDrive d, String encryptor, long used, String manifest,
            String hash, int percent) {
        return new Drive(jobName, d.serial(), d.model(), d.transport(), d.mediaType(), d.capacityBytes(), used,
                encryptor, DriveKeys.reference(jobName, d.serial()), manifest, hash, DriveState.SPECIFIED, percent);
    }

    private static void closeQuietly(Volume volume) {
        try {
            volume.close();
        } catch (Exception e) {
            // the run fails with the first drive's problem; this drive is only locked again
        }
    }

    /** Drives on one physical device are written one after the other. */
    private static String device(DriveTarget target) {
        if (target.mountPoint() != null) {
            try {
                return Files.getFileStore(Files.exists(target.mountPoint()) ? target.mountPoint()
                        : target.mountPoint().getParent()).name();
            } catch (IOException e) {
                return target.mountPoint().toString();
            }
        }
        return target.device();
    }
}
