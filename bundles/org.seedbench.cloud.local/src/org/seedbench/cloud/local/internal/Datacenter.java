package org.seedbench.cloud.local.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.seedbench.core.model.JobState;
import org.seedbench.core.rules.ShippingRules;
import org.seedbench.core.spi.CloudConnector.BlobContainer;
import org.seedbench.core.spi.DiskEncryptor;

/**
 * The simulated datacenter. It moves a job along by the service clock whenever the job is read, under the
 * job's lock (a reader that finds the lock taken, e.g. by a copy running in another process, gets the job as
 * last saved):
 * a job left in Creating for 14 days without shipping details expires.
 */
public final class Datacenter {
    /** The storage account's containers, where the blobs and logs go. */
    public interface Storage {
        BlobContainer container(String account, String container) throws IOException;
    }

    private final JobStore jobs;
    private final Clock clock;
    private final List<DiskEncryptor> encryptors;
    private final Storage storage;

    public Datacenter(JobStore jobs, Clock clock, List<DiskEncryptor> encryptors, Storage storage) {
        this.jobs = jobs;
        this.clock = clock;
        this.encryptors = encryptors;
        this.storage = storage;
    }

    /** The job, moved along to the service's present; empty when there is no such job. */
    public Optional<JobRecord> advance(String subscription, String name) throws IOException {
        if (jobs.read(subscription, name).isEmpty()) {
            return Optional.empty();
        }
        Optional<FileLock> lock = FileLock.tryAcquire(jobs.lockFile(subscription, name));
        if (lock.isEmpty()) {
            return jobs.read(subscription, name);
        }
        try (FileLock held = lock.get()) {
            Optional<JobRecord> job = jobs.read(subscription, name);
            if (job.isPresent() && step(job.get())) {
                jobs.write(job.get());
            }
            return job;
        }
    }

    /** Moves the job as far as the clock says; whether it changed. */
    private boolean step(JobRecord job) throws IOException {
        Instant now = clock.instant();
        if (job.jobState() == JobState.CREATING && ShippingRules.deadline(job.createdAt(), now).expired()) {
            job.state = JobState.EXPIRED.label();
            return true;
        }
        return false;
    }
}
