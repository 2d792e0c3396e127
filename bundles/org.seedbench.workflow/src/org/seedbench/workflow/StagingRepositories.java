package org.seedbench.workflow;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.seedbench.backup.RepositoryLayout;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.rules.WorkloadChecks;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.StagingProvider;
import org.seedbench.core.support.store.FilteredObjectStore;

/**
 * A job's staging repository, always through the {@link StagingProvider} that takes the job's staging location:
 * the provider opens it, says whether it is there and deletes it. Listings show the repository's own objects only.
 */
final class StagingRepositories {

    private StagingRepositories() {
    }

    /** The provider that takes the job's staging location. */
    static StagingProvider provider(SeedingJob job, List<StagingProvider> providers) throws InvalidInputException {
        return WorkloadChecks.stagingProvider(job.stagingLocation(), providers == null ? List.of() : providers)
                .orElseThrow(() -> new InvalidInputException(new Problem(SeedRules.STAGING, job.stagingLocation(),
                        "no staging provider handles this location", "a local folder, a mounted share or a UNC path")));
    }

    /** The job's staging repository, created when missing (staging writes it). */
    static ObjectStore open(SeedingJob job, List<StagingProvider> providers) throws InvalidInputException, IOException {
        return repository(provider(job, providers).open(job.stagingLocation(), job.name()));
    }

    /** The job's staging repository when its place exists; empty when there is none (nothing is created). */
    static Optional<ObjectStore> existing(SeedingJob job, List<StagingProvider> providers)
            throws InvalidInputException, IOException {
        StagingProvider provider = provider(job, providers);
        if (!provider.exists(job.stagingLocation(), job.name())) {
            return Optional.empty();
        }
        return Optional.of(repository(provider.open(job.stagingLocation(), job.name())));
    }

    /** Removes the job's staging repository through its provider. */
    static void delete(SeedingJob job, List<StagingProvider> providers) throws InvalidInputException, IOException {
        provider(job, providers).delete(job.stagingLocation(), job.name());
    }

    /** Where the job's staging repository is or would be, for messages: {@code <location>/<job>}. */
    static String place(SeedingJob job) {
        try {
            return Path.of(job.stagingLocation()).resolve(job.name()).toString();
        } catch (InvalidPathException e) {
            return job.stagingLocation() + "/" + job.name();
        }
    }

    /** Bytes of the repository's objects. */
    static long size(ObjectStore repository) throws IOException {
        long bytes = 0;
        for (String name : repository.list("")) {
            bytes += repository.size(name);
        }
        return bytes;
    }

    private static ObjectStore repository(ObjectStore store) {
        return FilteredObjectStore.of(store, RepositoryLayout::isObject);
    }
}
