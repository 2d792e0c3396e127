package org.seedbench.workflow;

import org.seedbench.backup.BackupResult;

/**
 * What an incremental backup into the vault did.
 *
 * @param vault     where the repository is
 * @param result    snapshots, statistics (bytes read, new, stored) and warnings
 * @param bytesSent bytes uploaded to the vault: the new packs, index and snapshots
 */
public record VaultBackupOutcome(String vault, BackupResult result, long bytesSent) {
}
