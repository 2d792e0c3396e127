package org.seedbench.core.spi;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.Shipment;

/**
 * The cloud side of a seed: the import service (locations, import jobs and their drives) and the storage
 * the data lands in (the import container, then the backup vault). The embedded {@code local} connector
 * keeps everything on the local file system with a datacenter simulator; the {@code azure} connector uses
 * the Azure SDK.
 *
 * <p>Contract ({@code org.seedbench.testsupport.CloudConnectorContract}): a created job is found by
 * {@link #getImportJob} and {@link #listImportJobs} in state Creating with its drives Specified; shipping
 * details move it to Shipping; a cancelled job reports Cancelled; blobs put into a container read back
 * identical, list by prefix and are gone after delete.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface CloudConnector {

    /** e.g. {@code local}, {@code azure}. */
    String id();

    String label();

    /**
     * Signs in with the given settings (connection string, tenant, endpoints…). Secret settings are
     * {@code Secret}s and never logged.
     */
    void signIn(Map<String, Object> settings) throws IOException;

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

    /** The content of a drive's error or verbose log, by the location the status gave. */
    String readLog(String logUri) throws IOException;

    /** Blob operations on a container of the job's storage account (the import container, the vault). */
    BlobContainer container(String storageAccount, String container) throws IOException;

    /** A blob container. Names are '/'-separated. */
    @org.osgi.annotation.versioning.ConsumerType
    interface BlobContainer {
        void put(String name, InputStream content, long length) throws IOException;

        InputStream get(String name) throws IOException;

        /**
         * Up to {@code length} bytes of a blob from {@code offset} (fewer where the blob ends before).
         *
         * @throws java.nio.file.NoSuchFileException when the blob does not exist
         */
        InputStream get(String name, long offset, long length) throws IOException;

        /** The blob's length in bytes. @throws java.nio.file.NoSuchFileException when it does not exist */
        long size(String name) throws IOException;

        /** Names of the blobs whose name starts with {@code prefix}, sorted. */
        List<String> list(String prefix) throws IOException;

        boolean exists(String name) throws IOException;

        void delete(String name) throws IOException;

        /** Copies a blob from another container of the same account, server-side where the cloud can. */
        void copyFrom(BlobContainer source, String name) throws IOException;
    }
}
