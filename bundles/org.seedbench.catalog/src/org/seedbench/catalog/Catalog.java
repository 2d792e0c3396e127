package org.seedbench.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.seedbench.core.model.Drive;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.IllegalTransitionException;
import org.seedbench.core.rules.InvalidInputException;

/**
 * The catalog of one data directory: jobs, drives, shipments, job properties and the append-only event log
 * (the chain of custody). Every change is one transaction and appends an event naming the actor; a change
 * that breaks a rule changes nothing.
 *
 * <p>Several processes may use one data directory: each operation takes the database for its own
 * duration only. When another process holds it for longer than a short wait, the operation fails with a
 * {@link CatalogException} naming that process.
 */
public interface Catalog extends AutoCloseable {

    /** The user and program a change is attributed to, e.g. {@code alice@copyhost (cli)}. */
    String actor();

    /**
     * Adds a job in state Draft after checking the rules of "initiate offline backup"
     * ({@link org.seedbench.core.rules.SeedRules#checkJob}) and that no job has the name.
     */
    SeedingJob createJob(SeedingJob job) throws InvalidInputException;

    Optional<SeedingJob> job(String name);

    /** Every job, oldest first. */
    List<SeedingJob> jobs();

    /**
     * Moves a job to another state, checked by {@link org.seedbench.core.rules.JobStates}. The change is made only if
     * the job is still in the state read when it started; when another change moved it meanwhile, nothing changes and
     * a {@link CatalogConflictException} says who moved it and when.
     *
     * @param detail why, for the event log
     * @throws IllegalTransitionException when the job's state does not lead to {@code to}
     * @throws java.util.NoSuchElementException when there is no such job
     */
    SeedingJob moveJob(String name, JobState to, String detail);

    /** Adds a drive to a job, or replaces the drive with the same serial. */
    Drive putDrive(Drive drive);

    List<Drive> drives(String jobName);

    /** Every drive of every job, for the rules that span jobs (one job per package). */
    List<Drive> allDrives();

    /**
     * Moves a drive to another state, checked by {@link org.seedbench.core.rules.DriveStates}; when another change
     * moved it since it was read, nothing changes and a {@link CatalogConflictException} says who and when.
     */
    Drive moveDrive(String jobName, String serial, DriveState to, String detail);

    /**
     * Records the job's shipment after checking {@link org.seedbench.core.rules.ShippingRules#checkShipment}
     * against every other job (unique tracking number, drives of this job only). Replaces an earlier one. The
     * shipment's return address and return shipping become the job's {@link #returnDetails return details}.
     */
    Shipment putShipment(Shipment shipment) throws InvalidInputException;

    /**
     * The job's shipment; its return address and carrier are the job's {@link #returnDetails return details}.
     */
    Optional<Shipment> shipment(String jobName);

    /**
     * Records (replaces) the job's return details: where the datacenter sends the drives back, the return carrier
     * and the account with it. {@link #putShipment} records its shipment's return details the same way.
     *
     * @throws java.util.NoSuchElementException when there is no such job
     */
    ReturnDetails putReturnDetails(String jobName, ReturnDetails details);

    /** The job's return details; empty when none were ever given. */
    Optional<ReturnDetails> returnDetails(String jobName);

    /** Sets (or with {@code null}, removes) properties of a job: statistics, cloud ids, timestamps. */
    void putJobProperties(String jobName, Map<String, String> properties);

    Map<String, String> jobProperties(String jobName);

    /** Appends an event to the job's log. */
    JobEvent recordEvent(String jobName, String kind, String detail);

    /** The job's events, oldest first. */
    List<JobEvent> events(String jobName);

    /** The schema version the catalog is at. */
    int schemaVersion();

    /**
     * Lets go of the database between operations: a catalog may keep it from one operation to the next while it is
     * open, and a caller about to do work that uses no catalog calls this first, so that other processes are not
     * kept waiting by it meanwhile. The next operation takes it again.
     *
     * @since 1.4
     */
    default void pause() {
    }

    @Override
    void close();

    /**
     * Replaces a job's inputs and workloads (its name, creation time and state stay), after checking the rules of
     * "initiate offline backup" ({@link org.seedbench.core.rules.SeedRules#checkJob}); an event names what changed.
     *
     * @return the job as now recorded
     * @throws java.util.NoSuchElementException when there is no such job
     * @since 1.3
     */
    SeedingJob updateJob(SeedingJob job) throws InvalidInputException;

    /**
     * Removes the job and every row that belongs to it: drives, shipment, return details, properties and workloads.
     * Its events stay in the catalog's append-only log (since 1.5; a shared catalog refuses to delete them), but are
     * no longer the events of any job: a new job of that name starts a chain of its own. The caller keeps the chain
     * of custody where people read it: it archives what this returns.
     *
     * @return the job's events as they were when it was removed, oldest first
     * @throws java.util.NoSuchElementException when there is no such job
     * @since 1.3
     */
    List<JobEvent> deleteJob(String name);

    /**
     * Moves a job from {@code from} to another state, checked by {@link org.seedbench.core.rules.JobStates}: only if it
     * is still in {@code from} (the state the caller showed or read), else nothing changes.
     *
     * @throws CatalogConflictException when the job is no longer in {@code from}: who moved it and when, in one line
     * @throws org.seedbench.core.rules.IllegalTransitionException when {@code from} does not lead to {@code to}
     * @throws java.util.NoSuchElementException when there is no such job
     * @since 1.5
     */
    SeedingJob moveJob(String name, JobState from, JobState to, String detail);

    /**
     * Checks the job's stored event chain: each event's place (1, 2, … without a gap), its hash over its fields and the
     * hash of the event before it.
     *
     * @throws java.util.NoSuchElementException when there is no such job
     * @since 1.5
     */
    EventChainCheck verifyEvents(String jobName);

    /**
     * Records the packs of a job's staged seed as free to claim, once: when the job has pack rows already (another
     * copy computer offered them first), nothing changes.
     *
     * @param packs the packs' paths in the staging repository
     * @return how many packs the job has rows for
     * @since 1.5
     */
    default int offerPacks(String jobName, java.util.Collection<String> packs) {
        throw new UnsupportedOperationException("this catalog keeps no pack leases");
    }

    /**
     * Claims packs for a drive of a copy computer, each by a conditional update of its row: a pack that is free,
     * whose claim expired before {@code now}, or that this computer claimed already is claimed for the drive until
     * {@code now + lease}; a pack another computer holds, or that is placed, is not. Two computers never win one
     * pack. An event names the computer, the drive and the packs taken over from a computer whose lease expired.
     *
     * @return the packs won, among {@code packs}
     * @since 1.5
     */
    default java.util.Set<String> claimPacks(String jobName, String computer, String driveSerial,
            java.util.Collection<String> packs, java.time.Instant now, java.time.Duration lease) {
        throw new UnsupportedOperationException("this catalog keeps no pack leases");
    }

    /**
     * Renews the claims of a copy computer on a job's packs until {@code now + lease} (its heartbeat while it
     * copies); a claim another computer took over meanwhile stays theirs.
     *
     * @return how many claims were renewed
     * @since 1.5
     */
    default int renewPackLeases(String jobName, String computer, java.time.Instant now, java.time.Duration lease) {
        throw new UnsupportedOperationException("this catalog keeps no pack leases");
    }

    /**
     * Marks packs placed on a finished drive, all or none: each must still be claimed (or placed) by this computer
     * for this drive. Placed packs never expire.
     *
     * @return whether they were placed; false when another computer took one of them over
     * @since 1.5
     */
    default boolean placePacks(String jobName, String computer, String driveSerial,
            java.util.Collection<String> packs) {
        throw new UnsupportedOperationException("this catalog keeps no pack leases");
    }

    /**
     * Frees the claims of a copy computer on packs it will not copy (a drive planned again, a run that stops); packs
     * placed, or held by another computer, are left alone.
     *
     * @return how many claims were freed
     * @since 1.5
     */
    default int releasePacks(String jobName, String computer, java.util.Collection<String> packs) {
        throw new UnsupportedOperationException("this catalog keeps no pack leases");
    }

    /**
     * The job's pack rows, by pack path; empty when no copy computer offered them.
     *
     * @since 1.5
     */
    default List<PackLease> packLeases(String jobName) {
        throw new UnsupportedOperationException("this catalog keeps no pack leases");
    }
}
