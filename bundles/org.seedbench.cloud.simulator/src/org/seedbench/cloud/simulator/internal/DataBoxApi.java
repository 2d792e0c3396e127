package org.seedbench.cloud.simulator.internal;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.seedbench.cloud.simulator.internal.Answer.Failure;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.CloudJobStatus.DriveStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.ImportJobRequest.DriveEntry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code Microsoft.DataBox} job operations for customer disks ({@code DataBoxCustomerDisk}) on the backend
 * connector. The backend's states are told with Data Box's stage names; a disk's state as its copy status.
 */
public final class DataBoxApi extends JobApi {
    static final String PROVIDER = "Microsoft.DataBox";
    static final String SKU = "DataBoxCustomerDisk";
    /** The api-version the simulator serves Data Box in. */
    public static final String API_VERSION = "2022-12-01";

    private static final Map<JobState, String> STAGES = new EnumMap<>(JobState.class);
    private static final Map<DriveState, String> COPY_STATUS = new EnumMap<>(DriveState.class);
    static {
        STAGES.put(JobState.CREATING, "DeviceOrdered");
        STAGES.put(JobState.SHIPPING, "ShippedToAzureDC");
        STAGES.put(JobState.RECEIVED, "AtAzureDC");
        STAGES.put(JobState.TRANSFERRING, "DataCopy");
        STAGES.put(JobState.PACKAGING, "PreparingToShipFromAzureDC");
        STAGES.put(JobState.COMPLETED, "Completed");
        STAGES.put(JobState.COMPLETED_WITH_ERRORS, "CompletedWithErrors");
        STAGES.put(JobState.CLOSED, "ShippedToCustomer");
        STAGES.put(JobState.CANCELLED, "Cancelled");
        STAGES.put(JobState.EXPIRED, "Aborted");
        COPY_STATUS.put(DriveState.RECEIVED, "NotStarted");
        COPY_STATUS.put(DriveState.NEVER_RECEIVED, "DriveNotReceived");
        COPY_STATUS.put(DriveState.TRANSFERRING, "InProgress");
        COPY_STATUS.put(DriveState.COMPLETED, "Completed");
        COPY_STATUS.put(DriveState.COMPLETED_MORE_INFO, "CompletedWithErrors");
        COPY_STATUS.put(DriveState.SHIPPED_BACK, "Completed");
    }

    public DataBoxApi(CloudSession backend, JobBook book, URI storageEndpoint) {
        super(backend, book, storageEndpoint);
    }

    @Override
    protected String route() {
        return JobBook.DATA_BOX;
    }

    public Answer create(String subscription, String resourceGroup, String job, JsonNode body) throws IOException, Failure {
        String location = Answer.required(body, "location", "body");
        if (!SKU.equals(body.path("sku").path("name").asText())) {
            throw new Failure(Answer.error(400, "InvalidRequestContent", "sku.name: only " + SKU + " jobs are simulated"));
        }
        JsonNode details = body.path("properties").path("details");
        JsonNode account = details.path("dataImportDetails").path(0).path("accountDetails");
        JobBook.Entry entry = new JobBook.Entry(route(), resourceGroup, location, body.path("tags").deepCopy(),
                Answer.required(account, "storageAccountId", "details.dataImportDetails[0].accountDetails"));
        List<DriveEntry> drives = new ArrayList<>();
        for (var it = details.path("importDiskDetailsCollection").fields(); it.hasNext();) {
            var disk = it.next();
            JsonNode d = disk.getValue();
            String where = "importDiskDetailsCollection." + disk.getKey();
            drives.add(drive(disk.getKey(), Answer.required(d, "bitLockerKey", where), Answer.required(d, "manifestFile", where),
                    Answer.required(d, "manifestHash", where)));
            entry.drives.put(disk.getKey(), d.deepCopy());
        }
        if (drives.isEmpty()) {
            throw new Failure(Answer.error(400, "InvalidRequestContent", "details.importDiskDetailsCollection: a job needs disks"));
        }
        keepReturn(entry, details.path("shippingAddress"), details.path("returnToCustomerPackageDetails"));
        return create(subscription, job, entry, container(entry.tags), returnAddress(entry), drives);
    }

    /** Update: the return address and return carrier are kept for when the disks are marked shipped. */
    public Answer update(String subscription, String resourceGroup, String job, JsonNode body) throws IOException, Failure {
        existing(subscription, job);
        JobBook.Entry entry = entry(subscription, job, resourceGroup);
        JsonNode details = body.path("properties").path("details");
        keepReturn(entry, details.path("shippingAddress"), details.path("returnToCustomerPackageDetails"));
        return get(subscription, resourceGroup, job);
    }

    public Answer markDevicesShipped(String subscription, String resourceGroup, String job, JsonNode body)
            throws IOException, Failure {
        existing(subscription, job);
        JobBook.Entry entry = entry(subscription, job, resourceGroup);
        JsonNode delivery = body.path("deliverToDcPackageDetails");
        ship(subscription, job, Answer.required(delivery, "carrierName", "deliverToDcPackageDetails"),
                Answer.required(delivery, "trackingId", "deliverToDcPackageDetails"), null, entry);
        entry.deliveryPackage = (ObjectNode) delivery.deepCopy();
        return Answer.noContent();
    }

    public Answer cancel(String subscription, String job) throws IOException, Failure {
        existing(subscription, job);
        backend.cancelImportJob(subscription, job);
        return Answer.noContent();
    }

    @Override
    protected ObjectNode shape(String subscription, String job, JobBook.Entry entry, CloudJobStatus status) {
        ObjectNode node = Answer.JSON.createObjectNode().put("id", jobId(subscription, entry.resourceGroup, PROVIDER, job))
                .put("name", job).put("type", PROVIDER + "/jobs").put("location", entry.location);
        node.putObject("sku").put("name", SKU);
        node.set("tags", entry.tags);
        node.putObject("systemData").put("createdAt", createdAt(status));
        JobState state = status.serviceState();
        ObjectNode p = node.putObject("properties").put("transferType", "ImportToAzure").put("status", STAGES.get(state))
                .put("startTime", createdAt(status)).put("isCancellable", state == JobState.CREATING || state == JobState.SHIPPING
                        || state == JobState.RECEIVED)
                .put("isDeletable", state != JobState.SHIPPING && state != JobState.RECEIVED && state != JobState.TRANSFERRING
                        && state != JobState.PACKAGING);
        ObjectNode details = p.putObject("details").put("jobDetailsType", SKU);
        details.set("shippingAddress", entry.returnAddress);
        details.set("returnToCustomerPackageDetails", entry.returnShipping);
        details.set("deliverToDcPackageDetails", entry.deliveryPackage);
        ObjectNode disks = details.putObject("importDiskDetailsCollection");
        ArrayNode progress = details.putArray("copyProgress");
        ArrayNode logs = details.putArray("copyLogDetails");
        for (DriveStatus d : status.drives()) {
            JsonNode given = entry.drives.get(d.serial());
            disks.putObject(d.serial()).put("manifestFile", given == null ? null : given.path("manifestFile").asText(null))
                    .put("manifestHash", given == null ? null : given.path("manifestHash").asText(null));
            if (d.state() != DriveState.SPECIFIED) {
                progress.addObject().put("serialNumber", d.serial()).put("copyStatus", COPY_STATUS.get(d.state()))
                        .put("bytesProcessed", d.bytesCopied()).put("totalBytesToProcess", total(d))
                        .put("storageAccountName", accountName(entry.storageAccountId)).put("transferType", "ImportToAzure")
                        .put("dataAccountType", "StorageAccount").put("accountId", entry.storageAccountId);
            }
            if (d.errorLogUri() != null || d.verboseLogUri() != null) {
                logs.addObject().put("copyLogDetailsType", SKU).put("serialNumber", d.serial())
                        .put("errorLogLink", logUri(d.errorLogUri())).put("verboseLogLink", logUri(d.verboseLogUri()));
            }
        }
        return node;
    }

    /** The bytes a disk holds, as far as the backend's percent and bytes tell it. */
    private static long total(DriveStatus d) {
        return d.percentComplete() <= 0 ? 0 : Math.round(d.bytesCopied() * 100.0 / d.percentComplete());
    }
}
