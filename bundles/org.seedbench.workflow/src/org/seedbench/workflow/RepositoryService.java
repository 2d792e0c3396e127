package org.seedbench.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.seedbench.backup.BackupEngine;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RestoreResult;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.backup.VerifyReport;
import org.seedbench.catalog.Catalog;
import org.seedbench.diskprep.drives.FolderDrives;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.WorkloadKind;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.Folders;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadSource;

/**
 * Reads a job's repository, in staging or in the vault ({@link RepositoryLocation}): its snapshots, a
 * verification, a restore.
 */
@Component(service = RepositoryService.class)
public class RepositoryService {

    private final BackupEngine engine;
    private final CloudConnectors connectors;
    private final InstalledProviders installed;

    @Activate
    public RepositoryService(@Reference BackupEngine engine, @Reference CloudConnectors connectors,
            @Reference InstalledProviders installed) {
        this.engine = engine;
        this.connectors = connectors;
        this.installed = installed;
    }

    public List<SnapshotInfo> snapshots(Workspace workspace, String jobName, Secret passphrase)
            throws InvalidInputException, IOException {
        return snapshots(workspace, jobName, passphrase, RepositoryLocation.STAGING);
    }

    public List<SnapshotInfo> snapshots(Workspace workspace, String jobName, Secret passphrase,
            RepositoryLocation from) throws InvalidInputException, IOException {
        try (Repository repository = open(workspace, jobName, passphrase, from)) {
            return engine.snapshots(repository);
        }
    }

    /** Checks the repository's structure; with {@code readData} every blob is decrypted and authenticated. */
    public VerifyReport verify(Workspace workspace, String jobName, Secret passphrase, boolean readData,
            Progress progress) throws InvalidInputException, IOException {
        return verify(workspace, jobName, passphrase, readData, RepositoryLocation.STAGING, progress);
    }

    /** {@link #verify(Workspace, String, Secret, boolean, Progress)} of the repository in staging or in the vault. */
    public VerifyReport verify(Workspace workspace, String jobName, Secret passphrase, boolean readData,
            RepositoryLocation from, Progress progress) throws InvalidInputException, IOException {
        try (Repository repository = open(workspace, jobName, passphrase, from)) {
            VerifyReport report = engine.verify(repository, readData, progress);
            try (Catalog catalog = workspace.catalog()) {
                catalog.recordEvent(jobName, "verify", (readData ? "read-data verification" : "verification")
                        + " of " + from + " " + repository.storage().location() + ": "
                        + (report.isClean() ? "clean" : report.problems().size() + " problems") + ", "
                        + report.packs() + " packs, " + report.snapshots() + " snapshots");
            }
            return report;
        }
    }

    /**
     * Restores a snapshot ({@code latest} or an id or its prefix) into {@code target}; never writes outside it and
     * never overwrites unless asked.
     */
    public RestoreResult restore(Workspace workspace, String jobName, Secret passphrase, String snapshot, Path target,
            List<String> includeGlobs, boolean overwrite, Progress progress) throws InvalidInputException, IOException {
        return restore(workspace, jobName, passphrase, RepositoryLocation.STAGING, snapshot, target, includeGlobs,
                overwrite, progress);
    }

    /** {@link #restore(Workspace, String, Secret, String, Path, List, boolean, Progress)} from staging or the vault. */
    public RestoreResult restore(Workspace workspace, String jobName, Secret passphrase, RepositoryLocation from,
            String snapshot, Path target, List<String> includeGlobs, boolean overwrite, Progress progress)
            throws InvalidInputException, IOException {
        try (Catalog catalog = workspace.catalog()) {
            refuseTarget(catalog, target);
        }
        try (Repository repository = open(workspace, jobName, passphrase, from)) {
            RestoreResult result = engine.restore(repository, snapshot, target, includeGlobs, overwrite, progress);
            try (Catalog catalog = workspace.catalog()) {
                catalog.recordEvent(jobName, "restore", "snapshot " + result.snapshotId() + " from " + from + " to "
                        + target + ": "
                        + result.files() + " files, " + result.failed().size() + " failed, "
                        + result.skippedExisting().size() + " existing files left alone");
            }
            return result;
        }
    }

    /**
     * The tree of a snapshot ({@code latest} or an id or its prefix) of the repository in staging or the vault, as a
     * browser shows it; reads no file's content.
     */
    public SnapshotTree tree(Workspace workspace, String jobName, Secret passphrase, RepositoryLocation from,
            String snapshot) throws InvalidInputException, IOException {
        try (Repository repository = open(workspace, jobName, passphrase, from)) {
            return new SnapshotTree(engine.list(repository, snapshot));
        }
    }

    /**
     * The include patterns of {@link #restore} that restore exactly these paths of a snapshot (each with what a
     * folder holds): glob characters in their names are escaped.
     */
    public static List<String> includesOf(Collection<String> paths) {
        List<String> globs = new ArrayList<>();
        for (String path : paths) {
            StringBuilder glob = new StringBuilder(path.length() + 4);
            for (char c : path.toCharArray()) {
                if ("\\*?[]{}".indexOf(c) >= 0) {
                    glob.append('\\');
                }
                glob.append(c);
            }
            globs.add(glob.toString());
        }
        return globs;
    }

    /**
     * Where a snapshot's items came from on this computer, when its workload is a folder a files source read:
     * restoring there puts each item back in its original place. Empty for other sources (a DPM or MABS replica lies
     * on the backup server).
     */
    public Optional<Path> originalPlace(SnapshotInfo snapshot) {
        for (WorkloadSource source : installed.workloadSources()) {
            if (source.id().equals(snapshot.workload().sourceId()) && source.kind() == WorkloadKind.FILES) {
                try {
                    Path folder = Path.of(snapshot.workload().target());
                    return folder.isAbsolute() ? Optional.of(folder) : Optional.empty();
                } catch (InvalidPathException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses a restore target inside a staging location or a folder drive of any job: restored plaintext there
     * would be copied with the seed onto drives and into the vault. (The engine refuses a target inside any
     * repository itself.)
     */
    private static void refuseTarget(Catalog catalog, Path target) throws InvalidInputException {
        String allowed = "a folder outside every repository, staging location and drive folder";
        for (SeedingJob job : catalog.jobs()) {
            Path staging = Path.of(job.stagingLocation());
            if (Folders.isInside(target, staging)) {
                throw new InvalidInputException(new Problem("target", target.toString(), "lies inside the staging "
                        + "location " + staging + " of job " + job.name(), allowed));
            }
            for (Map.Entry<String, String> p : catalog.jobProperties(job.name()).entrySet()) {
                if (!p.getKey().startsWith(DrivePreparationService.PROP_DRIVE_SPEC)) {
                    continue;
                }
                Optional<Path> drive = FolderDrives.folderOf(p.getValue());
                if (drive.isPresent() && Folders.isInside(target, drive.get())) {
                    throw new InvalidInputException(new Problem("target", target.toString(), "lies inside the folder "
                            + drive.get() + " of drive " + p.getKey().substring(
                                    DrivePreparationService.PROP_DRIVE_SPEC.length()) + " of job " + job.name(),
                            allowed));
                }
            }
        }
    }

    /** Whether the vault holds the job's seed: it was seeded (or is being seeded) or cleaned up since. */
    private static boolean inVault(SeedingJob job) {
        return job.state() == JobState.SEEDED || job.state() == JobState.CLEANED_UP
                || job.state() == JobState.VAULT_SEEDING;
    }

    private Repository open(Workspace workspace, String jobName, Secret passphrase, RepositoryLocation from)
            throws InvalidInputException, IOException {
        SeedingJob job;
        Map<String, String> properties;
        try (Catalog catalog = workspace.catalog()) {
            job = Jobs.require(catalog, jobName);
            properties = catalog.jobProperties(jobName);
        }
        if (from == RepositoryLocation.VAULT) {
            Vaults.Place place = Vaults.place(connectors, workspace, job, properties);
            return Jobs.open(engine, Vaults.repository(engine, place), passphrase);
        }
        String folder = StagingRepositories.place(job);
        Optional<ObjectStore> staging = StagingRepositories.existing(job, installed.stagingProviders());
        if (staging.isEmpty() || !engine.isRepository(staging.get())) {
            if (inVault(job)) {
                throw new InvalidInputException(new Problem("job", jobName, "has no staging repository at " + folder
                        + (job.state() == JobState.CLEANED_UP ? " any more (cleanup removed it)" : ""),
                        "--from vault: the vault holds the job's seed and backups"));
            }
            throw new InvalidInputException(new Problem("job", jobName, "has no staging repository at " + folder
                    + " yet", "a job that has been staged: seedbench stage " + jobName));
        }
        return Jobs.open(engine, staging.get(), passphrase);
    }
}
