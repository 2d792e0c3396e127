package org.seedbench.cloud.local.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.seedbench.cloud.local.internal.JobRecord.DriveRecord;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.rules.ShippingRules;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.DiskEncryptor;

/**
 * The simulated datacenter. It moves a job along by its clock (the service's, or a rehearsal's own) whenever the job is read, under the
 * job's lock (a reader that finds the lock taken, e.g. by a copy running in another process, gets the job as
 * last saved):
 * <ul>
 * <li>a job left in Creating for 14 days without shipping details expires;</li>
 * <li>shipped at Ts, it is Received at Ts + 1 day: each drive Received when it is attached where the job says,
 * else NeverReceived;</li>
 * <li>at Ts + 2 days it is Transferring and the copy runs, in that call ({@link DriveImport}), saving each
 * drive's progress as it goes; on the job's clock the copy ends when the largest drive has been read at the
 * job's drive read speed ({@link ImportJobRequest#DRIVE_READ_BYTES_PER_SECOND}, else
 * {@value #DEFAULT_DRIVE_READ_BYTES_PER_SECOND} bytes a second), however fast the real copy was;</li>
 * <li>Packaging a day after the copy ends, Completed (or CompletedWithErrors when a drive was not received or
 * not imported whole) a day later, and Closed, its drives ShippedBack, three days after that.</li>
 * </ul>
 */
public final class Datacenter {
    /** How fast the simulated datacenter reads a drive unless the job says otherwise: 150 MB a second. */
    public static final long DEFAULT_DRIVE_READ_BYTES_PER_SECOND = 150_000_000L;
    /** The storage account's containers, where the blobs and logs go. */
    public interface Storage {
        ObjectStore container(String account, String container) throws IOException;
    }

    private final JobStore jobs;
    private final ServiceClock clock;
    private final List<DiskEncryptor> encryptors;
    private final Storage storage;

    public Datacenter(JobStore jobs, ServiceClock clock, List<DiskEncryptor> encryptors, Storage storage) {
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
        boolean changed = false;
        while (next(job)) {
            changed = true;
        }
        return changed;
    }

    /** Takes the job one state further when its time has come; whether it did. */
    private boolean next(JobRecord job) throws IOException {
        Instant now = clock.forJob(job).instant();
        switch (job.jobState()) {
            case CREATING -> {
                if (ShippingRules.deadline(job.createdAt(), now).expired()) {
                    job.state = JobState.EXPIRED.label();
                    return true;
                }
            }
            case SHIPPING -> {
                if (due(job.shipped, 1, now)) {
                    receive(job);
                    return true;
                }
            }
            case RECEIVED -> {
                if (due(job.shipped, 2, now)) {
                    transfer(job);
                    return true;
                }
            }
            case TRANSFERRING -> {
                if (job.transferEnded == null) {
                    transfer(job); // a copy cut short (the process was killed): the datacenter starts it again
                    return true;
                }
                if (due(job.transferEnded, 1, now)) {
                    job.state = JobState.PACKAGING.label();
                    return true;
                }
            }
            case PACKAGING -> {
                if (due(job.transferEnded, 2, now)) {
                    boolean clean = job.drives.stream().allMatch(d -> DriveLog.COMPLETED.equals(d.logStatus));
                    job.state = (clean ? JobState.COMPLETED : JobState.COMPLETED_WITH_ERRORS).label();
                    return true;
                }
            }
            case COMPLETED, COMPLETED_WITH_ERRORS -> {
                if (due(job.transferEnded, 5, now)) {
                    job.state = JobState.CLOSED.label();
                    for (DriveRecord d : job.drives) {
                        if (d.driveState() != DriveState.NEVER_RECEIVED) {
                            d.state = DriveState.SHIPPED_BACK.label();
                        }
                    }
                    return true;
                }
            }
            default -> {
                return false;
            }
        }
        return false;
    }

    private static boolean due(String since, int days, Instant now) {
        return !now.isBefore(Instant.parse(since).plus(Duration.ofDays(days)));
    }

    private static void receive(JobRecord job) {
        job.state = JobState.RECEIVED.label();
        for (DriveRecord d : job.drives) {
            d.state = (DriveImport.arrived(d) ? DriveState.RECEIVED : DriveState.NEVER_RECEIVED).label();
        }
    }

    private void transfer(JobRecord job) throws IOException {
        Instant start = clock.forJob(job).instant();
        job.state = JobState.TRANSFERRING.label();
        job.transferEnded = null;
        job.bytesCopied = 0;
        jobs.write(job);
        for (DriveRecord d : job.drives) {
            if (d.driveState() == DriveState.NEVER_RECEIVED) {
                continue;
            }
            new DriveImport(job, d, encryptors, storage, () -> jobs.write(job)).run(clock.forJob(job).instant());
            job.bytesCopied = job.drives.stream().mapToLong(x -> x.bytesCopied).sum();
        }
        long largest = job.drives.stream().filter(d -> d.driveState() != DriveState.NEVER_RECEIVED)
                .mapToLong(d -> d.totalBytes).max().orElse(0);
        Instant read = start.plusNanos((long) (largest * 1e9 / driveReadRate(job)));
        Instant now = clock.forJob(job).instant();
        job.transferEnded = (read.isAfter(now) ? read : now).toString();
        jobs.write(job);
    }

    /** The job's drive read speed in bytes a second. */
    static double driveReadRate(JobRecord job) {
        String value = job.options.get(ImportJobRequest.DRIVE_READ_BYTES_PER_SECOND);
        if (value != null) {
            try {
                double rate = Double.parseDouble(value.strip());
                if (rate > 0) {
                    return rate;
                }
            } catch (NumberFormatException e) {
                // the default
            }
        }
        return DEFAULT_DRIVE_READ_BYTES_PER_SECOND;
    }
}
