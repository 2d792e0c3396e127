package org.seedbench.workflow;

import java.io.IOException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.seedbench.backup.BackupEngine;
import org.seedbench.backup.ForgetResult;
import org.seedbench.backup.PruneResult;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RetentionPolicy;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.Progress;

/**
 * Retention of a job's vault: {@link #forget} removes the snapshots a keep-policy does not keep, {@link #prune}
 * frees the packs no snapshot needs any more, and a per-job policy ({@link #setPolicy}, kept in the job's properties
 * {@code retention.keep.*}) is applied by {@link #applyPolicy} after each scheduled backup. Each holds the job's lock,
 * so that no backup writes into the vault meanwhile; each records what it removed in the job's events and in the
 * vault records, so that seed-vault and cleanup do not take what was removed on purpose for lost.
 */
@Component(service = RetentionService.class)
public class RetentionService {
    /** Job properties of the stored policy: {@code retention.keep.last}, {@code .hourly}, … {@code .yearly}. */
    public static final String PROP_KEEP = "retention.keep.";
    private static final List<String> RULES = List.of("last", "hourly", "daily", "weekly", "monthly", "yearly");

    private final BackupEngine engine;
    private final CloudConnectors connectors;

    @Activate
    public RetentionService(@Reference BackupEngine engine, @Reference CloudConnectors connectors) {
        this.engine = engine;
        this.connectors = connectors;
    }

    /** What {@link #applyPolicy} did. */
    public record Applied(RetentionPolicy policy, ForgetResult forget, PruneResult prune) {
    }

    /**
     * Removes the vault's snapshots the policy does not keep (restic's semantics, days in this computer's time
     * zone); with {@code dryRun} only says which.
     *
     * @throws InvalidInputException when the policy has no rule, the job's vault holds no seed yet, or another run
     *                               holds the job
     */
    public ForgetResult forget(Workspace workspace, String jobName, Secret passphrase, RetentionPolicy policy,
            boolean dryRun) throws InvalidInputException, IOException {
        refuseEmpty(policy);
        SeedingJob job = vaultJob(workspace, jobName);
        try (JobLock lock = JobLock.acquire(workspace, job, "forget")) {
            return forget(workspace, job, passphrase, policy, dryRun);
        }
    }

    private ForgetResult forget(Workspace workspace, SeedingJob job, Secret passphrase, RetentionPolicy policy,
            boolean dryRun) throws InvalidInputException, IOException {
        try (Repository repository = openVault(workspace, job, passphrase, Progress.NONE)) {
            ZoneId zone = ZoneId.systemDefault();
            ForgetResult decided = engine.forget(repository, policy, zone, true);
            if (dryRun || decided.removed().isEmpty()) {
                return decided;
            }
            List<String> names = decided.removed().stream().map(s -> "snapshots/" + s.id()).toList();
            VaultRemovals.add(workspace, job.name(), names);
            ForgetResult result = engine.forget(repository, policy, zone, false);
            try (Catalog catalog = workspace.catalog()) {
                for (SnapshotInfo s : result.removed()) {
                    catalog.recordEvent(job.name(), "forget", "snapshot " + s.shortId() + " of " + s.time() + " ("
                            + s.workload() + ") removed from the vault by the policy: keep " + policy);
                }
            }
            return result;
        }
    }

    /**
     * Frees the vault's packs no snapshot needs (deleted whole, or rewritten when partly needed); with
     * {@code dryRun} only says what it would free. Crash-safe: the next prune finishes an interrupted one.
     */
    public PruneResult prune(Workspace workspace, String jobName, Secret passphrase, boolean dryRun,
            Progress progress) throws InvalidInputException, IOException {
        SeedingJob job = vaultJob(workspace, jobName);
        try (JobLock lock = JobLock.acquire(workspace, job, "prune")) {
            return prune(workspace, job, passphrase, dryRun, progress);
        }
    }

    private PruneResult prune(Workspace workspace, SeedingJob job, Secret passphrase, boolean dryRun,
            Progress progress) throws InvalidInputException, IOException {
        try (Repository repository = openVault(workspace, job, passphrase, progress)) {
            PruneResult result = engine.prune(repository, dryRun, progress);
            if (!dryRun) {
                VaultRemovals.add(workspace, job.name(), result.removedObjects());
                if (!result.nothingToDo()) {
                    try (Catalog catalog = workspace.catalog()) {
                        catalog.recordEvent(job.name(), "prune", (result.resumed() ? "finished an interrupted prune: "
                                : "") + describe(result));
                    }
                }
            }
            return result;
        }
    }

    /** One line of what a prune did (or would do). */
    public static String describe(PruneResult r) {
        if (r.nothingToDo()) {
            return "nothing to free: every pack is needed by the " + r.snapshots() + " snapshots";
        }
        return (r.dryRun() ? "would delete " : "deleted ") + r.deletedPacks().size() + " unneeded packs, "
                + (r.dryRun() ? "rewrite " : "rewrote ") + r.rewrittenPacks().size() + " partly needed packs"
                + (r.dryRun() ? "" : " into " + r.packsWritten()) + ", " + r.blobsRemoved() + " blobs removed, "
                + r.blobsKept() + " kept for " + r.snapshots() + " snapshots; " + Sizes.decimal(r.bytesFreed())
                + (r.dryRun() ? " would be freed" : " freed");
    }

    /**
     * Stores the job's policy for {@link #applyPolicy}; an empty policy ({@link RetentionPolicy#none()}) removes it.
     */
    public void setPolicy(Workspace workspace, String jobName, RetentionPolicy policy) throws InvalidInputException {
        try (Catalog catalog = workspace.catalog()) {
            Jobs.require(catalog, jobName);
            Map<String, String> props = new LinkedHashMap<>();
            int[] counts = counts(policy);
            for (int i = 0; i < RULES.size(); i++) {
                props.put(PROP_KEEP + RULES.get(i), policy.isEmpty() || counts[i] == 0 ? null
                        : Integer.toString(counts[i]));
            }
            catalog.putJobProperties(jobName, props);
            catalog.recordEvent(jobName, "retention", policy.isEmpty() ? "retention policy removed: every snapshot "
                    + "is kept" : "retention policy set: keep " + policy + " (applied after each scheduled backup)");
        }
    }

    /** The job's stored policy; empty when none is set. */
    public Optional<RetentionPolicy> policy(Workspace workspace, String jobName) throws InvalidInputException {
        Map<String, String> props;
        try (Catalog catalog = workspace.catalog()) {
            Jobs.require(catalog, jobName);
            props = catalog.jobProperties(jobName);
        }
        int[] counts = new int[RULES.size()];
        for (int i = 0; i < RULES.size(); i++) {
            String value = props.get(PROP_KEEP + RULES.get(i));
            try {
                counts[i] = value == null ? 0 : Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(new Problem(PROP_KEEP + RULES.get(i), value, "is not a keep count",
                        "set the policy again: seedbench retention " + jobName + " --keep-…"));
            }
        }
        RetentionPolicy policy = new RetentionPolicy(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
        return policy.isEmpty() ? Optional.empty() : Optional.of(policy);
    }

    /**
     * Applies the job's stored policy: forget, then prune when a snapshot was removed (or an interrupted prune is
     * left to finish). Meant for the scheduler, right after a backup of the job ended (it takes the job's lock, so
     * call it once the backup has let go of it). Does nothing, returning empty, when the job has no policy.
     */
    public Optional<Applied> applyPolicy(Workspace workspace, String jobName, Secret passphrase, Progress progress)
            throws InvalidInputException, IOException {
        Optional<RetentionPolicy> policy = policy(workspace, jobName);
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        SeedingJob job = vaultJob(workspace, jobName);
        try (JobLock lock = JobLock.acquire(workspace, job, "retention")) {
            ForgetResult forget = forget(workspace, job, passphrase, policy.get(), false);
            PruneResult prune = prune(workspace, job, passphrase, false, progress);
            return Optional.of(new Applied(policy.get(), forget, prune));
        }
    }

    private static int[] counts(RetentionPolicy p) {
        return new int[] { p.last(), p.hourly(), p.daily(), p.weekly(), p.monthly(), p.yearly() };
    }

    private static void refuseEmpty(RetentionPolicy policy) throws InvalidInputException {
        if (policy.isEmpty()) {
            throw new InvalidInputException(new Problem("policy", null, "keeps nothing: forget would remove every "
                    + "snapshot", "at least one of --keep-last, --keep-hourly, --keep-daily, --keep-weekly, "
                            + "--keep-monthly, --keep-yearly (a count, or unlimited)"));
        }
    }

    /** The job, when its vault holds the seed (forget and prune work on the vault only). */
    private static SeedingJob vaultJob(Workspace workspace, String jobName) throws InvalidInputException {
        SeedingJob job;
        try (Catalog catalog = workspace.catalog()) {
            job = Jobs.require(catalog, jobName);
        }
        if (!VaultService.holdsSeed(job.state())) {
            throw new InvalidInputException(new Problem("job", jobName, "is " + job.state().label()
                    + "; forget and prune work on the vault once it holds the seed",
                    "a Seeded job: seedbench seed-vault " + jobName));
        }
        return job;
    }

    /**
     * The job's vault; what a prune uploads (the rewritten packs) passes the job's bandwidth budget
     * ({@code seedbench throttle}) like a backup's.
     */
    private Repository openVault(Workspace workspace, SeedingJob job, Secret passphrase, Progress progress)
            throws InvalidInputException, IOException {
        Map<String, String> properties;
        try (Catalog catalog = workspace.catalog()) {
            properties = catalog.jobProperties(job.name());
        }
        Vaults.Place place = Vaults.place(connectors, workspace, job, properties);
        place = place.throttled(VaultService.budget(VaultService.workHours(job.name(), properties)), progress);
        return Jobs.open(engine, Vaults.repository(engine, place), passphrase);
    }
}
