package org.seedbench.cloud.azure.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.CloudJobStatus.DriveStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.ImportJobRequest.DriveEntry;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Azure Data Box with customer-supplied disks ({@code Microsoft.DataBox}, sku {@code DataBoxCustomerDisk},
 * api-version {@value #API_VERSION}): the drives go in {@code importDiskDetailsCollection} by serial, the
 * delivery package is given with {@code markDevicesShipped}, progress comes per disk in {@code copyProgress}
 * and the logs in {@code copyLogDetails}.
 *
 * <p>Data Box names its stages differently from Import/Export; {@link #jobState} and {@link #driveState} map
 * them onto Seedbench's service states (a disk is Shipped back once the job reached {@code ShippedToCustomer}).
 */
public final class DataBoxRoute extends ImportRoute {
    public static final String ID = "databox";
    public static final String API_VERSION = "2022-12-01";
    static final String PROVIDER = "Microsoft.DataBox";
    static final String SKU = "DataBoxCustomerDisk";

    /** Data Box stage names by Seedbench service state, in both directions where they are one-to-one. */
    private static final Map<String, JobState> STAGES = new HashMap<>();
    static {
        STAGES.put("DeviceOrdered", JobState.CREATING);
        STAGES.put("Created", JobState.CREATING);
        STAGES.put("AwaitingShipmentDetails", JobState.CREATING);
        STAGES.put("ShippedToAzureDC", JobState.SHIPPING);
        STAGES.put("Dispatched", JobState.SHIPPING);
        STAGES.put("AtAzureDC", JobState.RECEIVED);
        STAGES.put("ReadyToReceiveAtAzureDC", JobState.RECEIVED);
        STAGES.put("DataCopy", JobState.TRANSFERRING);
        STAGES.put("PreparingToShipFromAzureDC", JobState.PACKAGING);
        STAGES.put("ReadyToDispatchFromAzureDC", JobState.PACKAGING);
        STAGES.put("Completed", JobState.COMPLETED);
        STAGES.put("CompletedWithErrors", JobState.COMPLETED_WITH_ERRORS);
        STAGES.put("CompletedWithWarnings", JobState.COMPLETED_WITH_ERRORS);
        STAGES.put("Failed_IssueDetectedAtAzureDC", JobState.COMPLETED_WITH_ERRORS);
        STAGES.put("Failed_IssueReportedAtCustomer", JobState.COMPLETED_WITH_ERRORS);
        STAGES.put("ShippedToCustomer", JobState.CLOSED);
        STAGES.put("Cancelled", JobState.CANCELLED);
        STAGES.put("Aborted", JobState.EXPIRED);
    }

    public DataBoxRoute(ManagementClient client, String resourceGroup) {
        super(client, resourceGroup, PROVIDER, API_VERSION, "Data Box job");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CloudJobStatus create(ImportJobRequest request) throws IOException {
        Map<String, String> options = request.options();
        ObjectNode details = object().put("jobDetailsType", SKU).put("enableManifestBackup", false);
        ObjectNode contact = details.putObject("contactDetails")
                .put("contactName", options.getOrDefault(CONTACT_NAME, "Seedbench"))
                .put("phone", options.getOrDefault(PHONE, ""));
        contact.putArray("emailList").add(options.getOrDefault(EMAIL, ""));
        details.set("shippingAddress", shippingAddress(request.returnAddress().oneLine()));
        details.putArray("dataImportDetails").addObject().putObject("accountDetails")
                .put("dataAccountType", "StorageAccount").put("storageAccountId", storageAccountId(request));
        ObjectNode disks = details.putObject("importDiskDetailsCollection");
        for (DriveEntry drive : request.drives()) {
            disks.putObject(drive.driveId()).put("manifestFile", drive.manifestFile())
                    .put("manifestHash", drive.manifestHash())
                    .put("bitLockerKey", ImportExportRoute.recoveryPassword(drive));
        }
        if (options.containsKey(RETURN_CARRIER) || options.containsKey(RETURN_CARRIER_ACCOUNT)) {
            details.putObject("returnToCustomerPackageDetails").put("carrierName", options.getOrDefault(RETURN_CARRIER, ""))
                    .put("carrierAccountNumber", options.getOrDefault(RETURN_CARRIER_ACCOUNT, ""));
        }
        ObjectNode body = object().put("location", request.location());
        body.putObject("sku").put("name", SKU);
        body.set("tags", tags(request));
        ObjectNode properties = body.putObject("properties").put("transferType", "ImportToAzure");
        properties.set("details", details);
        return submit(request, body);
    }

    /** Only customer-disk jobs: the provider lists the Data Box devices' jobs too. */
    @Override
    protected boolean isImportJob(JsonNode job) {
        return SKU.equals(job.path("sku").path("name").asText(SKU));
    }

    /**
     * Updates the return address and carrier account when the shipment gives them, then marks the disks as
     * shipped with the delivery package's carrier and tracking number.
     */
    @Override
    public CloudJobStatus ship(String subscription, Shipment shipment) throws IOException {
        String path = jobPath(subscription, shipment.jobName());
        boolean hasAddress = !shipment.returnAddress().isEmpty();
        boolean hasAccount = shipment.returnCarrierAccount() != null && !shipment.returnCarrierAccount().isBlank();
        if (hasAddress || hasAccount) {
            ObjectNode details = object();
            if (hasAddress) {
                details.set("shippingAddress", shippingAddress(shipment.returnAddress().oneLine()));
            }
            if (hasAccount) {
                details.putObject("returnToCustomerPackageDetails").put("carrierName", shipment.carrier())
                        .put("carrierAccountNumber", shipment.returnCarrierAccount());
            }
            ObjectNode body = object();
            body.putObject("properties").set("details", details);
            client.send(HttpMethod.PATCH, path, API_VERSION, body,
                    "give the return details of Data Box job '" + shipment.jobName() + "'");
        }
        ObjectNode shipped = object();
        shipped.putObject("deliverToDcPackageDetails").put("carrierName", shipment.carrier())
                .put("trackingId", shipment.trackingNumber());
        client.send(HttpMethod.POST, path + "/markDevicesShipped", API_VERSION, shipped,
                "mark the disks of Data Box job '" + shipment.jobName() + "' shipped");
        return get(subscription, shipment.jobName()).orElseThrow(() -> new IOException(
                "Azure Data Box: job '" + shipment.jobName() + "' is gone after its disks were marked shipped"));
    }

    @Override
    public void cancel(String subscription, String job) throws IOException {
        client.send(HttpMethod.POST, jobPath(subscription, job) + "/cancel", API_VERSION,
                object().put("reason", "Cancelled in Seedbench"), "cancel Data Box job '" + job + "'");
    }

    private static ObjectNode shippingAddress(String address) {
        return object().put("streetAddress1", oneLine(address)).put("addressType", "Commercial");
    }

    /** A Data Box job resource (customer disk) as Seedbench sees it. */
    @Override
    protected CloudJobStatus status(JsonNode job) {
        JsonNode p = job.path("properties");
        JsonNode details = p.path("details");
        JobState state = jobState(p.path("status").asText(""));
        Map<String, JsonNode> progress = bySerial(details.path("copyProgress"));
        Map<String, JsonNode> logs = bySerial(details.path("copyLogDetails"));
        List<DriveStatus> drives = new ArrayList<>();
        long processed = 0;
        long total = 0;
        for (var it = details.path("importDiskDetailsCollection").fieldNames(); it.hasNext();) {
            String serial = it.next();
            JsonNode copy = progress.get(serial);
            JsonNode log = logs.get(serial);
            long bytes = copy == null ? 0 : copy.path("bytesProcessed").asLong(0);
            long toProcess = copy == null ? 0 : copy.path("totalBytesToProcess").asLong(0);
            processed += bytes;
            total += toProcess;
            DriveState driveState = driveState(copy == null ? null : copy.path("copyStatus").asText(""), state);
            drives.add(new DriveStatus(serial, driveState, percent(bytes, toProcess, driveState), bytes,
                    log == null ? null : text(log.path("errorLogLink")), log == null ? null : text(log.path("verboseLogLink"))));
        }
        int percent = total > 0 ? (int) Math.round(processed * 100.0 / total) : finished(state) ? 100 : 0;
        return new CloudJobStatus(job.path("name").asText(), state, percent, processed, drives,
                instant(p.path("startTime")) != null ? instant(p.path("startTime")) : instant(job.path("systemData").path("createdAt")));
    }

    static JobState jobState(String status) {
        JobState state = STAGES.get(status);
        if (state == null) {
            return status.isEmpty() ? JobState.CREATING : JobState.COMPLETED_WITH_ERRORS;
        }
        return state;
    }

    /**
     * A disk's state from its copy status: no copy progress yet → Specified; NotStarted → Received; InProgress →
     * Transferring; Completed → Completed (Shipped back when the job was shipped back); DriveNotReceived →
     * NeverReceived; any other status (an error) → CompletedMoreInfo.
     */
    static DriveState driveState(String copyStatus, JobState job) {
        if (copyStatus == null || copyStatus.isEmpty()) {
            return DriveState.SPECIFIED;
        }
        return switch (copyStatus) {
        case "NotStarted" -> DriveState.RECEIVED;
        case "InProgress" -> DriveState.TRANSFERRING;
        case "Completed" -> job == JobState.CLOSED ? DriveState.SHIPPED_BACK : DriveState.COMPLETED;
        case "DriveNotReceived" -> DriveState.NEVER_RECEIVED;
        default -> DriveState.COMPLETED_MORE_INFO;
        };
    }

    private static boolean finished(JobState state) {
        return state == JobState.COMPLETED || state == JobState.CLOSED;
    }

    private static int percent(long bytes, long total, DriveState state) {
        if (total > 0) {
            return (int) Math.round(bytes * 100.0 / total);
        }
        return state == DriveState.COMPLETED || state == DriveState.SHIPPED_BACK ? 100 : 0;
    }

    private static Map<String, JsonNode> bySerial(JsonNode array) {
        Map<String, JsonNode> result = new HashMap<>();
        array.forEach(n -> result.put(n.path("serialNumber").asText(), n));
        return result;
    }
}
