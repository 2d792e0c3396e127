package org.seedbench.testsupport;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.ObjectStore;

/**
 * A session that hands every call of {@link CloudSession}'s own on to another session; the calls with a default
 * (clocks, encryptors, SAS) keep theirs unless a subclass forwards them too. Tests override what they change.
 */
public class ForwardingCloudSession implements CloudSession {
    private final CloudSession inner;

    public ForwardingCloudSession(CloudSession inner) {
        this.inner = inner;
    }

    /** The session calls are handed on to. */
    protected final CloudSession inner() {
        return inner;
    }

    @Override
    public String connectorId() {
        return inner.connectorId();
    }

    @Override
    public List<DatacenterLocation> locations() throws IOException {
        return inner.locations();
    }

    @Override
    public Optional<DatacenterLocation> location(String locationId) throws IOException {
        return inner.location(locationId);
    }

    @Override
    public CloudJobStatus createImportJob(ImportJobRequest request) throws IOException {
        return inner.createImportJob(request);
    }

    @Override
    public Optional<CloudJobStatus> getImportJob(String subscriptionId, String jobName) throws IOException {
        return inner.getImportJob(subscriptionId, jobName);
    }

    @Override
    public List<CloudJobStatus> listImportJobs(String subscriptionId) throws IOException {
        return inner.listImportJobs(subscriptionId);
    }

    @Override
    public CloudJobStatus updateShipping(String subscriptionId, Shipment shipment) throws IOException {
        return inner.updateShipping(subscriptionId, shipment);
    }

    @Override
    public void cancelImportJob(String subscriptionId, String jobName) throws IOException {
        inner.cancelImportJob(subscriptionId, jobName);
    }

    @Override
    public String readLog(String logUri) throws IOException {
        return inner.readLog(logUri);
    }

    @Override
    public ObjectStore container(String storageAccount, String container) throws IOException {
        return inner.container(storageAccount, container);
    }
}
