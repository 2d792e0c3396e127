package org.seedbench.ui.handlers;

import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;

/**
 * When a job has a repository to restore from or verify: once a staging run completed (every state after Draft and
 * Staging; a cancelled job may have none, which the service then says in one line).
 */
final class RepositoryAction {
    private RepositoryAction() {
    }

    static boolean hasRepository(SeedingJob job) {
        return job.state() != JobState.DRAFT && job.state() != JobState.STAGING;
    }
}
