package org.seedbench.cloud.local;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DriveDock;
import org.seedbench.core.spi.DriveDock.DockedDrive;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.ImportJobRequest.DriveEntry;
import org.seedbench.core.spi.ObjectStore;

/**
 * A sign-in to the embedded {@code local} cloud: one cloud folder, its service clock, its import jobs and its
 * simulated datacenter, which receives drives from the {@link DriveDock} the session was signed in with. Sessions
 * share nothing in memory; two sessions of one folder meet only through its files (and their locks).
 */
public final class LocalSession implements CloudSession {
    private final Path folder;
    private final ServiceClock clock;
    private final JobStore jobs;
    private final CloudSession importStorage;
    private final DriveDock dock;
    private final Datacenter datacenter;

    LocalSession(Path folder, Clock real, List<DiskEncryptor> encryptors, CloudSession importStorage, DriveDock dock)
            throws IOException {
        this.folder = folder;
        this.clock = ServiceClock.open(folder.resolve("clock-lead.properties"), real);
        this.jobs = new JobStore(folder.resolve("importexport"));
        this.importStorage = importStorage;
        this.dock = dock;
        this.datacenter = new Datacenter(jobs, clock, encryptors, this::storage);
    }

    @Override
    public String connectorId() {
        return LocalCloudConnector.ID;
    }

    /** Where the cloud lives. */
    public Path folder() {
        return folder;
    }

    /** Moves the simulated service's clock ahead, for every job and every process that uses this cloud (tests). */
    public void advanceClock(Duration by) throws IOException {
        clock.advance(by);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** The import job's clock: the service's, or a rehearsal's own compressed one. */
    @Override
    public Clock clock(String subscriptionId, String jobName) throws IOException {
        Optional<JobRecord> job = jobs.read(subscriptionId, jobName);
        return job.isPresent() ? clock.forJob(job.get()) : clock;
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
        Set<String> known = Locations.all().stream().map(DatacenterLocation::id).collect(Collectors.toSet());
        List<Problem> problems = Requests.check(request, known);
        if (!problems.isEmpty()) {
            throw Requests.invalid(problems);
        }
        Double daysPerSecond = Requests.daysPerSecond(request);
        try (FileLock lock = FileLock.acquire(jobs.lockFile(request.subscriptionId(), request.jobName()))) {
            Optional<JobRecord> existing = jobs.read(request.subscriptionId(), request.jobName());
            if (existing.isPresent()) {
                return sameJob(existing.get(), request);
            }
            JobRecord job = record(request, clock.instant());
            if (daysPerSecond != null) {
                job.daysPerSecond = daysPerSecond;
                job.realCreated = clock.realInstant().toString();
            }
            jobs.write(job);
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

    private JobRecord record(ImportJobRequest request, Instant now) throws IOException {
        JobRecord job = new JobRecord();
        job.subscription = request.subscriptionId();
        job.name = request.jobName();
        job.location = request.location();
        job.storageAccount = request.storageAccount();
        job.container = request.container();
        job.returnAddress = request.returnAddress().oneLine();
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
            Optional<DockedDrive> docked = dock.find(e.driveId());
            if (docked.isPresent()) {
                DriveTarget attached = docked.get().target();
                d.attachedSerial = attached.serial();
                d.attachedDevice = attached.device();
                d.attachedMountPoint = attached.mountPoint() == null ? null : attached.mountPoint().toString();
                d.attachedCapacity = attached.capacityBytes();
                if (docked.get().encryptor() != null) {
                    d.encryptor = docked.get().encryptor();
                }
            }
            d.state = DriveState.SPECIFIED.label();
            job.drives.add(d);
        }
        return job;
    }

    @Override
    public Optional<CloudJobStatus> getImportJob(String subscriptionId, String jobName) throws IOException {
        return datacenter.advance(subscriptionId, jobName).map(JobRecord::status);
    }

    @Override
    public List<CloudJobStatus> listImportJobs(String subscriptionId) throws IOException {
        List<CloudJobStatus> found = new ArrayList<>();
        for (String name : jobs.names(subscriptionId)) {
            datacenter.advance(subscriptionId, name).ifPresent(j -> found.add(j.status()));
        }
        return found;
    }

    @Override
    public CloudJobStatus updateShipping(String subscriptionId, Shipment shipment) throws IOException {
        String name = shipment.jobName();
        List<String> otherTracking = new ArrayList<>();
        List<String> otherSerials = new ArrayList<>();
        for (String other : jobs.names(subscriptionId)) {
            if (!other.equals(name)) {
                jobs.read(subscriptionId, other).ifPresent(j -> {
                    if (j.trackingNumber != null) {
                        otherTracking.add(j.trackingNumber);
                    }
                    // the drives of a job that expired or was cancelled before they shipped may go into a new job
                    if (j.jobState() != JobState.EXPIRED && j.jobState() != JobState.CANCELLED) {
                        j.drives.forEach(d -> otherSerials.add(d.driveId));
                    }
                });
            }
        }
        datacenter.advance(subscriptionId, name);
        try (FileLock lock = FileLock.acquire(jobs.lockFile(subscriptionId, name))) {
            JobRecord job = existing(subscriptionId, name);
            Instant now = clock.forJob(job).instant();
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
            jobs.write(job);
            return job.status();
        }
    }

    @Override
    public void cancelImportJob(String subscriptionId, String jobName) throws IOException {
        datacenter.advance(subscriptionId, jobName);
        try (FileLock lock = FileLock.acquire(jobs.lockFile(subscriptionId, jobName))) {
            JobRecord job = existing(subscriptionId, jobName);
            JobState state = job.jobState();
            if (state == JobState.CANCELLED) {
                return;
            }
            if (state != JobState.CREATING && state != JobState.SHIPPING && state != JobState.RECEIVED) {
                throw Requests.invalid(new Problem(SeedRules.NAME, jobName, "cannot be cancelled: it is "
                        + state.label(), "cancel before the datacenter starts transferring the data"));
            }
            job.state = JobState.CANCELLED.label();
            jobs.write(job);
        }
    }

    private JobRecord existing(String subscriptionId, String jobName) throws IOException {
        return jobs.read(subscriptionId, jobName).orElseThrow(() -> new NoSuchFileException(
                "import job " + jobName + " of subscription " + subscriptionId + " does not exist"));
    }

    @Override
    public String readLog(String logUri) throws IOException {
        URI uri;
        try {
            uri = URI.create(logUri);
        } catch (IllegalArgumentException e) {
            throw Requests.invalid(new Problem("log", logUri, "is not a log location", LocalCloudConnector.LOG_SCHEME + "://<account>/"
                    + LocalCloudConnector.LOG_CONTAINER + "/<log>"));
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String prefix = "/" + LocalCloudConnector.LOG_CONTAINER + "/";
        if (!LocalCloudConnector.LOG_SCHEME.equals(uri.getScheme()) || uri.getHost() == null || !path.startsWith(prefix)) {
            throw Requests.invalid(new Problem("log", logUri, "is not a log of the local cloud", LocalCloudConnector.LOG_SCHEME
                    + "://<account>/" + LocalCloudConnector.LOG_CONTAINER + "/<log>"));
        }
        return new String(storage(uri.getHost(), LocalCloudConnector.LOG_CONTAINER).get(path.substring(prefix.length())),
                StandardCharsets.UTF_8);
    }

    @Override
    public ObjectStore container(String storageAccount, String container) throws IOException {
        List<Problem> problems = new ArrayList<>(SeedRules.checkStorageAccount(storageAccount));
        problems.addAll(SeedRules.checkContainer(container));
        if (!problems.isEmpty()) {
            throw Requests.invalid(problems);
        }
        return storage(storageAccount, container);
    }

    /** The container in the import storage when one is set, else in the cloud's folder. */
    private ObjectStore storage(String storageAccount, String container) throws IOException {
        if (importStorage != null) {
            return importStorage.container(storageAccount, container);
        }
        return new FolderBlobContainer(folder.resolve("accounts").resolve(storageAccount).resolve(container),
                LocalCloudConnector.ID + ":" + storageAccount + "/" + container);
    }

    @Override
    public String toString() {
        return "LocalSession[" + folder + "]";
    }
}
