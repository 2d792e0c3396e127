package org.seedbench.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.seedbench.backup.BackupEngine;
import org.seedbench.backup.LocalStorage;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RestoreResult;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.backup.VerifyReport;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.Progress;

/** Reads a job's staging repository: its snapshots, a verification, a restore. */
@Component(service = RepositoryService.class)
public class RepositoryService {

    @Reference
    private CatalogService catalogs;

    @Reference
    private BackupEngine engine;

    public List<SnapshotInfo> snapshots(Path dataDirectory, String jobName, Secret passphrase)
            throws InvalidInputException, IOException {
        try (Repository repository = open(dataDirectory, jobName, passphrase)) {
            return engine.snapshots(repository);
        }
    }

    /** Checks the repository's structure; with {@code readData} every blob is decrypted and authenticated. */
    public VerifyReport verify(Path dataDirectory, String jobName, Secret passphrase, boolean readData,
            Progress progress) throws InvalidInputException, IOException {
        try (Repository repository = open(dataDirectory, jobName, passphrase)) {
            VerifyReport report = engine.verify(repository, readData, progress);
            try (Catalog catalog = catalogs.open(dataDirectory)) {
                catalog.recordEvent(jobName, "verify", (readData ? "read-data verification: " : "verification: ")
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
    public RestoreResult restore(Path dataDirectory, String jobName, Secret passphrase, String snapshot, Path target,
            List<String> includeGlobs, boolean overwrite, Progress progress) throws InvalidInputException, IOException {
        try (Repository repository = open(dataDirectory, jobName, passphrase)) {
            RestoreResult result = engine.restore(repository, snapshot, target, includeGlobs, overwrite, progress);
            try (Catalog catalog = catalogs.open(dataDirectory)) {
                catalog.recordEvent(jobName, "restore", "snapshot " + result.snapshotId() + " to " + target + ": "
                        + result.files() + " files, " + result.failed().size() + " failed, "
                        + result.skippedExisting().size() + " existing files left alone");
            }
            return result;
        }
    }

    private Repository open(Path dataDirectory, String jobName, Secret passphrase)
            throws InvalidInputException, IOException {
        SeedingJob job;
        try (Catalog catalog = catalogs.open(dataDirectory)) {
            job = Jobs.require(catalog, jobName);
        }
        Path folder = Jobs.stagingFolder(job);
        LocalStorage storage = new LocalStorage(folder);
        if (!Files.isDirectory(folder) || !engine.isRepository(storage)) {
            throw new InvalidInputException(new Problem("job", jobName, "has no staging repository at " + folder
                    + " yet", "a job that has been staged: seedbench stage " + jobName));
        }
        return Jobs.open(engine, storage, passphrase);
    }
}
