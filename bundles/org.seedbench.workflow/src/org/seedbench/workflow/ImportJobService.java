package org.seedbench.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.CloudJobStatus.DriveStatus;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.JobStates;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.ReturnRules;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.rules.ShippingRules;
import org.seedbench.core.rules.ShippingRules.Deadline;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.CommandRunner;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.workflow.ImportJobView.DriveView;

/**
 * The import job of a seeding job at the cloud's import service: creates it once the drives are ready, gives
 * the service the shipping details within the 14-day deadline, and brings the catalog along with what the
 * service reports. The deadline runs on the connector's clock (the simulator's may run compressed).
 */
@Component(service = ImportJobService.class)
public class ImportJobService {
    /** Job property: when the service created the import job (ISO-8601, the connector's clock). */
    public static final String PROP_CREATED = "importJob.created";
    /** Job properties: what the service last reported, for listings that do not ask it again. */
    public static final String PROP_STATE = "importJob.state";
    public static final String PROP_PERCENT = "importJob.percent";
    public static final String PROP_BYTES = "importJob.bytes";
    /**
     * Job property of a rehearsal job: simulated days per real second of its import job's clock at the local
     * cloud's datacenter (set by {@code init --rehearsal}, the demo). A job without it is a real job: its dates
     * run on the real clock.
     */
    public static final String PROP_REHEARSAL = "rehearsal.daysPerSecond";
    /**
     * Job property: the import job's name at the service when it is not the job's own, as after {@link #reopen}
     * (the service wants a new name for the new import job of the same drives).
     */
    public static final String PROP_IMPORT_NAME = "importJob.name";
    /** Job property of a rehearsal: the bytes a second its simulated datacenter reads a drive at. */
    public static final String PROP_DRIVE_READ_RATE = "rehearsal.driveReadBytesPerSecond";
    /** At most this many lines of a drive's error log are shown. */
    static final int ERROR_LINES = 8;
    /** The drive states in which the service has written the drive's error log. */
    private static final Set<DriveState> LOGGED = EnumSet.of(DriveState.NEVER_RECEIVED, DriveState.COMPLETED,
            DriveState.COMPLETED_MORE_INFO, DriveState.SHIPPED_BACK);

    @Reference
    private CloudConnectors connectors;

    private final CommandRunner commands;
    /** The real clock: ship dates are real dates, whatever a rehearsal's import job clock says. */
    private final Clock real;

    /** The service of this computer: commands run through the command runner service. */
    @Activate
    public ImportJobService(@Reference CommandRunner commands) {
        this(commands, Clock.systemUTC());
    }

    ImportJobService(CommandRunner commands, Clock real) {
        this.commands = commands;
        this.real = real;
    }

    /**
     * Creates the import job of a job whose drives are ready (DrivesReady → Creating), with each drive's id, key
     * protector, manifest and encryptor. A rerun finds the job the service already has instead of creating a
     * second one.
     *
     * @throws InvalidInputException when the drives are not ready, a key protector or the location is missing
     */
    public ImportJobOutcome createImportJob(Workspace workspace, String jobName)
            throws InvalidInputException, IOException {
        return createImportJob(workspace, jobName, Map.of());
    }

    /**
     * {@link #createImportJob(Workspace, String)} with the key protectors of drives other copy computers of a shared
     * catalog prepared (by serial), for the drives this computer keeps no protector of.
     */
    public ImportJobOutcome createImportJob(Workspace workspace, String jobName, Map<String, KeyProtector> otherKeys)
            throws InvalidInputException, IOException {
        SeedingJob job;
        List<Drive> drives;
        Map<String, String> props;
        ReturnDetails returns;
        try (Catalog catalog = workspace.catalog()) {
            job = Jobs.require(catalog, jobName);
            drives = seedDrives(catalog, jobName);
            props = catalog.jobProperties(jobName);
            returns = catalog.returnDetails(jobName).orElse(ReturnDetails.NONE);
        }
        boolean ready = job.state() == JobState.DRIVES_READY;
        if (!ready && !job.state().isServiceState()) {
            throw new InvalidInputException(new Problem("job", jobName, "is " + job.state().label()
                    + ": its drives are not ready for an import job", "prepare them: seedbench prepare-drives "
                            + jobName + " --drive …"));
        }
        CloudSession connector = connector(workspace, job);
        DatacenterLocation location = connector.location(job.location()).orElseThrow(() -> new InvalidInputException(
                new Problem(SeedRules.LOCATION, job.location(), "is not a location of the " + connector.connectorId()
                        + " connector", locations(connector))));
        String serviceName = serviceName(job, props);
        Optional<CloudJobStatus> existing = connector.getImportJob(job.subscriptionId(), serviceName);
        if (!ready) {
            CloudJobStatus status = existing.orElseThrow(() -> new InvalidInputException(new Problem("job", jobName,
                    "is " + job.state().label() + " but the " + connector.connectorId() + " service has no import job of "
                            + "that name", "a job the service knows")));
            return new ImportJobOutcome(status, location, false);
        }
        CloudJobStatus status = existing.isPresent() ? existing.get()
                : refusedAsInput(() -> connector.createImportJob(request(workspace, job, drives, props, returns,
                        otherKeys)));
        Instant created = status.created() != null ? status.created()
                : connector.clock(job.subscriptionId(), serviceName).instant();
        try (Catalog catalog = workspace.catalog()) {
            Map<String, String> recorded = new LinkedHashMap<>(reportedProps(status));
            recorded.put(PROP_CREATED, created.toString());
            catalog.putJobProperties(jobName, recorded);
            catalog.moveJob(jobName, JobState.CREATING, "import job " + (existing.isPresent() ? "found" : "created")
                    + " at the " + connector.connectorId() + " service for " + DrivePreparationService.drives(drives.size())
                    + "; ship them to "
                    + location.displayName() + " within " + ShippingRules.DEADLINE_DAYS + " days");
        }
        return new ImportJobOutcome(status, location, existing.isEmpty());
    }

    /**
     * Refuses a location the job's connector does not list (nothing about the job is written): {@code init} asks
     * before the job exists, {@code prepare-drives} before any drive is formatted. A connector that cannot be asked
     * here (not configured yet, not reachable) is asked again when the import job is created.
     *
     * @throws InvalidInputException naming the connector's locations
     */
    public void checkLocation(Workspace workspace, SeedingJob job) throws InvalidInputException {
        CloudSession connector;
        List<DatacenterLocation> all;
        try {
            connector = connector(workspace, job);
            all = connector.locations();
        } catch (InvalidInputException | IOException e) {
            return;
        }
        if (job.location() != null && all.stream().noneMatch(l -> l.id().equals(job.location()))) {
            throw new InvalidInputException(new Problem(SeedRules.LOCATION, job.location(), "is not a location of the "
                    + connector.connectorId() + " connector", String.join(", ", all.stream().map(DatacenterLocation::id)
                            .sorted().toList())));
        }
    }

    /** {@link #checkLocation(Workspace, SeedingJob)} of a job of the catalog. */
    public void checkLocation(Workspace workspace, String jobName) throws InvalidInputException {
        SeedingJob job;
        try (Catalog catalog = workspace.catalog()) {
            job = Jobs.require(catalog, jobName);
        }
        checkLocation(workspace, job);
    }

    /** The job's drives that hold part of the seed (a drive prepared but not needed has no manifest). */
    private static List<Drive> seedDrives(Catalog catalog, String jobName) {
        return catalog.drives(jobName).stream().filter(d -> d.manifestHash() != null).toList();
    }

    private ImportJobRequest request(Workspace workspace, SeedingJob job, List<Drive> drives,
            Map<String, String> props, ReturnDetails returns, Map<String, KeyProtector> otherKeys)
            throws InvalidInputException, IOException {
        DriveKeys keys = DriveKeys.load(workspace.driveFolder(job.name()));
        List<ImportJobRequest.DriveEntry> entries = new ArrayList<>();
        for (Drive d : drives) {
            KeyProtector key = keys.key(d.serial()).or(() -> Optional.ofNullable(otherKeys.get(d.serial()))).orElseThrow(() -> new InvalidInputException(new Problem("drive",
                    d.serial(), "has no key protector on this computer", "create the import job on the copy "
                            + "computer that prepared the drive")));
            entries.add(new ImportJobRequest.DriveEntry(d.serial(), key, d.manifestFile(), d.manifestHash(),
                    d.encryptor()));
        }
        Map<String, String> options = new java.util.HashMap<>();
        if (props.get(PROP_REHEARSAL) != null) {
            options.put(ImportJobRequest.REHEARSAL_DAYS_PER_SECOND, props.get(PROP_REHEARSAL));
        }
        if (props.get(PROP_DRIVE_READ_RATE) != null) {
            options.put(ImportJobRequest.DRIVE_READ_BYTES_PER_SECOND, props.get(PROP_DRIVE_READ_RATE));
        }
        return new ImportJobRequest(job.subscriptionId(), job.location(), serviceName(job, props), job.storageAccount(),
                job.container(), returns.address(), returns.shipping(), entries, options);
    }

    /**
     * A ship date as the admin writes it ({@code YYYY-MM-DD}); null for none (today).
     *
     * @throws InvalidInputException when it is not a date
     */
    public static LocalDate shipDate(String text) throws InvalidInputException {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(new Problem("ship date", text, "is not a date", "YYYY-MM-DD"));
        }
    }

    /** {@link #ship(Workspace, String, Shipment, boolean)} without replacing a package the job already has. */
    public Shipment ship(Workspace workspace, String jobName, Shipment shipment)
            throws InvalidInputException, IOException {
        return ship(workspace, jobName, shipment, false);
    }

    /**
     * Gives the service the shipping details of the job's package and moves the job to Shipping. The ship date
     * defaults to today's real date and the drives to all the job's drives. Refused, with the catalog unchanged,
     * before the import job exists, after the 14-day deadline (by the import job's clock), for a ship date in the
     * future or more than {@value ShippingRules#SHIP_DATE_PAST_DAYS} days ago, for a tracking number of another
     * job or a drive of another job, and for another package when the job has one already and {@code replace} is
     * not said. The same package again is a rerun: nothing changes. A replaced package is recorded in the job's
     * events.
     *
     * @return the shipment as recorded, defaults filled in
     */
    public Shipment ship(Workspace workspace, String jobName, Shipment shipment, boolean replace)
            throws InvalidInputException, IOException {
        SeedingJob job;
        Map<String, String> props;
        List<Drive> drives;
        Shipment current;
        ReturnDetails stored;
        try (Catalog catalog = workspace.catalog()) {
            job = Jobs.require(catalog, jobName);
            props = catalog.jobProperties(jobName);
            drives = seedDrives(catalog, jobName);
            current = catalog.shipment(jobName).orElse(null);
            stored = catalog.returnDetails(jobName).orElse(ReturnDetails.NONE);
        }
        if (job.state() != JobState.CREATING && job.state() != JobState.SHIPPING) {
            throw new InvalidInputException(new Problem("job", jobName, "is " + job.state().label()
                    + ": shipping details are given once its import job is created and before the service "
                    + "receives the drives", "a job in state Creating (or Shipping, to correct the details)"));
        }
        LocalDate today = LocalDate.ofInstant(real.instant(), ZoneOffset.UTC);
        ReturnDetails returns = merge(stored, new ReturnDetails(shipment.returnAddress(), shipment.returnShipping()));
        InvalidInputException.throwIfAny(ReturnRules.checkFields(returns.address()));
        Shipment complete = withDefaults(jobName, shipment, drives, today, returns);
        InvalidInputException.throwIfAny(ShippingRules.checkShipDate(complete.shipDate(), today));
        InvalidInputException.throwIfAny(ShippingRules.checkReplace(current, complete, replace));
        if (current != null && job.state() == JobState.SHIPPING && ShippingRules.samePackage(current, complete)
                && sameReturnDetails(current, complete)) {
            return current;
        }
        CloudSession connector = connector(workspace, job);
        if (job.state() == JobState.CREATING) {
            checkDeadline(jobName, created(props), connector.clock(job.subscriptionId(), serviceName(job, props)).instant());
        }
        checkReturn(complete);
        try (Catalog catalog = workspace.catalog()) {
            checkAgainstOtherJobs(catalog, complete);
        }
        Shipment atService = serviceName(job, props).equals(jobName) ? complete
                : new Shipment(serviceName(job, props), complete.carrier(), complete.trackingNumber(),
                        complete.shipDate(), complete.driveSerials(), complete.returnAddress(), complete.returnShipping());
        refusedAsInput(() -> connector.updateShipping(job.subscriptionId(), atService));
        try (Catalog catalog = workspace.catalog()) {
            catalog.putShipment(complete);
            if (current != null && !ShippingRules.samePackage(current, complete)) {
                catalog.recordEvent(jobName, "shipping.replaced", "package replaced: was "
                        + ShippingRules.describe(current) + "; now " + ShippingRules.describe(complete));
            }
            if (job.state() == JobState.CREATING) {
                catalog.moveJob(jobName, JobState.SHIPPING, complete.driveCount() + " drives shipped with "
                        + complete.carrier() + ", tracking " + complete.trackingNumber());
                catalog.putJobProperties(jobName, Map.of(PROP_STATE, JobState.SHIPPING.label()));
            }
        }
        return complete;
    }

    /**
     * The shipping rules against the catalog's other jobs, before the service hears of the shipment (the catalog
     * checks them again when it records the shipment).
     */
    private static void checkAgainstOtherJobs(Catalog catalog, Shipment shipment) throws InvalidInputException {
        String jobName = shipment.jobName();
        List<String> serials = catalog.drives(jobName).stream().map(Drive::serial).toList();
        List<String> otherTracking = new ArrayList<>();
        for (SeedingJob other : catalog.jobs()) {
            if (!other.name().equals(jobName)) {
                catalog.shipment(other.name()).ifPresent(s -> otherTracking.add(s.trackingNumber()));
            }
        }
        List<String> otherSerials = catalog.allDrives().stream().filter(d -> !d.jobName().equals(jobName))
                .map(Drive::serial).filter(s -> !serials.contains(s)).toList();
        InvalidInputException.throwIfAny(ShippingRules.checkShipment(shipment, serials, otherTracking, otherSerials));
    }

    /** The job's connector, signed in; settings it refuses are the user's input. */
    private CloudSession connector(Workspace workspace, SeedingJob job) throws InvalidInputException, IOException {
        return refusedAsInput(() -> connectors.signedIn(workspace, job.connector()));
    }

    /** A call to the service. */
    @FunctionalInterface
    private interface ServiceCall<T> {
        T call() throws InvalidInputException, IOException;
    }

    /** A request the service refuses for a broken rule is the user's input, not a failure. */
    private static <T> T refusedAsInput(ServiceCall<T> call) throws InvalidInputException, IOException {
        try {
            return call.call();
        } catch (IOException e) {
            if (e.getCause() instanceof InvalidInputException refused) {
                throw refused;
            }
            throw e;
        }
    }

    private static void checkDeadline(String jobName, Instant created, Instant now) throws InvalidInputException {
        if (created == null) {
            return;
        }
        Deadline deadline = ShippingRules.deadline(created, now);
        if (deadline.expired()) {
            throw new InvalidInputException(new Problem("shipping deadline", null, "passed " + deadline.due()
                    + ": the import job of " + jobName + " was created " + created + " and shipping details are due "
                    + "within " + ShippingRules.DEADLINE_DAYS + " days", "a new job for these drives"));
        }
    }

    private static Shipment withDefaults(String jobName, Shipment s, List<Drive> drives, LocalDate today,
            ReturnDetails returns) {
        LocalDate date = s.shipDate() != null ? s.shipDate() : today;
        List<String> serials = s.driveSerials().isEmpty() ? drives.stream().map(Drive::serial).toList()
                : s.driveSerials();
        return new Shipment(jobName, trim(s.carrier()), trim(s.trackingNumber()), date, serials,
                returns.address(), returns.shipping());
    }

    /** Whether two shipments of a job carry the same return details (they are the job's, not the package's). */
    private static boolean sameReturnDetails(Shipment a, Shipment b) {
        return Objects.equals(a.returnAddress(), b.returnAddress())
                && Objects.equals(a.returnShipping(), b.returnShipping());
    }

    /**
     * Every return detail the services require that is still empty: one problem each, named as
     * {@link ReturnRules} names it ({@code returnAddress.city}, {@code returnShipping.carrierName}).
     */
    private static void checkReturn(Shipment s) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>(ReturnRules.check(s.returnAddress()));
        problems.addAll(ReturnRules.check(s.returnShipping()));
        InvalidInputException.throwIfAny(problems.stream().filter(ReturnRules::isMissing).toList());
    }

    /**
     * The return details the services require that are still empty, by their problem fields
     * ({@link ReturnRules#missing}), in the reference's order.
     */
    public static List<String> missing(ReturnDetails details) {
        return ReturnRules.missing(details.address(), details.shipping());
    }

    /**
     * {@code given} over {@code stored}, field by field: what is given replaces what was stored, what is not given
     * stays. The free text of an older catalog goes once any field is given; a country is kept in capitals.
     */
    public static ReturnDetails merge(ReturnDetails stored, ReturnDetails given) {
        ReturnAddress s = stored.address();
        ReturnAddress g = given.address();
        String country = pick(g.countryOrRegion(), s.countryOrRegion());
        ReturnAddress fields = new ReturnAddress(pick(g.recipientName(), s.recipientName()),
                pick(g.streetAddress1(), s.streetAddress1()), pick(g.streetAddress2(), s.streetAddress2()),
                pick(g.city(), s.city()), pick(g.stateOrProvince(), s.stateOrProvince()),
                pick(g.postalCode(), s.postalCode()), country == null ? null : country.toUpperCase(Locale.ROOT),
                pick(g.phone(), s.phone()), pick(g.email(), s.email()));
        ReturnAddress address = fields.isEmpty()
                ? ReturnAddress.legacy(pick(g.legacyText(), s.legacyText())) : fields;
        ReturnShipping shipping = new ReturnShipping(
                pick(given.shipping().carrierName(), stored.shipping().carrierName()),
                pick(given.shipping().carrierAccountNumber(), stored.shipping().carrierAccountNumber()));
        return new ReturnDetails(address, shipping);
    }

    private static String pick(String given, String stored) {
        return given != null ? given : stored;
    }


    /** The job's return details; {@link ReturnDetails#NONE} when none were given yet. */
    public ReturnDetails returnDetails(Workspace workspace, String jobName) throws InvalidInputException {
        try (Catalog catalog = workspace.catalog()) {
            Jobs.require(catalog, jobName);
            return catalog.returnDetails(jobName).orElse(ReturnDetails.NONE);
        }
    }

    /**
     * Sets or updates the job's return details (before {@code prepare-drives}: Data Box needs them when the import
     * job is created; Import/Export when the drives ship): what is given replaces what was stored, field by field.
     * Refused, with nothing written, for a malformed email, phone or country.
     *
     * @return the job's return details as now stored
     */
    public ReturnDetails updateReturnDetails(Workspace workspace, String jobName, ReturnDetails given)
            throws InvalidInputException {
        try (Catalog catalog = workspace.catalog()) {
            Jobs.require(catalog, jobName);
            ReturnDetails merged = merge(catalog.returnDetails(jobName).orElse(ReturnDetails.NONE), given);
            InvalidInputException.throwIfAny(ReturnRules.checkFields(merged.address()));
            return catalog.putReturnDetails(jobName, merged);
        }
    }

    /**
     * Watches the job: refreshes it ({@link #refresh}) every {@code intervalSeconds} while the service still moves
     * it, until it settles or {@code timeoutSeconds} have passed. {@code each} receives every view, the first
     * included.
     *
     * @param timeoutSeconds {@link Double#POSITIVE_INFINITY}: no limit
     * @return the last view; {@link ImportJobView#moving()} when the time ran out
     */
    public ImportJobView watch(Workspace workspace, String jobName, double intervalSeconds, double timeoutSeconds,
            Consumer<ImportJobView> each) throws InvalidInputException, IOException, InterruptedException {
        ImportJobView view = refresh(workspace, jobName);
        each.accept(view);
        long until = Double.isInfinite(timeoutSeconds) ? Long.MAX_VALUE
                : System.nanoTime() + Math.round(timeoutSeconds * 1e9);
        while (view.moving() && System.nanoTime() < until) {
            long left = Math.max(1, (until - System.nanoTime()) / 1_000_000);
            Thread.sleep(Math.max(1, Math.min(left, Math.round(intervalSeconds * 1000))));
            view = refresh(workspace, jobName);
            each.accept(view);
        }
        return view;
    }

    /**
     * Asks the service how the job stands and brings the catalog along: the job and each drive walk through
     * every intermediate state up to the service's, with an event per change; drives' percentages likewise.
     * A job without an import job yet is returned as the catalog has it.
     */
    public ImportJobView refresh(Workspace workspace, String jobName) throws InvalidInputException, IOException {
        SeedingJob job;
        Map<String, String> props;
        try (Catalog catalog = workspace.catalog()) {
            job = Jobs.require(catalog, jobName);
            props = catalog.jobProperties(jobName);
        }
        if (!job.state().isServiceState()) {
            return new ImportJobView(jobName, job.state(), null, 0, 0, created(props), null, null, List.of(),
                    List.of());
        }
        CloudSession connector = connector(workspace, job);
        Optional<CloudJobStatus> reported = connector.getImportJob(job.subscriptionId(), serviceName(job, props));
        Instant now = connector.clock(job.subscriptionId(), serviceName(job, props)).instant();
        Instant created = created(props) != null ? created(props)
                : reported.map(CloudJobStatus::created).orElse(null);
        List<String> changes = new ArrayList<>();
        List<DriveView> drives = reported.isPresent() ? driveViews(reported.get(), connector) : List.of();
        try (Catalog catalog = workspace.catalog()) {
            JobState service = reported.map(CloudJobStatus::serviceState).orElse(null);
            // a state the service reported that Seedbench has no counterpart for keeps the job where it is
            if (reported.isEmpty() && job.state() == JobState.CREATING && created != null
                    && ShippingRules.deadline(created, now).expired()) {
                service = JobState.EXPIRED;
            }
            if (service != null) {
                walkJob(catalog, job, service, drives.stream().anyMatch(DriveView::failed), changes);
            }
            if (reported.isPresent()) {
                walkDrives(catalog, jobName, reported.get(), changes);
            }
            reported.ifPresent(s -> putIfChanged(catalog, jobName, props, reportedProps(s)));
            JobState after = catalog.job(jobName).orElseThrow().state();
            Deadline deadline = after == JobState.CREATING && created != null
                    ? ShippingRules.deadline(created, now) : null;
            return new ImportJobView(jobName, after, service, reported.map(CloudJobStatus::percentComplete).orElse(0),
                    reported.map(CloudJobStatus::bytesCopied).orElse(0L), created, now, deadline, drives, changes,
                    reported.orElse(null));
        }
    }

    /**
     * The 14-day deadline of a job waiting for shipping details, by its connector's clock; empty for a job in
     * any other state. Signs in to the job's connector but does not ask the service about the job.
     */
    public Optional<Deadline> deadline(Workspace workspace, SeedingJob job, Map<String, String> props)
            throws InvalidInputException, IOException {
        Instant created = created(props);
        if (job.state() != JobState.CREATING || created == null) {
            return Optional.empty();
        }
        CloudSession connector = connector(workspace, job);
        return Optional.of(ShippingRules.deadline(created, connector.clock(job.subscriptionId(),
                serviceName(job, props)).instant()));
    }

    /**
     * The datacenter that receives the job's drives (the address to ship to), as the job's connector lists it; empty
     * when the connector does not know the job's location.
     */
    public Optional<DatacenterLocation> datacenter(Workspace workspace, SeedingJob job)
            throws InvalidInputException, IOException {
        return connector(workspace, job).location(job.location());
    }

    private static void walkJob(Catalog catalog, SeedingJob job, JobState service, boolean withErrors,
            List<String> changes) {
        Optional<List<JobState>> steps = StatePaths.job(job.state(), service, withErrors);
        if (steps.isEmpty()) {
            return;
        }
        JobState from = job.state();
        for (JobState step : steps.get()) {
            catalog.moveJob(job.name(), step, "reported by the import service");
            changes.add("job " + job.name() + ": " + from.label() + " → " + step.label());
            from = step;
        }
    }

    /** Each drive as the service reports it, with the failures its error log names. */
    private static List<DriveView> driveViews(CloudJobStatus status, CloudSession connector) throws IOException {
        List<DriveView> views = new ArrayList<>();
        for (DriveStatus ds : status.drives()) {
            List<String> errors = ds.errorLogUri() != null && LOGGED.contains(ds.state())
                    ? DriveLogs.failures(connector.readLog(ds.errorLogUri()), ERROR_LINES) : List.of();
            views.add(new DriveView(ds.serial(), ds.state(), ds.percentComplete(), ds.bytesCopied(), errors,
                    ds.stateText(), ds.copyStatus()));
        }
        return views;
    }

    private static void walkDrives(Catalog catalog, String jobName, CloudJobStatus status, List<String> changes) {
        Map<String, Drive> known = new LinkedHashMap<>();
        catalog.drives(jobName).forEach(d -> known.put(d.serial(), d));
        for (DriveStatus ds : status.drives()) {
            Drive d = known.get(ds.serial());
            if (d != null) {
                walkDrive(catalog, d, ds, changes);
            }
        }
    }

    private static void walkDrive(Catalog catalog, Drive d, DriveStatus ds, List<String> changes) {
        DriveState from = d.state();
        List<DriveState> steps = ds.state() == null ? List.of() : StatePaths.drive(d.state(), ds.state())
                .orElse(List.of());
        for (DriveState step : steps) {
            catalog.moveDrive(d.jobName(), d.serial(), step, "reported by the import service");
            changes.add("drive " + d.serial() + ": " + from.label() + " → " + step.label());
            from = step;
        }
        if (from != DriveState.SPECIFIED && ds.percentComplete() != d.percentCopied()) {
            catalog.putDrive(new Drive(d.jobName(), d.serial(), d.model(), d.transport(), d.mediaType(),
                    d.capacityBytes(), d.usedBytes(), d.encryptor(), d.keyProtectorRef(), d.manifestFile(),
                    d.manifestHash(), from, ds.percentComplete()));
            changes.add("drive " + d.serial() + ": " + ds.percentComplete() + "% copied at the datacenter");
        }
    }

    private static Map<String, String> reportedProps(CloudJobStatus s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PROP_STATE, s.serviceState() != null ? s.serviceState().label() : s.serviceStateText());
        m.put(PROP_PERCENT, Integer.toString(s.percentComplete()));
        m.put(PROP_BYTES, Long.toString(s.bytesCopied()));
        return m;
    }

    private static void putIfChanged(Catalog catalog, String jobName, Map<String, String> props,
            Map<String, String> reported) {
        Map<String, String> changed = new LinkedHashMap<>();
        reported.forEach((k, v) -> {
            if (!Objects.equals(props.get(k), v)) {
                changed.put(k, v);
            }
        });
        if (!changed.isEmpty()) {
            catalog.putJobProperties(jobName, changed);
        }
    }

    static Instant created(Map<String, String> props) {
        String created = props.get(PROP_CREATED);
        return created == null ? null : Instant.parse(created);
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    private static String locations(CloudSession connector) {
        try {
            return String.join(", ", connector.locations().stream().map(DatacenterLocation::id).toList());
        } catch (IOException e) {
            return "a location the connector lists";
        }
    }

    /** The import job's name at the service: the job's own, or the one {@link #reopen} gave its new import job. */
    static String serviceName(SeedingJob job, Map<String, String> props) {
        return props.getOrDefault(PROP_IMPORT_NAME, job.name());
    }

    /**
     * Asks the service to cancel the job's import job, first bringing the catalog along with what the service
     * reports. The job goes Cancelled when the service says so.
     *
     * @return the import job's state at the service after the request
     * @throws InvalidInputException when the service has moved past Shipping (the datacenter holds the drives), or
     *                               refuses the cancellation (its reason in one line); the job is left as it is
     */
    public JobState cancel(Workspace workspace, String jobName) throws InvalidInputException, IOException {
        ImportJobView view = refresh(workspace, jobName);
        SeedingJob job;
        Map<String, String> props;
        try (Catalog catalog = workspace.catalog()) {
            job = Jobs.require(catalog, jobName);
            props = catalog.jobProperties(jobName);
        }
        if (!JobStates.canCancel(view.jobState())) {
            throw new InvalidInputException(new Problem("job", jobName, "is " + view.jobState().label()
                    + " at the import service: it cannot be cancelled once the datacenter has received its drives",
                    "follow it with seedbench status " + jobName + " --watch"));
        }
        CloudSession connector = connector(workspace, job);
        String name = serviceName(job, props);
        refusedAsInput(() -> {
            connector.cancelImportJob(job.subscriptionId(), name);
            return null;
        });
        JobState after = connector.getImportJob(job.subscriptionId(), name).map(CloudJobStatus::serviceState)
                .orElse(JobState.CANCELLED);
        try (Catalog catalog = workspace.catalog()) {
            if (after == JobState.CANCELLED) {
                catalog.putJobProperties(jobName, Map.of(PROP_STATE, JobState.CANCELLED.label()));
                catalog.moveJob(jobName, JobState.CANCELLED, "import job " + name + " cancelled at the "
                        + connector.connectorId() + " service; the seed stays in staging and on the drives");
            } else {
                catalog.recordEvent(jobName, "importJob.cancelRequested", "cancellation of import job " + name
                        + " requested; the " + connector.connectorId() + " service reports it " + (after == null
                                ? "in a state of its own" : after.label()) + " and cancels on a best-effort basis");
            }
        }
        return after;
    }

    /**
     * Creates a new import job for the prepared drives of a job whose import job expired (no shipping details
     * within {@value ShippingRules#DEADLINE_DAYS} days): the service's way out. The service wants a name no job of
     * the subscription has, so the new import job is named {@code <job>-r<N>}; the blobs still land under the
     * job's prefix (the drives' manifests are unchanged). The job goes Creating with a new 14-day deadline. A rerun
     * after a failure takes the name chosen before.
     *
     * @return the new import job
     * @throws InvalidInputException when the job's import job is not Expired (asked of the service first)
     */
    public ImportJobOutcome reopen(Workspace workspace, String jobName) throws InvalidInputException, IOException {
        ImportJobView view = refresh(workspace, jobName);
        if (!JobStates.canReopen(view.jobState())) {
            throw new InvalidInputException(new Problem("job", jobName, "is " + view.jobState().label()
                    + ": only an Expired import job is reopened", JobStates.canMove(view.jobState(), JobState.EXPIRED)
                            ? "ship its drives: seedbench ship " + jobName + " --carrier … --tracking …"
                            : "a job whose import job expired before its drives shipped"));
        }
        SeedingJob job;
        Map<String, String> props;
        List<Drive> drives;
        ReturnDetails returns;
        try (Catalog catalog = workspace.catalog()) {
            job = Jobs.require(catalog, jobName);
            props = new LinkedHashMap<>(catalog.jobProperties(jobName));
            drives = seedDrives(catalog, jobName);
            returns = catalog.returnDetails(jobName).orElse(ReturnDetails.NONE);
        }
        if (drives.isEmpty()) {
            throw new InvalidInputException(new Problem("job", jobName, "has no prepared drives to reopen its import "
                    + "job with", "a job whose drives were prepared"));
        }
        CloudSession connector = connector(workspace, job);
        String old = serviceName(job, props);
        String name = old;
        Optional<CloudJobStatus> existing = connector.getImportJob(job.subscriptionId(), name);
        for (int n = 1; existing.isPresent(); n++) {
            name = reopenedName(jobName, n);
            existing = connector.getImportJob(job.subscriptionId(), name);
            if (existing.isPresent() && existing.get().serviceState() != JobState.EXPIRED
                    && existing.get().serviceState() != JobState.CANCELLED) {
                break; // created by a run that stopped before the catalog heard of it: take it
            }
        }
        final String chosen = name;
        if (!chosen.equals(old)) {
            try (Catalog catalog = workspace.catalog()) {
                catalog.putJobProperties(jobName, Map.of(PROP_IMPORT_NAME, chosen));
                catalog.recordEvent(jobName, "importJob.reopen", "import job " + old + " expired; its drives go into "
                        + "a new import job " + chosen);
            }
            props.put(PROP_IMPORT_NAME, chosen);
        }
        CloudJobStatus status = existing.isPresent() ? existing.get()
                : refusedAsInput(() -> connector.createImportJob(request(workspace, job, drives, props, returns,
                        Map.of())));
        Instant created = status.created() != null ? status.created()
                : connector.clock(job.subscriptionId(), chosen).instant();
        DatacenterLocation location = connector.location(job.location()).orElseThrow(() -> new InvalidInputException(
                new Problem(SeedRules.LOCATION, job.location(), "is not a location of the " + connector.connectorId()
                        + " connector", locations(connector))));
        try (Catalog catalog = workspace.catalog()) {
            Map<String, String> recorded = new LinkedHashMap<>(reportedProps(status));
            recorded.put(PROP_CREATED, created.toString());
            catalog.putJobProperties(jobName, recorded);
            catalog.moveJob(jobName, JobState.CREATING, "reopened: import job " + chosen + " created at the "
                    + connector.connectorId() + " service for the same " + DrivePreparationService.drives(drives.size())
                    + " (import job " + old + " expired); ship them to " + location.displayName() + " within "
                    + ShippingRules.DEADLINE_DAYS + " days");
        }
        return new ImportJobOutcome(status, location, existing.isEmpty());
    }

    /** {@code <job>-r<n>}, the job's name shortened so that the whole stays within the service's 24 characters. */
    static String reopenedName(String jobName, int n) {
        String suffix = "-r" + n;
        String base = jobName.length() + suffix.length() <= 24 ? jobName : jobName.substring(0, 24 - suffix.length());
        return base.replaceAll("-+$", "") + suffix;
    }
}
