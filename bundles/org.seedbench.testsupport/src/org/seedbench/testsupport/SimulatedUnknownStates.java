package org.seedbench.testsupport;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.CloudJobStatus.DriveStatus;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.ObjectStore;

/**
 * A simulated import service for front-end tests: another connector's service whose import jobs, once created, are
 * reported in states Seedbench has no counterpart for (the job {@value #JOB_STATE}, each drive {@value #DRIVE_STATE}),
 * with a ship-to address, a return package and an error, and whose clock runs {@code ahead} of the other's (so a
 * job waiting for its shipment is past its 14-day deadline). Register it as a {@link CloudConnector} service.
 */
public final class SimulatedUnknownStates implements CloudConnector {
    /** The connector's id. */
    public static final String ID = "unknown-states";
    /** What the service says of each job and drive. */
    public static final String JOB_STATE = "DevicePrepared";
    public static final String DRIVE_STATE = "AtAzureDC";
    public static final String COPY_STATUS = "NotStarted";
    public static final String SHIP_TO = "Microsoft Azure Data Box\n1 Datacenter Way\nAmsterdam";
    public static final String RETURN_PACKAGE = "UPS 1Z-RETURNED-1";
    public static final String ERROR = "Unknown: the disk is waiting for inspection";

    private final CloudConnector delegate;
    private final Duration ahead;
    private final List<ImportJobRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Shipment> shipments = new CopyOnWriteArrayList<>();

    public SimulatedUnknownStates(CloudConnector delegate, Duration ahead) {
        this.delegate = delegate;
        this.ahead = ahead;
    }

    /** The requests to create an import job this service received, oldest first. */
    public List<ImportJobRequest> requests() {
        return List.copyOf(requests);
    }

    /** The shipments this service was told of, oldest first. */
    public List<Shipment> shipments() {
        return List.copyOf(shipments);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Simulated service with states Seedbench does not know";
    }

    @Override
    public CloudSession signIn(ConnectorSettings settings) throws IOException {
        return new Session(delegate.signIn(settings));
    }

    /** The status as this service reports it: the same job in states of its own. */
    static CloudJobStatus unknown(CloudJobStatus s) {
        List<DriveStatus> drives = new ArrayList<>();
        for (DriveStatus d : s.drives()) {
            drives.add(new DriveStatus(d.serial(), null, d.percentComplete(), d.bytesCopied(), null, null,
                    DRIVE_STATE, COPY_STATUS, null, null));
        }
        return new CloudJobStatus(s.jobName(), null, s.percentComplete(), s.bytesCopied(), drives, s.created(),
                JOB_STATE, SHIP_TO, RETURN_PACKAGE, ERROR);
    }

    private final class Session implements CloudSession {
        private final CloudSession session;

        Session(CloudSession session) {
            this.session = session;
        }

        @Override
        public String connectorId() {
            return ID;
        }

        @Override
        public List<DatacenterLocation> locations() throws IOException {
            return session.locations();
        }

        @Override
        public Optional<DatacenterLocation> location(String id) throws IOException {
            return session.location(id);
        }

        @Override
        public CloudJobStatus createImportJob(ImportJobRequest request) throws IOException {
            requests.add(request);
            return session.createImportJob(request);
        }

        @Override
        public Optional<CloudJobStatus> getImportJob(String subscriptionId, String jobName) throws IOException {
            return session.getImportJob(subscriptionId, jobName).map(SimulatedUnknownStates::unknown);
        }

        @Override
        public List<CloudJobStatus> listImportJobs(String subscriptionId) throws IOException {
            return session.listImportJobs(subscriptionId).stream().map(SimulatedUnknownStates::unknown).toList();
        }

        @Override
        public CloudJobStatus updateShipping(String subscriptionId, Shipment shipment) throws IOException {
            shipments.add(shipment);
            return unknown(session.updateShipping(subscriptionId, shipment));
        }

        @Override
        public void cancelImportJob(String subscriptionId, String jobName) throws IOException {
            session.cancelImportJob(subscriptionId, jobName);
        }

        @Override
        public Clock clock() {
            return Clock.offset(session.clock(), ahead);
        }

        @Override
        public Clock clock(String subscriptionId, String jobName) throws IOException {
            return Clock.offset(session.clock(subscriptionId, jobName), ahead);
        }

        @Override
        public List<String> unlockableEncryptors() {
            return session.unlockableEncryptors();
        }

        @Override
        public Optional<Secret> importContainerSas(String storageAccount, String container, Instant expiresAt)
                throws IOException {
            return session.importContainerSas(storageAccount, container, expiresAt);
        }

        @Override
        public String readLog(String logUri) throws IOException {
            return session.readLog(logUri);
        }

        @Override
        public ObjectStore container(String storageAccount, String container) throws IOException {
            return session.container(storageAccount, container);
        }
    }
}
