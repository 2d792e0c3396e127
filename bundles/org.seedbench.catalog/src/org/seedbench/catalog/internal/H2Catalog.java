package org.seedbench.catalog.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogConflictException;
import org.seedbench.catalog.CatalogException;
import org.seedbench.catalog.EventChainCheck;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.events.Topics;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.DriveStates;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.JobStates;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.rules.ShippingRules;

/**
 * The catalog of one data directory, kept in H2. Each method is one transaction on a connection of its own
 * (see {@link CatalogDatabase}); each change appends its event in that same transaction and, once committed,
 * is announced to the {@link ChangeListener}.
 *
 * <p>Event kinds: {@code job.created}, {@code job.state}, {@code drive.added}, {@code drive.updated},
 * {@code drive.state}, {@code shipment.updated}, {@code job.return}, {@code job.properties}, and whatever callers
 * record.
 */
final class H2Catalog implements Catalog {
    private static final String JOB_COLUMNS = "name, staging_location, storage_account, container_name, "
            + "subscription_id, location, connector, source_host, created, state";
    private static final String DRIVE_COLUMNS = "job_name, serial, model, transport, media_type, capacity_bytes, "
            + "used_bytes, encryptor, key_protector_ref, manifest_file, manifest_hash, state, percent_copied";
    private static final String SHIPMENT_COLUMNS = "job_name, carrier, tracking_number, ship_date";
    private static final String RETURN_COLUMNS = "recipient_name, street_address1, street_address2, city, "
            + "state_or_province, postal_code, country_or_region, phone, email, legacy_text, return_carrier, "
            + "return_carrier_account";

    /** Hears of committed changes, with the topic and properties of {@link Topics}. */
    @FunctionalInterface
    interface ChangeListener {
        void changed(String topic, Map<String, Object> properties);
    }

    private final CatalogStore database;
    private final String actor;
    private final ChangeListener listener;
    private volatile boolean closed;

    H2Catalog(CatalogStore database, String actor, ChangeListener listener) {
        this.database = database;
        this.actor = actor;
        this.listener = listener;
    }

    @Override
    public String actor() {
        return actor;
    }

    @Override
    public SeedingJob createJob(SeedingJob job) throws InvalidInputException {
        Objects.requireNonNull(job, "job");
        InvalidInputException.throwIfAny(SeedRules.checkJob(job));
        SeedingJob created = new SeedingJob(job.name(), job.stagingLocation(), job.storageAccount(), job.container(),
                job.subscriptionId(), job.location(), job.workloads(), job.connector(), job.sourceHost(),
                database.dialect().kept(job.created() == null ? Instant.now() : job.created()), JobState.DRAFT);
        inTransaction(c -> {
            if (findJob(c, created.name(), false).isPresent()) {
                throw duplicateName(created.name());
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO jobs (" + JOB_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, created.name());
                ps.setString(2, created.stagingLocation());
                ps.setString(3, created.storageAccount());
                ps.setString(4, created.container());
                ps.setString(5, created.subscriptionId());
                ps.setString(6, created.location());
                ps.setString(7, created.connector());
                ps.setString(8, created.sourceHost());
                ps.setObject(9, timestamp(created.created()));
                ps.setString(10, created.state().name());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (Dialect.isDuplicate(e)) {
                    throw duplicateName(created.name());
                }
                throw e;
            }
            insertWorkloads(c, created.name(), created.workloads());
            appendEvent(c, created.name(), "job.created", "job " + created.name() + " created for storage account "
                    + created.storageAccount() + ", container " + created.container() + " in " + created.location());
            return created;
        });
        announce(Topics.JOB_CREATED, created.name(), null, created.state().label());
        return created;
    }

    @Override
    public Optional<SeedingJob> job(String name) {
        Objects.requireNonNull(name, "name");
        return inTransaction(c -> findJob(c, name, false));
    }

    @Override
    public List<SeedingJob> jobs() {
        return inTransaction(c -> {
            List<SeedingJob> jobs = new ArrayList<>();
            Map<String, List<WorkloadSpec>> workloads = readWorkloads(c, null);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + JOB_COLUMNS + " FROM jobs ORDER BY created, seq");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    jobs.add(readJob(rs, workloads));
                }
            }
            return List.copyOf(jobs);
        });
    }

    @Override
    public SeedingJob moveJob(String name, JobState to, String detail) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(to, "to");
        return moveJob(name, null, to, detail);
    }

    @Override
    public SeedingJob moveJob(String name, JobState from, JobState to, String detail) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(to, "to");
        SeedingJob moved = inTransaction(c -> {
            SeedingJob job = findJob(c, name, false).orElseThrow(() -> noJob(name));
            JobState expected = from == null ? job.state() : from;
            JobStates.checkMove(name, expected, to);
            // only from the state read: a change that came first (another admin's) makes this one change nothing
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state = ? WHERE name = ? AND state = ?")) {
                ps.setString(1, to.name());
                ps.setString(2, name);
                ps.setString(3, expected.name());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                throw jobConflict(c, name);
            }
            appendEvent(c, name, "job.state", withDetail(expected.label() + " → " + to.label(), detail));
            return job.withState(to);
        });
        announce(Topics.JOB_STATE, name, null, to.label());
        return moved;
    }

    /** The conflict of a change to a job another change came before: its state now, who moved it there and when. */
    private CatalogConflictException jobConflict(Connection c, String name) throws SQLException {
        SeedingJob now = findJob(c, name, false).orElseThrow(() -> noJob(name));
        return new CatalogConflictException("job " + name + " changed to " + now.state().label()
                + lastChange(c, name, "job.state", null) + ": refresh and try again");
    }

    /** " by ACTOR at TIME" of the job's last event of {@code kind} (whose detail starts so), or "". */
    private static String lastChange(Connection c, String jobName, String kind, String detailPrefix)
            throws SQLException {
        List<JobEvent> events = readEvents(c, jobName);
        for (int i = events.size() - 1; i >= 0; i--) {
            JobEvent e = events.get(i);
            if (e.kind().equals(kind) && (detailPrefix == null || Objects.toString(e.detail(), "")
                    .startsWith(detailPrefix))) {
                return " by " + e.actor() + " at " + e.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            }
        }
        return "";
    }

    @Override
    public Drive putDrive(Drive drive) {
        Objects.requireNonNull(drive, "drive");
        Objects.requireNonNull(drive.jobName(), "drive.jobName");
        if (drive.serial() == null || drive.serial().isBlank()) {
            throw new IllegalArgumentException("drive of job " + drive.jobName() + " has no serial number; "
                    + "give the serial the copy computer reports");
        }
        inTransaction(c -> {
            requireJob(c, drive.jobName());
            boolean exists = findDrive(c, drive.jobName(), drive.serial(), true).isPresent();
            String sql = exists
                    ? "UPDATE drives SET model = ?, transport = ?, media_type = ?, capacity_bytes = ?, used_bytes = ?, "
                            + "encryptor = ?, key_protector_ref = ?, manifest_file = ?, manifest_hash = ?, state = ?, "
                            + "percent_copied = ? WHERE job_name = ? AND serial = ?"
                    : "INSERT INTO drives (model, transport, media_type, capacity_bytes, used_bytes, encryptor, "
                            + "key_protector_ref, manifest_file, manifest_hash, state, percent_copied, job_name, "
                            + "serial) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, drive.model());
                ps.setString(2, drive.transport());
                ps.setString(3, drive.mediaType());
                ps.setLong(4, drive.capacityBytes());
                ps.setLong(5, drive.usedBytes());
                ps.setString(6, drive.encryptor());
                ps.setString(7, drive.keyProtectorRef());
                ps.setString(8, drive.manifestFile());
                ps.setString(9, drive.manifestHash());
                ps.setString(10, drive.state().name());
                ps.setInt(11, drive.percentCopied());
                ps.setString(12, drive.jobName());
                ps.setString(13, drive.serial());
                ps.executeUpdate();
            }
            appendEvent(c, drive.jobName(), exists ? "drive.updated" : "drive.added", "drive " + drive.serial()
                    + (exists ? " updated: " : " added: ") + describe(drive));
            return drive;
        });
        announce(Topics.DRIVE_STATE, drive.jobName(), drive.serial(), drive.state().label());
        return drive;
    }

    @Override
    public List<Drive> drives(String jobName) {
        Objects.requireNonNull(jobName, "jobName");
        return inTransaction(c -> readDrives(c, "SELECT " + DRIVE_COLUMNS + " FROM drives WHERE job_name = ? "
                + "ORDER BY seq", jobName));
    }

    @Override
    public List<Drive> allDrives() {
        return inTransaction(c -> readDrives(c, "SELECT d." + DRIVE_COLUMNS.replace(", ", ", d.")
                + " FROM drives d JOIN jobs j ON j.name = d.job_name ORDER BY j.created, j.seq, d.seq"));
    }

    @Override
    public Drive moveDrive(String jobName, String serial, DriveState to, String detail) {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(to, "to");
        Drive moved = inTransaction(c -> {
            requireJob(c, jobName);
            Drive drive = findDrive(c, jobName, serial, false).orElseThrow(
                    () -> new NoSuchElementException("job " + jobName + " has no drive " + serial));
            DriveStates.checkMove(serial, drive.state(), to);
            int updated;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE drives SET state = ? WHERE job_name = ? AND serial = ? AND state = ?")) {
                ps.setString(1, to.name());
                ps.setString(2, jobName);
                ps.setString(3, serial);
                ps.setString(4, drive.state().name());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                Drive now = findDrive(c, jobName, serial, false).orElseThrow(
                        () -> new NoSuchElementException("job " + jobName + " has no drive " + serial));
                throw new CatalogConflictException("drive " + serial + " of job " + jobName + " changed to "
                        + now.state().label() + lastChange(c, jobName, "drive.state", "drive " + serial + ":")
                        + ": refresh and try again");
            }
            appendEvent(c, jobName, "drive.state",
                    withDetail("drive " + serial + ": " + drive.state().label() + " → " + to.label(), detail));
            return new Drive(drive.jobName(), drive.serial(), drive.model(), drive.transport(), drive.mediaType(),
                    drive.capacityBytes(), drive.usedBytes(), drive.encryptor(), drive.keyProtectorRef(),
                    drive.manifestFile(), drive.manifestHash(), to, drive.percentCopied());
        });
        announce(Topics.DRIVE_STATE, jobName, serial, to.label());
        return moved;
    }

    @Override
    public Shipment putShipment(Shipment shipment) throws InvalidInputException {
        Objects.requireNonNull(shipment, "shipment");
        String jobName = Objects.requireNonNull(shipment.jobName(), "shipment.jobName");
        inTransaction(c -> {
            requireJob(c, jobName);
            List<String> jobSerials = strings(c, "SELECT serial FROM drives WHERE job_name = ? ORDER BY seq", jobName);
            List<String> otherTracking = strings(c,
                    "SELECT tracking_number FROM shipments WHERE job_name <> ? ORDER BY job_name", jobName);
            List<String> otherSerials = new ArrayList<>(strings(c,
                    "SELECT DISTINCT serial FROM drives WHERE job_name <> ? ORDER BY serial", jobName));
            // a drive listed under this job too (a drive used again) is this job's drive
            otherSerials.removeAll(jobSerials);
            InvalidInputException.throwIfAny(
                    ShippingRules.checkShipment(shipment, jobSerials, otherTracking, otherSerials));
            boolean exists = !strings(c, "SELECT job_name FROM shipments WHERE job_name = ? FOR UPDATE", jobName)
                    .isEmpty();
            String sql = exists
                    ? "UPDATE shipments SET carrier = ?, tracking_number = ?, ship_date = ? WHERE job_name = ?"
                    : "INSERT INTO shipments (carrier, tracking_number, ship_date, job_name) VALUES (?, ?, ?, ?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, shipment.carrier());
                ps.setString(2, shipment.trackingNumber());
                if (shipment.shipDate() == null) {
                    ps.setNull(3, Types.DATE);
                } else {
                    ps.setObject(3, shipment.shipDate());
                }
                ps.setString(4, jobName);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (Dialect.isDuplicate(e)) {
                    throw new InvalidInputException(new Problem(ShippingRules.TRACKING, shipment.trackingNumber(),
                            "already belongs to another job", "a tracking number that belongs to this job only"));
                }
                throw e;
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM shipment_drives WHERE job_name = ?")) {
                ps.setString(1, jobName);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO shipment_drives (job_name, list_index, serial) VALUES (?, ?, ?)")) {
                for (int i = 0; i < shipment.driveSerials().size(); i++) {
                    ps.setString(1, jobName);
                    ps.setInt(2, i);
                    ps.setString(3, shipment.driveSerials().get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<String> serials = shipment.driveSerials();
            String drives = serials.size() + (serials.size() == 1 ? " drive" : " drives")
                    + (serials.isEmpty() ? "" : " (" + String.join(", ", serials) + ")");
            writeReturnDetails(c, jobName, new ReturnDetails(shipment.returnAddress(), shipment.returnShipping()));
            appendEvent(c, jobName, "shipment.updated", "shipment " + (exists ? "updated" : "recorded") + ": "
                    + shipment.carrier() + " " + shipment.trackingNumber() + ", " + drives);
            return shipment;
        });
        announce(Topics.SHIPMENT, jobName, null, null);
        return shipment;
    }

    @Override
    public Optional<Shipment> shipment(String jobName) {
        Objects.requireNonNull(jobName, "jobName");
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + SHIPMENT_COLUMNS + " FROM shipments WHERE job_name = ?")) {
                ps.setString(1, jobName);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    ReturnDetails returns = readReturnDetails(c, jobName).orElse(ReturnDetails.NONE);
                    return Optional.of(new Shipment(rs.getString("job_name"), rs.getString("carrier"),
                            rs.getString("tracking_number"), rs.getObject("ship_date", LocalDate.class),
                            strings(c, "SELECT serial FROM shipment_drives WHERE job_name = ? ORDER BY list_index",
                                    jobName),
                            returns.address(), returns.shipping()));
                }
            }
        });
    }

    @Override
    public ReturnDetails putReturnDetails(String jobName, ReturnDetails details) {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(details, "details");
        inTransaction(c -> {
            requireJob(c, jobName);
            writeReturnDetails(c, jobName, details);
            return null;
        });
        announce(Topics.JOB_EVENT, jobName, null, null);
        return details;
    }

    @Override
    public Optional<ReturnDetails> returnDetails(String jobName) {
        Objects.requireNonNull(jobName, "jobName");
        return inTransaction(c -> readReturnDetails(c, jobName));
    }

    /** Replaces the job's return details, with an event when they changed. */
    private void writeReturnDetails(Connection c, String jobName, ReturnDetails details) throws SQLException {
        Optional<ReturnDetails> before = readReturnDetails(c, jobName);
        if (before.isPresent() && before.get().equals(details)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM job_returns WHERE job_name = ?")) {
            ps.setString(1, jobName);
            ps.executeUpdate();
        }
        ReturnAddress a = details.address();
        ReturnShipping r = details.shipping();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_returns (job_name, " + RETURN_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            String[] values = {jobName, a.recipientName(), a.streetAddress1(), a.streetAddress2(), a.city(),
                    a.stateOrProvince(), a.postalCode(), a.countryOrRegion(), a.phone(), a.email(), a.legacyText(),
                    r.carrierName(), r.carrierAccountNumber()};
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
        String address = a.oneLine();
        appendEvent(c, jobName, "job.return", "return details " + (before.isPresent() ? "updated" : "recorded")
                + ": " + (address.isEmpty() ? "no address" : address)
                + (a.legacyText() != null && a.recipientName() == null ? " (free text of an older Seedbench)" : "")
                + "; return carrier " + Objects.toString(r.carrierName(), "not given")
                + (r.carrierAccountNumber() == null ? ", no account" : ", account " + r.carrierAccountNumber()));
    }

    private static Optional<ReturnDetails> readReturnDetails(Connection c, String jobName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + RETURN_COLUMNS + " FROM job_returns WHERE job_name = ?")) {
            ps.setString(1, jobName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ReturnDetails(new ReturnAddress(rs.getString("recipient_name"),
                        rs.getString("street_address1"), rs.getString("street_address2"), rs.getString("city"),
                        rs.getString("state_or_province"), rs.getString("postal_code"),
                        rs.getString("country_or_region"), rs.getString("phone"), rs.getString("email"),
                        rs.getString("legacy_text")),
                        new ReturnShipping(rs.getString("return_carrier"), rs.getString("return_carrier_account"))));
            }
        }
    }

    @Override
    public void putJobProperties(String jobName, Map<String, String> properties) {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(properties, "properties");
        if (properties.isEmpty()) {
            return;
        }
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException("a property of job " + jobName + " has no key; name every property");
            }
            sorted.put(e.getKey(), e.getValue());
        }
        inTransaction(c -> {
            findJob(c, jobName, true).orElseThrow(() -> noJob(jobName));
            List<String> set = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                if (e.getValue() == null) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "DELETE FROM job_properties WHERE job_name = ? AND prop_key = ?")) {
                        ps.setString(1, jobName);
                        ps.setString(2, e.getKey());
                        ps.executeUpdate();
                    }
                    removed.add(e.getKey());
                } else {
                    // update, else insert: plain SQL both databases run; the job's row lock keeps them in turn
                    int updated;
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE job_properties SET prop_value = ? WHERE job_name = ? AND prop_key = ?")) {
                        ps.setString(1, e.getValue());
                        ps.setString(2, jobName);
                        ps.setString(3, e.getKey());
                        updated = ps.executeUpdate();
                    }
                    if (updated == 0) {
                        try (PreparedStatement ps = c.prepareStatement(
                                "INSERT INTO job_properties (job_name, prop_key, prop_value) VALUES (?, ?, ?)")) {
                            ps.setString(1, jobName);
                            ps.setString(2, e.getKey());
                            ps.setString(3, e.getValue());
                            ps.executeUpdate();
                        }
                    }
                    set.add(e.getKey());
                }
            }
            String detail = (set.isEmpty() ? "" : "set " + String.join(", ", set))
                    + (!set.isEmpty() && !removed.isEmpty() ? "; " : "")
                    + (removed.isEmpty() ? "" : "removed " + String.join(", ", removed));
            appendEvent(c, jobName, "job.properties", "properties " + detail);
            return null;
        });
        announce(Topics.JOB_EVENT, jobName, null, null);
    }

    @Override
    public Map<String, String> jobProperties(String jobName) {
        Objects.requireNonNull(jobName, "jobName");
        return inTransaction(c -> {
            Map<String, String> properties = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT prop_key, prop_value FROM job_properties WHERE job_name = ? ORDER BY prop_key")) {
                ps.setString(1, jobName);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        properties.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return Collections.unmodifiableMap(properties);
        });
    }

    @Override
    public JobEvent recordEvent(String jobName, String kind, String detail) {
        Objects.requireNonNull(jobName, "jobName");
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("an event of job " + jobName + " has no kind; give one such as "
                    + "stage.finished");
        }
        JobEvent event = inTransaction(c -> {
            requireJob(c, jobName);
            return appendEvent(c, jobName, kind, detail);
        });
        announce(Topics.JOB_EVENT, jobName, null, null);
        return event;
    }

    @Override
    public List<JobEvent> events(String jobName) {
        Objects.requireNonNull(jobName, "jobName");
        return inTransaction(c -> readEvents(c, jobName));
    }

    private static List<JobEvent> readEvents(Connection c, String jobName) throws SQLException {
        return readChain(c, jobName).stream().map(EventLog.Stored::event).toList();
    }

    /** The events of the job now named {@code jobName} (not those of a deleted job of that name), in chain order. */
    private static List<EventLog.Stored> readChain(Connection c, String jobName) throws SQLException {
        List<EventLog.Stored> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT e.id, e.job_name, e.event_time, e.actor, e.kind, "
                + "e.detail, e.chain_seq, e.prev_hash, e.hash FROM events e JOIN jobs j ON j.seq = e.job_seq "
                + "WHERE j.name = ? ORDER BY e.chain_seq")) {
            ps.setString(1, jobName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new EventLog.Stored(new JobEvent(rs.getLong(1), rs.getString(2), instant(rs, 3),
                            rs.getString(4), rs.getString(5), rs.getString(6)), rs.getLong(7), rs.getString(8),
                            rs.getString(9)));
                }
            }
        }
        return List.copyOf(events);
    }

    @Override
    public int schemaVersion() {
        ensureOpen();
        return database.schemaVersion();
    }

    @Override
    public void pause() {
        database.letGo();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            database.release();
        }
    }

    private <T, X extends Exception> T inTransaction(CatalogDatabase.Work<T, X> work) throws X {
        ensureOpen();
        return database.inTransaction(work);
    }

    private void ensureOpen() {
        if (closed) {
            throw new CatalogException("catalog in " + database.where() + " is closed; open it again");
        }
    }

    private void announce(String topic, String job, String drive, String state) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(Topics.JOB, job);
        if (drive != null) {
            properties.put(Topics.DRIVE, drive);
        }
        if (state != null) {
            properties.put(Topics.STATE, state);
        }
        listener.changed(topic, Collections.unmodifiableMap(properties));
    }

    /**
     * Appends an event to the job's chain ({@link EventLog}), under the job's row lock so that no other append takes
     * its place meanwhile.
     */
    private JobEvent appendEvent(Connection c, String jobName, String kind, String detail) throws SQLException {
        long jobSeq = lockJob(c, jobName);
        EventLog.Link last = EventLog.last(c, jobSeq, jobName);
        JobEvent event = new JobEvent(EventLog.nextId(c, database.dialect()), jobName,
                database.dialect().kept(Instant.now()), actor, kind, detail);
        String hash = EventLog.hash(last.seq() + 1, event, last.hash());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (id, job_name, event_time, actor, kind, "
                + "detail, job_seq, chain_seq, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, event.id());
            ps.setString(2, jobName);
            ps.setObject(3, timestamp(event.time()));
            ps.setString(4, actor);
            ps.setString(5, kind);
            ps.setString(6, detail);
            ps.setLong(7, jobSeq);
            ps.setLong(8, last.seq() + 1);
            ps.setString(9, last.hash());
            ps.setString(10, hash);
            ps.executeUpdate();
        }
        return event;
    }

    /** Locks the job's row for this transaction and returns its seq. */
    private long lockJob(Connection c, String jobName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq FROM jobs WHERE name = ? " + database.dialect().rowLock())) {
            ps.setString(1, jobName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw noJob(jobName);
                }
                return rs.getLong(1);
            }
        }
    }

    private Optional<SeedingJob> findJob(Connection c, String name, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + JOB_COLUMNS + " FROM jobs WHERE name = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readJob(rs, readWorkloads(c, name))) : Optional.empty();
            }
        }
    }

    private void requireJob(Connection c, String name) throws SQLException {
        if (strings(c, "SELECT name FROM jobs WHERE name = ?", name).isEmpty()) {
            throw noJob(name);
        }
    }

    /** The job of the current row, with its workloads taken from {@code workloads} (by job name). */
    private static SeedingJob readJob(ResultSet rs, Map<String, List<WorkloadSpec>> workloads) throws SQLException {
        String name = rs.getString("name");
        return new SeedingJob(name, rs.getString("staging_location"), rs.getString("storage_account"),
                rs.getString("container_name"), rs.getString("subscription_id"), rs.getString("location"),
                workloads.getOrDefault(name, List.of()), rs.getString("connector"), rs.getString("source_host"),
                instant(rs, "created"), JobState.valueOf(rs.getString("state")));
    }

    private static void insertWorkloads(Connection c, String jobName, List<WorkloadSpec> workloads)
            throws SQLException {
        try (PreparedStatement w = c.prepareStatement(
                "INSERT INTO job_workloads (job_name, list_index, source_id, target) VALUES (?, ?, ?, ?)");
                PreparedStatement o = c.prepareStatement("INSERT INTO job_workload_options "
                        + "(job_name, list_index, opt_key, opt_value) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < workloads.size(); i++) {
                WorkloadSpec spec = workloads.get(i);
                w.setString(1, jobName);
                w.setInt(2, i);
                w.setString(3, spec.sourceId());
                w.setString(4, spec.target());
                w.executeUpdate();
                for (Map.Entry<String, String> option : spec.options().entrySet()) {
                    o.setString(1, jobName);
                    o.setInt(2, i);
                    o.setString(3, option.getKey());
                    o.setString(4, option.getValue());
                    o.addBatch();
                }
            }
            o.executeBatch();
        }
    }

    /** The workloads of job {@code jobName}, or of every job when it is {@code null}, in order, by job name. */
    private static Map<String, List<WorkloadSpec>> readWorkloads(Connection c, String jobName) throws SQLException {
        Map<String, List<WorkloadSpec>> workloads = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT w.job_name, w.list_index, w.source_id, w.target, "
                + "o.opt_key, o.opt_value FROM job_workloads w LEFT JOIN job_workload_options o "
                + "ON o.job_name = w.job_name AND o.list_index = w.list_index"
                + (jobName == null ? "" : " WHERE w.job_name = ?") + " ORDER BY w.job_name, w.list_index, o.opt_key")) {
            if (jobName != null) {
                ps.setString(1, jobName);
            }
            try (ResultSet rs = ps.executeQuery()) {
                String job = null;
                int index = -1;
                String source = null;
                String target = null;
                Map<String, String> options = new TreeMap<>();
                while (rs.next()) {
                    if (!rs.getString(1).equals(job) || rs.getInt(2) != index) {
                        if (job != null) {
                            workloads.computeIfAbsent(job, k -> new ArrayList<>())
                                    .add(new WorkloadSpec(source, target, options));
                        }
                        job = rs.getString(1);
                        index = rs.getInt(2);
                        source = rs.getString(3);
                        target = rs.getString(4);
                        options.clear();
                    }
                    if (rs.getString(5) != null) {
                        options.put(rs.getString(5), rs.getString(6));
                    }
                }
                if (job != null) {
                    workloads.computeIfAbsent(job, k -> new ArrayList<>()).add(new WorkloadSpec(source, target, options));
                }
            }
        }
        workloads.replaceAll((k, v) -> List.copyOf(v));
        return workloads;
    }

    private Optional<Drive> findDrive(Connection c, String jobName, String serial, boolean forUpdate)
            throws SQLException {
        List<Drive> found = readDrives(c, "SELECT " + DRIVE_COLUMNS + " FROM drives WHERE job_name = ? AND serial = ?"
                + (forUpdate ? " FOR UPDATE" : ""), jobName, serial);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static List<Drive> readDrives(Connection c, String sql, String... parameters) throws SQLException {
        List<Drive> drives = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    drives.add(new Drive(rs.getString("job_name"), rs.getString("serial"), rs.getString("model"),
                            rs.getString("transport"), rs.getString("media_type"), rs.getLong("capacity_bytes"),
                            rs.getLong("used_bytes"), rs.getString("encryptor"), rs.getString("key_protector_ref"),
                            rs.getString("manifest_file"), rs.getString("manifest_hash"),
                            DriveState.valueOf(rs.getString("state")), rs.getInt("percent_copied")));
                }
            }
        }
        return List.copyOf(drives);
    }

    private static List<String> strings(Connection c, String sql, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    private static String describe(Drive d) {
        List<String> parts = new ArrayList<>();
        if (d.model() != null) {
            parts.add(d.model());
        }
        if (d.mediaType() != null || d.transport() != null) {
            parts.add(Objects.toString(d.mediaType(), "drive") + (d.transport() == null ? "" : " on " + d.transport()));
        }
        parts.add(d.capacityBytes() + " bytes");
        parts.add(d.state().label());
        return String.join(", ", parts);
    }

    private static String withDetail(String change, String detail) {
        return detail == null || detail.isBlank() ? change : change + ": " + detail;
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static InvalidInputException duplicateName(String name) {
        return new InvalidInputException(
                new Problem(SeedRules.NAME, name, "already exists", "a name no other job has"));
    }

    private static NoSuchElementException noJob(String name) {
        return new NoSuchElementException("no job named " + name);
    }

    @Override
    public SeedingJob updateJob(SeedingJob job) throws InvalidInputException {
        Objects.requireNonNull(job, "job");
        InvalidInputException.throwIfAny(SeedRules.checkJob(job));
        SeedingJob updated = inTransaction(c -> {
            SeedingJob old = findJob(c, job.name(), true).orElseThrow(() -> noJob(job.name()));
            SeedingJob now = new SeedingJob(old.name(), job.stagingLocation(), job.storageAccount(), job.container(),
                    job.subscriptionId(), job.location(), job.workloads(), job.connector(), job.sourceHost(),
                    old.created(), old.state());
            try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET staging_location = ?, storage_account = ?, "
                    + "container_name = ?, subscription_id = ?, location = ?, connector = ?, source_host = ? "
                    + "WHERE name = ?")) {
                ps.setString(1, now.stagingLocation());
                ps.setString(2, now.storageAccount());
                ps.setString(3, now.container());
                ps.setString(4, now.subscriptionId());
                ps.setString(5, now.location());
                ps.setString(6, now.connector());
                ps.setString(7, now.sourceHost());
                ps.setString(8, now.name());
                ps.executeUpdate();
            }
            deleteRows(c, now.name(), "job_workload_options", "job_workloads");
            insertWorkloads(c, now.name(), now.workloads());
            appendEvent(c, now.name(), "job.edited", changes(old, now));
            return now;
        });
        announce(Topics.JOB_EVENT, updated.name(), null, null);
        return updated;
    }

    /** What an edit changed, field by field, for the event log. */
    private static String changes(SeedingJob old, SeedingJob now) {
        List<String> changed = new ArrayList<>();
        change(changed, "staging location", old.stagingLocation(), now.stagingLocation());
        change(changed, "storage account", old.storageAccount(), now.storageAccount());
        change(changed, "container", old.container(), now.container());
        change(changed, "subscription", old.subscriptionId(), now.subscriptionId());
        change(changed, "location", old.location(), now.location());
        change(changed, "connector", old.connector(), now.connector());
        change(changed, "source host", old.sourceHost(), now.sourceHost());
        if (!old.workloads().equals(now.workloads())) {
            changed.add("workloads " + now.workloads().stream().map(w -> w.sourceId() + ":" + w.target()).toList());
        }
        return changed.isEmpty() ? "nothing changed" : "edited: " + String.join("; ", changed);
    }

    private static void change(List<String> changed, String field, String old, String now) {
        if (!Objects.equals(old, now)) {
            changed.add(field + " " + old + " → " + now);
        }
    }

    @Override
    public List<JobEvent> deleteJob(String name) {
        Objects.requireNonNull(name, "name");
        List<JobEvent> removed = inTransaction(c -> {
            findJob(c, name, true).orElseThrow(() -> noJob(name));
            List<JobEvent> events = readEvents(c, name);
            // children first: every table that refers to the job by name, then the job itself; its events stay in the
            // append-only log (no longer any job's: they name the deleted job's seq)
            deleteRows(c, name, "job_workload_options", "job_workloads", "shipment_drives", "shipments",
                    "job_returns", "job_properties", "drives");
            deleteRows(c, name, "pack_leases");
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM jobs WHERE name = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            return events;
        });
        announce(Topics.JOB_STATE, name, null, null);
        return removed;
    }

    private static void deleteRows(Connection c, String jobName, String... tables) throws SQLException {
        for (String table : tables) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE job_name = ?")) {
                ps.setString(1, jobName);
                ps.executeUpdate();
            }
        }
    }

    @Override
    public EventChainCheck verifyEvents(String jobName) {
        Objects.requireNonNull(jobName, "jobName");
        return inTransaction(c -> {
            requireJob(c, jobName);
            return EventLog.verify(jobName, readChain(c, jobName));
        });
    }

    @Override
    public int offerPacks(String jobName, java.util.Collection<String> packs) {
        try {
            return inTransaction(c -> {
                requireJob(c, jobName);
                int before = PackLeaseTable.list(c, jobName).size();
                int rows = PackLeaseTable.offer(c, jobName, packs);
                if (before == 0) {
                    appendEvent(c, jobName, "packs.offered", rows + " packs to place on the drives of the job's copy "
                            + "computers");
                }
                return rows;
            });
        } catch (CatalogException e) {
            if (PackLeaseTable.isDuplicate(e)) {
                // another copy computer offered them in the same instant
                return inTransaction(c -> PackLeaseTable.list(c, jobName).size());
            }
            throw e;
        }
    }

    @Override
    public java.util.Set<String> claimPacks(String jobName, String computer, String driveSerial,
            java.util.Collection<String> packs, Instant now, java.time.Duration lease) {
        return inTransaction(c -> {
            PackLeaseTable.Claimed claimed = PackLeaseTable.claim(c, jobName, computer, driveSerial, packs, now, lease);
            if (!claimed.won().isEmpty()) {
                StringBuilder detail = new StringBuilder(computer + " claimed " + claimed.won().size() + " of "
                        + packs.size() + " packs for drive " + driveSerial);
                claimed.takenOver().forEach((from, n) -> detail.append("; took over ").append(n).append(" from ")
                        .append(from).append(", whose lease expired"));
                appendEvent(c, jobName, "packs.claimed", detail.toString());
            }
            return claimed.won();
        });
    }

    @Override
    public int renewPackLeases(String jobName, String computer, Instant now, java.time.Duration lease) {
        return inTransaction(c -> PackLeaseTable.renew(c, jobName, computer, now, lease));
    }

    @Override
    public boolean placePacks(String jobName, String computer, String driveSerial, java.util.Collection<String> packs) {
        try {
            return inTransaction(c -> {
                int placed = PackLeaseTable.place(c, jobName, computer, driveSerial, packs);
                if (placed < 0) {
                    throw new NotAllPlaced();
                }
                if (placed > 0) {
                    appendEvent(c, jobName, "packs.placed", computer + " placed " + placed + " packs on drive "
                            + driveSerial);
                }
                return true;
            });
        } catch (NotAllPlaced e) {
            return false;
        }
    }

    @Override
    public int releasePacks(String jobName, String computer, java.util.Collection<String> packs) {
        return inTransaction(c -> {
            int freed = PackLeaseTable.release(c, jobName, computer, packs);
            if (freed > 0) {
                appendEvent(c, jobName, "packs.released", computer + " released " + freed + " packs");
            }
            return freed;
        });
    }

    @Override
    public List<org.seedbench.catalog.PackLease> packLeases(String jobName) {
        return inTransaction(c -> PackLeaseTable.list(c, jobName));
    }

    /** Rolls back a placement of which one pack is no longer this computer's. */
    private static final class NotAllPlaced extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotAllPlaced() {
            super(null, null, false, false);
        }
    }
}
