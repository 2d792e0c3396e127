package org.seedbench.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A seeding job: the five inputs of "initiate offline backup" (staging location, storage account,
 * container, subscription id and import job name, which is the job's name), the Azure location whose
 * datacenter receives the drives, the workloads to seed, the cloud connector that carries the job, when it
 * was created and its state.
 */
public record SeedingJob(
        String name,
        String stagingLocation,
        String storageAccount,
        String container,
        String subscriptionId,
        String location,
        List<WorkloadSpec> workloads,
        String connector,
        String sourceHost,
        Instant created,
        JobState state) {

    /** The embedded local cloud, used when a job names no connector. */
    public static final String DEFAULT_CONNECTOR = "local";

    public SeedingJob {
        workloads = workloads == null ? List.of() : List.copyOf(workloads);
        connector = connector == null || connector.isBlank() ? DEFAULT_CONNECTOR : connector;
        state = state == null ? JobState.DRAFT : state;
    }

    public SeedingJob withState(JobState newState) {
        return new SeedingJob(name, stagingLocation, storageAccount, container, subscriptionId, location, workloads,
                connector, sourceHost, created, newState);
    }

    /**
     * The job with another staging location (the folder a share's UNC path stands for, say).
     *
     * @since 1.1
     */
    public SeedingJob withStagingLocation(String newLocation) {
        return new SeedingJob(name, newLocation, storageAccount, container, subscriptionId, location, workloads,
                connector, sourceHost, created, state);
    }
}
