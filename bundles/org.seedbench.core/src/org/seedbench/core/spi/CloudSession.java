package org.seedbench.core.spi;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.Shipment;

/**
 * A signed-in account of a {@link CloudConnector}: everything that needs one (locations, import jobs, clocks,
 * drive logs, containers). A session belongs to whoever signed in; two sessions, of one connector or two, never
 * share state, so two jobs or two data directories work side by side.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface CloudSession {

    /** The id of the connector that signed in, e.g. {@code local}. */
    String connectorId();

    List<DatacenterLocation> locations() throws IOException;

    Optional<DatacenterLocation> location(String id) throws IOException;

    CloudJobStatus createImportJob(ImportJobRequest request) throws IOException;

    Optional<CloudJobStatus> getImportJob(String subscriptionId, String jobName) throws IOException;

    List<CloudJobStatus> listImportJobs(String subscriptionId) throws IOException;

    /** Gives the service the carrier and tracking number; the job moves to Shipping. */
    CloudJobStatus updateShipping(String subscriptionId, Shipment shipment) throws IOException;

    void cancelImportJob(String subscriptionId, String jobName) throws IOException;

    /**
     * The service's clock, by which import jobs are created and the 14-day shipping deadline runs. The real
     * service's is the system clock; the local datacenter simulator's may run compressed (a day in a second).
     */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The clock of one import job, by which it was created and its 14-day shipping deadline runs: the service's
     * {@link #clock()}, except at a simulated datacenter for a rehearsal job, whose own clock may run compressed.
     */
    default Clock clock(String subscriptionId, String jobName) throws IOException {
        return clock();
    }

    /**
     * The ids of the {@link DiskEncryptor}s whose drives this service's datacenter can unlock, e.g. only
     * {@code bitlocker} at Azure; empty when it unlocks any (a rehearsal on a simulated datacenter).
     */
    default List<String> unlockableEncryptors() {
        return List.of();
    }

    /**
     * A write-only SAS for a container, for the drive manifest's {@code ContainerSas}: the datacenter writes the
     * drives' blobs with it until {@code expiresAt}. Empty when the service needs none (the local cloud).
     */
    default Optional<Secret> importContainerSas(String storageAccount, String container, Instant expiresAt)
            throws IOException {
        return Optional.empty();
    }

    /** The content of a drive's error or verbose log, by the location the status gave. */
    String readLog(String logUri) throws IOException;

    /**
     * A container of the storage account (the import container, the vault) as an object store: names are
     * '/'-separated blob names, a put is atomic, {@link ObjectStore#copyFrom} is server-side where the cloud can.
     */
    ObjectStore container(String storageAccount, String container) throws IOException;
}
