package org.seedbench.cloud.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.seedbench.cloud.local.internal.Datacenter;
import org.seedbench.cloud.local.internal.FileLock;
import org.seedbench.cloud.local.internal.FolderBlobContainer;
import org.seedbench.cloud.local.internal.JobRecord;
import org.seedbench.cloud.local.internal.JobRecord.DriveRecord;
import org.seedbench.cloud.local.internal.JobStore;
import org.seedbench.cloud.local.internal.Locations;
import org.seedbench.cloud.local.internal.Requests;
import org.seedbench.cloud.local.internal.ServiceClock;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.rules.ShippingRules;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.ImportJobRequest.DriveEntry;

/**
 * The embedded {@code local} cloud: storage accounts as folders, import jobs as files, and a datacenter
 * simulator that "receives" the shipped drives from where they are attached to this computer, unlocks them with
 * their key protectors, checks the manifests and every block, writes the blobs into the import container and
 * the drive logs into {@code waimportexport}, as the Import/Export service does.
 *
 * <p>Everything lives under {@code <dataDirectory>/cloud} (or the {@value #FOLDER} setting):
 * {@code accounts/<account>/<container>/<blob>}, {@code importexport/<subscription>/<job>.json} and the
 * service clock. The simulator runs lazily: whenever a job is read, it is moved along by its clock, and the
 * datacenter copy runs within that read. A job runs on the real clock, except a rehearsal job (created with the
 * {@link ImportJobRequest#REHEARSAL_DAYS_PER_SECOND} option), whose own clock runs compressed from its creation
 * on: no other job's dates move.
 *
 * <p>Sign-in settings: {@value #DATA_DIRECTORY} or {@value #FOLDER} (a Path or String); {@value #IMPORT_STORAGE}
 * (a signed-in {@link CloudConnector} whose containers hold the storage account's blobs instead of the local
 * folder, e.g. Azure Blob storage on Azurite). The former {@value #SECONDS_PER_DAY}, a compressed clock for every
 * job of the cloud, is refused: a rehearsal is a job of its own ({@code seedbench init --rehearsal}).
 *
 * <p>A request that breaks a rule fails with an {@link IOException} whose message is the first problem and
 * whose cause is an {@link org.seedbench.core.rules.InvalidInputException} carrying all of them.
 */
@Component(service = CloudConnector.class)
public class LocalCloudConnector implements CloudConnector {
    public static final String ID = "local";
    public static final String DATA_DIRECTORY = "dataDirectory";
    public static final String FOLDER = "folder";
    /** A setting of earlier versions (a compressed clock for the whole cloud), refused with what replaces it. */
    public static final String SECONDS_PER_DAY = "secondsPerDay";
    public static final String IMPORT_STORAGE = "importStorage";
    /** The container the drive logs are written to, as the service does. */
    public static final String LOG_CONTAINER = "waimportexport";
    /** The scheme of log locations: {@code local://<account>/waimportexport/<blob>}. */
    public static final String LOG_SCHEME = "local";

    private final List<DiskEncryptor> encryptors = new CopyOnWriteArrayList<>();
    private final Clock real;
    private volatile Session session;

    /** The signed-in state: where the cloud lives, its clock and its storage. */
    private record Session(Path folder, ServiceClock clock, JobStore jobs, CloudConnector importStorage,
            Datacenter datacenter) {
    }

    /** For Declarative Services: the encryptors come as references. */
    public LocalCloudConnector() {
        this.real = Clock.systemUTC();
    }

    /** A connector made by hand, unlocking drives with the given encryptors. */
    public LocalCloudConnector(List<DiskEncryptor> encryptors) {
        this(encryptors, Clock.systemUTC());
    }

    /** A connector made by hand whose service clock follows {@code real} (tests of a rehearsal's clock). */
    public LocalCloudConnector(List<DiskEncryptor> encryptors, Clock real) {
        this.encryptors.addAll(encryptors);
        this.real = real;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    protected void addEncryptor(DiskEncryptor encryptor) {
        encryptors.add(encryptor);
    }

    protected void removeEncryptor(DiskEncryptor encryptor) {
        encryptors.remove(encryptor);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Local cloud (embedded, with a datacenter simulator)";
    }

    @Override
    public synchronized void signIn(Map<String, Object> settings) throws IOException {
        Path folder = folder(settings);
        if (settings.containsKey(SECONDS_PER_DAY)) {
            throw Requests.invalid(new Problem(SECONDS_PER_DAY, null, "is no longer a setting of the local cloud: a "
                    + "compressed clock belongs to a rehearsal job, never to every job", "remove it from the local "
                    + "connector's settings (<data>/connectors/local.properties) and make a rehearsal with "
                    + "seedbench init --rehearsal [--days-per-second N]"));
        }
        CloudConnector storage = settings.get(IMPORT_STORAGE) instanceof CloudConnector c ? c : null;
        if (settings.get(IMPORT_STORAGE) != null && (storage == null || storage == this)) {
            throw Requests.invalid(new Problem(IMPORT_STORAGE, null, "is not another cloud connector",
                    "a signed-in CloudConnector whose containers hold the imported blobs"));
        }
        Session current = session;
        if (current != null && current.folder().equals(folder) && current.importStorage() == storage) {
            return;
        }
        ServiceClock clock = ServiceClock.open(folder.resolve("clock-lead.properties"), real);
        JobStore jobs = new JobStore(folder.resolve("importexport"));
        session = new Session(folder, clock, jobs, storage, new Datacenter(jobs, clock, encryptors, this::storage));
    }

    private static Path folder(Map<String, Object> settings) throws IOException {
        Object folder = settings.get(FOLDER);
        if (folder != null) {
            return path(FOLDER, folder);
        }
        Object data = settings.get(DATA_DIRECTORY);
        if (data == null) {
            throw Requests.invalid(new Problem(DATA_DIRECTORY, null, "is missing",
                    "Seedbench's data directory (the cloud lives in its 'cloud' folder) or a '" + FOLDER + "'"));
        }
        return path(DATA_DIRECTORY, data).resolve("cloud");
    }

    private static Path path(String key, Object value) throws IOException {
        if (value instanceof Path p) {
            return p.toAbsolutePath().normalize();
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return Path.of(s).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw Requests.invalid(new Problem(key, s, "is not a path", "a folder on this computer"));
            }
        }
        throw Requests.invalid(new Problem(key, String.valueOf(value), "is not a path", "a folder on this computer"));
    }

    private Session session() throws IOException {
        Session s = session;
        if (s == null) {
            throw new IOException("the local cloud is not signed in: call signIn with its data directory first");
        }
        return s;
    }

    /** Where the cloud lives. */
    public Path folder() throws IOException {
        return session().folder();
    }

    /** Moves the simulated service's clock ahead, for every job and every process that uses this cloud (tests). */
    public void advanceClock(Duration by) throws IOException {
        session().clock().advance(by);
    }

    @Override
    public Clock clock() {
        Session s = session;
        return s == null ? real : s.clock();
    }

    /** The import job's clock: the service's, or a rehearsal's own compressed one. */
    @Override
    public Clock clock(String subscriptionId, String jobName) throws IOException {
        Session s = session();
        Optional<JobRecord> job = s.jobs().read(subscriptionId, jobName);
        return job.isPresent() ? s.clock().forJob(job.get()) : s.clock();
    }

    @Override
    public List<DatacenterLocation> locations() {
        return Locations.all();
    }

    @Override
    public Optional<DatacenterLocation> location(String id) {
        return Locations.all().stream().filter(l -> l.id().equals(id)).findFirst();
    }

    @Override
    public CloudJobStatus createImportJob(ImportJobRequest request) throws IOException {
        Session s = session();
        Set<String> known = Locations.all().stream().map(DatacenterLocation::id).collect(Collectors.toSet());
        List<Problem> problems = Requests.check(request, known);
        if (!problems.isEmpty()) {
            throw Requests.invalid(problems);
        }
        Double daysPerSecond = Requests.daysPerSecond(request);
        try (FileLock lock = FileLock.acquire(s.jobs().lockFile(request.subscriptionId(), request.jobName()))) {
            Optional<JobRecord> existing = s.jobs().read(request.subscriptionId(), request.jobName());
            if (existing.isPresent()) {
                return sameJob(existing.get(), request);
            }
            JobRecord job = record(request, s.clock().instant());
            if (daysPerSecond != null) {
                job.daysPerSecond = daysPerSecond;
                job.realCreated = s.clock().realInstant().toString();
            }
            s.jobs().write(job);
            return job.status();
        }
    }

    /** Creating a job again with the same drives (a retry) gives the job; anything else is refused. */
    private static CloudJobStatus sameJob(JobRecord job, ImportJobRequest request) throws IOException {
        List<String> drives = job.drives.stream().map(d -> d.driveId).toList();
        boolean same = Objects.equals(job.storageAccount, request.storageAccount())
                && Objects.equals(job.container, request.container())
                && drives.equals(request.drives().stream().map(DriveEntry::driveId).toList());
        if (!same) {
            throw Requests.invalid(new Problem(SeedRules.NAME, request.jobName(), "already names another import job",
                    "a name no job of subscription " + request.subscriptionId() + " has"));
        }
        return job.status();
    }

    private static JobRecord record(ImportJobRequest request, Instant now) {
        JobRecord job = new JobRecord();
        job.subscription = request.subscriptionId();
        job.name = request.jobName();
        job.location = request.location();
        job.storageAccount = request.storageAccount();
        job.container = request.container();
        job.returnAddress = request.returnAddress();
        job.options.putAll(request.options());
        job.state = JobState.CREATING.label();
        job.created = now.toString();
        for (DriveEntry e : request.drives()) {
            DriveRecord d = new DriveRecord();
            d.driveId = e.driveId();
            d.keyProtectorId = e.keyProtector().id();
            char[] password = e.keyProtector().recoveryPassword().reveal();
            d.recoveryPassword = new String(password);
            java.util.Arrays.fill(password, '\0');
            d.manifestFile = e.manifestFile();
            d.manifestHash = e.manifestHash().toUpperCase(java.util.Locale.ROOT);
            d.encryptor = e.encryptor();
            if (e.attached() != null) {
                d.attachedSerial = e.attached().serial();
                d.attachedDevice = e.attached().device();
                d.attachedMountPoint = e.attached().mountPoint() == null ? null : e.attached().mountPoint().toString();
                d.attachedCapacity = e.attached().capacityBytes();
            }
            d.state = DriveState.SPECIFIED.label();
            job.drives.add(d);
        }
        return job;
    }

    @Override
    public Optional<CloudJobStatus> getImportJob(String subscriptionId, String jobName) throws IOException {
        return session().datacenter().advance(subscriptionId, jobName).map(JobRecord::status);
    }

    @Override
    public List<CloudJobStatus> listImportJobs(String subscriptionId) throws IOException {
        Session s = session();
        List<CloudJobStatus> jobs = new ArrayList<>();
        for (String name : s.jobs().names(subscriptionId)) {
            s.datacenter().advance(subscriptionId, name).ifPresent(j -> jobs.add(j.status()));
        }
        return jobs;
    }

    @Override
    public CloudJobStatus updateShipping(String subscriptionId, Shipment shipment) throws IOException {
        Session s = session();
        String name = shipment.jobName();
        List<String> otherTracking = new ArrayList<>();
        List<String> otherSerials = new ArrayList<>();
        for (String other : s.jobs().names(subscriptionId)) {
            if (!other.equals(name)) {
                s.jobs().read(subscriptionId, other).ifPresent(j -> {
                    if (j.trackingNumber != null) {
                        otherTracking.add(j.trackingNumber);
                    }
                    j.drives.forEach(d -> otherSerials.add(d.driveId));
                });
            }
        }
        s.datacenter().advance(subscriptionId, name);
        try (FileLock lock = FileLock.acquire(s.jobs().lockFile(subscriptionId, name))) {
            JobRecord job = existing(s, subscriptionId, name);
            Instant now = s.clock().forJob(job).instant();
            JobState state = job.jobState();
            if (state == JobState.EXPIRED || state == JobState.CREATING
                    && ShippingRules.deadline(job.createdAt(), now).expired()) {
                throw Requests.invalid(new Problem(ShippingRules.TRACKING, null, "comes too late: job " + name
                        + " expired, no shipping details were given within " + ShippingRules.DEADLINE_DAYS
                        + " days of its creation", "create the import job again"));
            }
            if (state != JobState.CREATING && state != JobState.SHIPPING) {
                throw Requests.invalid(new Problem(ShippingRules.TRACKING, null, "cannot change: job " + name + " is "
                        + state.label(), "shipping details while the job is Creating or Shipping"));
            }
            List<Problem> problems = ShippingRules.checkShipment(shipment,
                    job.drives.stream().map(d -> d.driveId).toList(), otherTracking, otherSerials);
            if (!problems.isEmpty()) {
                throw Requests.invalid(problems);
            }
            job.carrier = shipment.carrier();
            job.trackingNumber = shipment.trackingNumber();
            if (state == JobState.CREATING) {
                job.shipped = now.toString();
                job.state = JobState.SHIPPING.label();
            }
            s.jobs().write(job);
            return job.status();
        }
    }

    @Override
    public void cancelImportJob(String subscriptionId, String jobName) throws IOException {
        Session s = session();
        s.datacenter().advance(subscriptionId, jobName);
        try (FileLock lock = FileLock.acquire(s.jobs().lockFile(subscriptionId, jobName))) {
            JobRecord job = existing(s, subscriptionId, jobName);
            JobState state = job.jobState();
            if (state == JobState.CANCELLED) {
                return;
            }
            if (state != JobState.CREATING && state != JobState.SHIPPING && state != JobState.RECEIVED) {
                throw Requests.invalid(new Problem(SeedRules.NAME, jobName, "cannot be cancelled: it is "
                        + state.label(), "cancel before the datacenter starts transferring the data"));
            }
            job.state = JobState.CANCELLED.label();
            s.jobs().write(job);
        }
    }

    private static JobRecord existing(Session s, String subscriptionId, String jobName) throws IOException {
        return s.jobs().read(subscriptionId, jobName).orElseThrow(() -> new NoSuchFileException(
                "import job " + jobName + " of subscription " + subscriptionId + " does not exist"));
    }

    @Override
    public String readLog(String logUri) throws IOException {
        URI uri;
        try {
            uri = URI.create(logUri);
        } catch (IllegalArgumentException e) {
            throw Requests.invalid(new Problem("log", logUri, "is not a log location", LOG_SCHEME + "://<account>/"
                    + LOG_CONTAINER + "/<log>"));
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String prefix = "/" + LOG_CONTAINER + "/";
        if (!LOG_SCHEME.equals(uri.getScheme()) || uri.getHost() == null || !path.startsWith(prefix)) {
            throw Requests.invalid(new Problem("log", logUri, "is not a log of the local cloud", LOG_SCHEME
                    + "://<account>/" + LOG_CONTAINER + "/<log>"));
        }
        try (InputStream in = storage(uri.getHost(), LOG_CONTAINER).get(path.substring(prefix.length()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public BlobContainer container(String storageAccount, String container) throws IOException {
        List<Problem> problems = new ArrayList<>(SeedRules.checkStorageAccount(storageAccount));
        problems.addAll(SeedRules.checkContainer(container));
        if (!problems.isEmpty()) {
            throw Requests.invalid(problems);
        }
        return storage(storageAccount, container);
    }

    /** The container in the import storage when one is set, else in the cloud's folder. */
    private BlobContainer storage(String storageAccount, String container) throws IOException {
        Session s = session();
        if (s.importStorage() != null) {
            return s.importStorage().container(storageAccount, container);
        }
        return new FolderBlobContainer(s.folder().resolve("accounts").resolve(storageAccount).resolve(container));
    }

    @Override
    public String toString() {
        Session s = session;
        return "LocalCloudConnector[" + (s == null ? "not signed in" : s.folder()) + "]";
    }
}
