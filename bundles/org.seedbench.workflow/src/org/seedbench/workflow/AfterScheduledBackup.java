package org.seedbench.workflow;

import org.osgi.annotation.versioning.ConsumerType;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.Progress;

/**
 * Work that follows each successful scheduled backup of a job, e.g. applying the job's retention policy
 * ({@code forget} + {@code prune}) to its vault. Register an implementation as a DS service: {@link ScheduleService}
 * calls every registered one, in service ranking order, after a scheduled backup that succeeded (with or without
 * warnings), once the backup has let go of the job's lock. A service that has nothing to do for the job (no policy
 * set) returns at once.
 *
 * <p>What it throws does not undo the backup: the scheduled run is recorded with the failure's message as a
 * warning, in the job's properties and events.
 */
@ConsumerType
public interface AfterScheduledBackup {

    /**
     * @param workspace  the data directory the run works on
     * @param jobName    the job that was backed up
     * @param outcome    what the backup did (its snapshots, statistics)
     * @param passphrase the job's backup passphrase, to open the vault's repository; not to be kept
     * @param progress   where to report progress
     */
    void afterScheduledBackup(Workspace workspace, String jobName, VaultBackupOutcome outcome, Secret passphrase,
            Progress progress) throws Exception;
}
