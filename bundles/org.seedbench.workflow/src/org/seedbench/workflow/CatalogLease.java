package org.seedbench.workflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.EventChainCheck;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;

/** A {@link Workspace}'s catalog session lent to one step: closing the lease leaves the session open. */
final class CatalogLease implements Catalog {
    private final Catalog session;

    CatalogLease(Catalog session) {
        this.session = session;
    }

    @Override
    public String actor() {
        return session.actor();
    }

    @Override
    public SeedingJob createJob(SeedingJob job) throws InvalidInputException {
        return session.createJob(job);
    }

    @Override
    public Optional<SeedingJob> job(String name) {
        return session.job(name);
    }

    @Override
    public List<SeedingJob> jobs() {
        return session.jobs();
    }

    @Override
    public SeedingJob moveJob(String name, JobState to, String detail) {
        return session.moveJob(name, to, detail);
    }

    @Override
    public Drive putDrive(Drive drive) {
        return session.putDrive(drive);
    }

    @Override
    public List<Drive> drives(String jobName) {
        return session.drives(jobName);
    }

    @Override
    public List<Drive> allDrives() {
        return session.allDrives();
    }

    @Override
    public Drive moveDrive(String jobName, String serial, DriveState to, String detail) {
        return session.moveDrive(jobName, serial, to, detail);
    }

    @Override
    public Shipment putShipment(Shipment shipment) throws InvalidInputException {
        return session.putShipment(shipment);
    }

    @Override
    public Optional<Shipment> shipment(String jobName) {
        return session.shipment(jobName);
    }

    @Override
    public ReturnDetails putReturnDetails(String jobName, ReturnDetails details) {
        return session.putReturnDetails(jobName, details);
    }

    @Override
    public Optional<ReturnDetails> returnDetails(String jobName) {
        return session.returnDetails(jobName);
    }

    @Override
    public void putJobProperties(String jobName, Map<String, String> properties) {
        session.putJobProperties(jobName, properties);
    }

    @Override
    public Map<String, String> jobProperties(String jobName) {
        return session.jobProperties(jobName);
    }

    @Override
    public JobEvent recordEvent(String jobName, String kind, String detail) {
        return session.recordEvent(jobName, kind, detail);
    }

    @Override
    public List<JobEvent> events(String jobName) {
        return session.events(jobName);
    }

    @Override
    public int schemaVersion() {
        return session.schemaVersion();
    }

    /**
     * Gives the session back; it stays open until the workspace closes, but lets go of the database file until its
     * next operation (the caller's group of operations is done, and what follows may be long work without the
     * catalog, during which other processes must not wait for this one).
     */
    @Override
    public void close() {
        session.pause();
    }

    @Override
    public void pause() {
        session.pause();
    }

    @Override
    public SeedingJob updateJob(SeedingJob job) throws InvalidInputException {
        return session.updateJob(job);
    }

    @Override
    public List<JobEvent> deleteJob(String name) {
        return session.deleteJob(name);
    }

    @Override
    public SeedingJob moveJob(String name, JobState from, JobState to, String detail) {
        return session.moveJob(name, from, to, detail);
    }

    @Override
    public EventChainCheck verifyEvents(String jobName) {
        return session.verifyEvents(jobName);
    }

    @Override
    public int offerPacks(String jobName, java.util.Collection<String> packs) {
        return session.offerPacks(jobName, packs);
    }

    @Override
    public java.util.Set<String> claimPacks(String jobName, String computer, String driveSerial,
            java.util.Collection<String> packs, java.time.Instant now, java.time.Duration lease) {
        return session.claimPacks(jobName, computer, driveSerial, packs, now, lease);
    }

    @Override
    public int renewPackLeases(String jobName, String computer, java.time.Instant now, java.time.Duration lease) {
        return session.renewPackLeases(jobName, computer, now, lease);
    }

    @Override
    public boolean placePacks(String jobName, String computer, String driveSerial,
            java.util.Collection<String> packs) {
        return session.placePacks(jobName, computer, driveSerial, packs);
    }

    @Override
    public int releasePacks(String jobName, String computer, java.util.Collection<String> packs) {
        return session.releasePacks(jobName, computer, packs);
    }

    @Override
    public List<org.seedbench.catalog.PackLease> packLeases(String jobName) {
        return session.packLeases(jobName);
    }
}
