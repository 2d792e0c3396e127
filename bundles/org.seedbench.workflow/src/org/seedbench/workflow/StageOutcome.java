package org.seedbench.workflow;

import java.nio.file.Path;

import org.seedbench.backup.BackupResult;

/**
 * What a stage run did.
 *
 * @param repository the staging repository's folder
 * @param created    whether this run created the repository
 * @param result     snapshots, statistics and warnings
 */
public record StageOutcome(Path repository, boolean created, BackupResult result) {

    /** Whether the run found nothing the repository did not already hold. */
    public boolean nothingNew() {
        return result.statistics().bytesNew() == 0;
    }
}
