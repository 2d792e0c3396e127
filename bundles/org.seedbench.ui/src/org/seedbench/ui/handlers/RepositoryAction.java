package org.seedbench.ui.handlers;

import jakarta.inject.Inject;

import org.eclipse.e4.core.di.extensions.Service;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.workflow.RepositoryLocation;
import org.seedbench.workflow.RepositoryService;
import org.seedbench.workflow.VaultService;

/**
 * An action on the job's repository (restore from it, verify it): enabled once a staging run completed (every state
 * after Draft and Staging; a cancelled job may have none, which the service then says in one line).
 */
public abstract class RepositoryAction extends WorkflowAction {
    @Inject
    @Service
    protected RepositoryService repositories;

    @Override
    protected boolean allows(SeedingJob job) {
        return hasRepository(job);
    }

    static boolean hasRepository(SeedingJob job) {
        return job.state() != JobState.DRAFT && job.state() != JobState.STAGING;
    }

    /** Where the job's repository is: in the vault once it holds the seed, else in staging. */
    static RepositoryLocation location(SeedingJob job) {
        return VaultService.holdsSeed(job.state()) ? RepositoryLocation.VAULT : RepositoryLocation.STAGING;
    }
}
