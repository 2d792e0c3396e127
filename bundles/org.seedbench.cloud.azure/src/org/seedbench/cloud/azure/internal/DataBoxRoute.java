package org.seedbench.cloud.azure.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.CloudJobStatus.DriveStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.ImportJobRequest.DriveEntry;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Azure Data Box with customer-supplied disks ({@code Microsoft.DataBox}, sku {@code DataBoxCustomerDisk},
 * api-version {@value #API_VERSION}): the drives go in {@code importDiskDetailsCollection} by serial, the contact
 * and return address in {@code contactDetails} and {@code shippingAddress}, the return carrier in
 * {@code returnToCustomerPackageDetails}, and verbose copy logs are asked for. The job's {@code details} (disks,
 * copy progress, logs, the datacenter's address) come only with {@code $expand=details}. Create, update, delete,
 * cancel and {@code markDevicesShipped} are waited for as long-running operations ({@link LongRunningOperation}).
 *
 * <p>Data Box names its stages differently from Import/Export; a stage maps onto a Seedbench service state only
 * where it means the same. Any other stage (those of Microsoft-supplied devices, a failure, an abort, one the
 * reference does not list yet) is kept as the service's text with no state, so that nothing takes the job for
 * finished. Disks likewise by their copy status.
 */
public final class DataBoxRoute extends ImportRoute {
    public static final String ID = "databox";
    public static final String API_VERSION = "2022-12-01";
    static final String PROVIDER = "Microsoft.DataBox";
    static final String SKU = "DataBoxCustomerDisk";
    private static final String EXPAND_DETAILS = "?$expand=details";

    /** Data Box stages that mean what a Seedbench service state means. */
    private static final Map<String, JobState> STAGES = new HashMap<>();
    /** Copy statuses that mean what a Seedbench drive state means. */
    private static final Map<String, DriveState> COPY_STATUSES = new HashMap<>();
    static {
        STAGES.put("DeviceOrdered", JobState.CREATING);
        STAGES.put("Created", JobState.CREATING);
        STAGES.put("AwaitingShipmentDetails", JobState.CREATING);
        STAGES.put("ShippedToAzureDC", JobState.SHIPPING);
        STAGES.put("AtAzureDC", JobState.RECEIVED);
        STAGES.put("DataCopy", JobState.TRANSFERRING);
        STAGES.put("PreparingToShipFromAzureDC", JobState.PACKAGING);
        STAGES.put("ReadyToDispatchFromAzureDC", JobState.PACKAGING);
        STAGES.put("Completed", JobState.COMPLETED);
        STAGES.put("CompletedWithErrors", JobState.COMPLETED_WITH_ERRORS);
        STAGES.put("CompletedWithWarnings", JobState.COMPLETED_WITH_ERRORS);
        STAGES.put("ShippedToCustomer", JobState.CLOSED);
        STAGES.put("Cancelled", JobState.CANCELLED);
        COPY_STATUSES.put("NotStarted", DriveState.RECEIVED);
        COPY_STATUSES.put("InProgress", DriveState.TRANSFERRING);
        COPY_STATUSES.put("Completed", DriveState.COMPLETED);
        COPY_STATUSES.put("CompletedWithErrors", DriveState.COMPLETED_MORE_INFO);
        COPY_STATUSES.put("DriveNotReceived", DriveState.NEVER_RECEIVED);
        COPY_STATUSES.put("NotReturned", DriveState.NEVER_RECEIVED);
    }

    private final LongRunningOperation operations;

    public DataBoxRoute(ManagementClient client, String resourceGroup) {
        super(client, resourceGroup, PROVIDER, API_VERSION, "Data Box job");
        this.operations = new LongRunningOperation(client);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CloudJobStatus create(ImportJobRequest request) throws IOException {
        refuseIncomplete(request);
        ObjectNode details = object().put("jobDetailsType", SKU);
        details.set("contactDetails", contactDetails(request.returnAddress()));
        details.set("shippingAddress", shippingAddress(request.returnAddress()));
        details.set("returnToCustomerPackageDetails", returnPackage(request.returnShipping()));
        details.putArray("dataImportDetails").addObject().put("logCollectionLevel", "Verbose").putObject("accountDetails")
                .put("dataAccountType", "StorageAccount").put("storageAccountId", storageAccountId(request));
        ObjectNode disks = details.putObject("importDiskDetailsCollection");
        for (DriveEntry drive : request.drives()) {
            disks.putObject(drive.driveId()).put("manifestFile", drive.manifestFile())
                    .put("manifestHash", drive.manifestHash())
                    .put("bitLockerKey", ImportExportRoute.recoveryPassword(drive));
        }
        details.put("enableManifestBackup", false);
        ObjectNode body = object().put("location", request.location());
        body.putObject("sku").put("name", SKU);
        body.set("tags", tags(request));
        ObjectNode properties = body.putObject("properties").put("transferType", "ImportToAzure");
        properties.set("details", details);
        String job = request.jobName();
        operations.run(HttpMethod.PUT, jobPath(request.subscriptionId(), job), API_VERSION, body,
                "create Data Box job '" + job + "'");
        return get(request.subscriptionId(), job).orElseThrow(() -> new IOException(
                "Azure Data Box: job '" + job + "' was created but cannot be found; look it up later"));
    }

    /**
     * Refuses, before anything is sent, a request without what Data Box requires of a customer-disk job: a
     * contact (name, phone, e-mail), a return street and country, and the return carrier with the admin's account.
     */
    private static void refuseIncomplete(ImportJobRequest request) throws IOException {
        List<String> missing = new ArrayList<>(request.returnAddress().missing());
        missing.retainAll(List.of("recipientName", "streetAddress1", "countryOrRegion", "phone", "email"));
        ReturnShipping shipping = request.returnShipping();
        if (shipping.carrierName() == null) {
            missing.add("returnCarrier");
        }
        if (shipping.carrierAccountNumber() == null) {
            missing.add("returnCarrierAccount");
        }
        if (!missing.isEmpty()) {
            Problem problem = new Problem("return details of Data Box job '" + request.jobName() + "'", null,
                    "lack " + String.join(", ", missing),
                    "Data Box needs a contact (name, phone, e-mail), a return street and country, and the return "
                            + "carrier with your account number");
            throw new IOException(problem.message(), new InvalidInputException(problem));
        }
    }

    @Override
    public Optional<CloudJobStatus> get(String subscription, String job) throws IOException {
        Optional<JsonNode> found = client.get(jobPath(subscription, job) + EXPAND_DETAILS, API_VERSION,
                "read Data Box job '" + job + "'");
        return found.map(DataBoxRoute::describe);
    }

    /**
     * The customer-disk jobs of the subscription, each read with its details: the reference's list operation
     * takes no {@code $expand}, and without details a job has no disks and no progress.
     */
    @Override
    public List<CloudJobStatus> list(String subscription) throws IOException {
        List<CloudJobStatus> jobs = new ArrayList<>();
        for (JsonNode job : listAll("/subscriptions/" + subscription + "/providers/" + PROVIDER + "/jobs", API_VERSION,
                "list the Data Box jobs of subscription " + subscription)) {
            if (isImportJob(job)) {
                get(subscription, job.path("name").asText()).ifPresent(jobs::add);
            }
        }
        return jobs;
    }

    /** Only customer-disk jobs: the provider lists the Data Box devices' jobs too. */
    @Override
    protected boolean isImportJob(JsonNode job) {
        return SKU.equals(job.path("sku").path("name").asText(SKU));
    }

    /**
     * Gives the service the return details the shipment carries (contact and address when complete, the return
     * carrier and account), then marks the disks shipped with the delivery package's carrier and tracking number
     * and waits for both.
     */
    @Override
    public CloudJobStatus ship(String subscription, Shipment shipment) throws IOException {
        String job = shipment.jobName();
        String path = jobPath(subscription, job);
        ObjectNode details = object();
        ReturnAddress address = shipment.returnAddress();
        if (address.recipientName() != null && address.phone() != null && address.email() != null) {
            details.set("contactDetails", contactDetails(address));
        }
        if (address.streetAddress1() != null && address.countryOrRegion() != null) {
            details.set("shippingAddress", shippingAddress(address));
        }
        if (shipment.returnShipping().isComplete()) {
            details.set("returnToCustomerPackageDetails", returnPackage(shipment.returnShipping()));
        }
        if (!details.isEmpty()) {
            ObjectNode body = object();
            body.putObject("properties").set("details", details);
            operations.run(HttpMethod.PATCH, path, API_VERSION, body, "give the return details of Data Box job '" + job + "'");
        }
        ObjectNode shipped = object();
        shipped.putObject("deliverToDcPackageDetails").put("carrierName", shipment.carrier())
                .put("trackingId", shipment.trackingNumber());
        operations.run(HttpMethod.POST, path + "/markDevicesShipped", API_VERSION, shipped,
                "mark the disks of Data Box job '" + job + "' shipped");
        return get(subscription, job).orElseThrow(() -> new IOException(
                "Azure Data Box: job '" + job + "' is gone after its disks were marked shipped"));
    }

    @Override
    public void cancel(String subscription, String job) throws IOException {
        operations.run(HttpMethod.POST, jobPath(subscription, job) + "/cancel", API_VERSION,
                object().put("reason", "Cancelled in Seedbench"), "cancel Data Box job '" + job + "'");
    }

    @Override
    public void delete(String subscription, String job) throws IOException {
        operations.run(HttpMethod.DELETE, jobPath(subscription, job), API_VERSION, null, "delete Data Box job '" + job + "'");
    }

    private static ObjectNode contactDetails(ReturnAddress address) {
        ObjectNode contact = object().put("contactName", address.recipientName()).put("phone", address.phone());
        contact.putArray("emailList").add(address.email());
        return contact;
    }

    private static ObjectNode shippingAddress(ReturnAddress address) {
        ObjectNode node = object().put("streetAddress1", address.streetAddress1());
        putIfGiven(node, "streetAddress2", address.streetAddress2());
        putIfGiven(node, "city", address.city());
        putIfGiven(node, "stateOrProvince", address.stateOrProvince());
        putIfGiven(node, "postalCode", address.postalCode());
        return node.put("country", address.countryOrRegion()).put("addressType", "Commercial");
    }

    private static ObjectNode returnPackage(ReturnShipping shipping) {
        return object().put("carrierName", shipping.carrierName())
                .put("carrierAccountNumber", shipping.carrierAccountNumber());
    }

    private static void putIfGiven(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    @Override
    protected CloudJobStatus status(JsonNode job) {
        return describe(job);
    }

    /** A Data Box job resource (customer disk), read with {@code $expand=details}, as Seedbench sees it. */
    static CloudJobStatus describe(JsonNode job) {
        JsonNode p = job.path("properties");
        JsonNode details = p.path("details");
        String stage = p.path("status").asText("");
        JobState state = jobState(stage);
        Map<String, JsonNode> progress = bySerial(details.path("copyProgress"));
        Map<String, JsonNode> logs = bySerial(details.path("copyLogDetails"));
        Map<String, JsonNode> disks = new LinkedHashMap<>();
        details.path("importDiskDetailsCollection").fields().forEachRemaining(e -> disks.put(e.getKey(), e.getValue()));
        progress.keySet().forEach(serial -> disks.putIfAbsent(serial, object()));
        List<DriveStatus> drives = new ArrayList<>();
        long processed = 0;
        long total = 0;
        for (Map.Entry<String, JsonNode> disk : disks.entrySet()) {
            String serial = disk.getKey();
            JsonNode copy = progress.getOrDefault(serial, object());
            JsonNode log = logs.getOrDefault(serial, object());
            long bytes = copy.path("bytesProcessed").asLong(0);
            long toProcess = copy.path("totalBytesToProcess").asLong(0);
            processed += bytes;
            total += toProcess;
            String copyStatus = text(copy.path("copyStatus"));
            DriveState driveState = driveState(copyStatus, state);
            drives.add(new DriveStatus(serial, driveState, percent(bytes, toProcess, driveState), bytes,
                    text(log.path("errorLogLink")), text(log.path("verboseLogLink")), copyStatus, copyStatus,
                    text(disk.getValue().path("backupManifestCloudPath")), null));
        }
        int percent = total > 0 ? (int) Math.round(processed * 100.0 / total)
                : state == JobState.COMPLETED || state == JobState.CLOSED ? 100 : 0;
        return new CloudJobStatus(job.path("name").asText(), state, percent, processed, drives,
                instant(p.path("startTime")) != null ? instant(p.path("startTime")) : instant(job.path("systemData").path("createdAt")),
                stage.isEmpty() ? null : stage, shipTo(details.path("datacenterAddress")),
                returnPackage(details.path("returnPackage")), error(p.path("error")));
    }

    /**
     * A stage as Seedbench's service state, or null when none means the same (the stage's name is then shown as it
     * is). A job that names no stage yet is being created.
     */
    static JobState jobState(String stage) {
        return stage == null || stage.isEmpty() ? JobState.CREATING : STAGES.get(stage);
    }

    /**
     * A disk's state from its copy status: no copy progress yet → Specified; NotStarted → Received; InProgress →
     * Transferring; Completed → Completed (Shipped back once the job is); CompletedWithErrors → CompletedMoreInfo;
     * DriveNotReceived or NotReturned → NeverReceived; any other (a failed copy) → null, shown as the status itself.
     */
    static DriveState driveState(String copyStatus, JobState job) {
        if (copyStatus == null || copyStatus.isEmpty()) {
            return DriveState.SPECIFIED;
        }
        DriveState state = COPY_STATUSES.get(copyStatus);
        return state == DriveState.COMPLETED && job == JobState.CLOSED ? DriveState.SHIPPED_BACK : state;
    }

    /** The datacenter's address as the job gives it, one line per label line; null when it gives none. */
    private static String shipTo(JsonNode address) {
        if (address.isMissingNode() || address.isNull()) {
            return null;
        }
        String instruction = text(address.path("communicationInstruction"));
        if (instruction != null) {
            return instruction;
        }
        List<String> lines = new ArrayList<>();
        for (String field : List.of("contactPersonName", "company", "street1", "street2", "street3")) {
            addIfGiven(lines, text(address.path(field)));
        }
        StringJoiner place = new StringJoiner(" ");
        for (String field : List.of("state", "zip")) {
            String value = text(address.path(field));
            if (value != null) {
                place.add(value);
            }
        }
        String city = text(address.path("city"));
        addIfGiven(lines, city == null ? (place.length() == 0 ? null : place.toString())
                : place.length() == 0 ? city : city + ", " + place);
        addIfGiven(lines, text(address.path("country")));
        String phone = text(address.path("phone"));
        addIfGiven(lines, phone == null ? null : "Phone: " + phone);
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    private static void addIfGiven(List<String> lines, String line) {
        if (line != null) {
            lines.add(line);
        }
    }

    private static String returnPackage(JsonNode pkg) {
        String carrier = text(pkg.path("carrierName"));
        String tracking = text(pkg.path("trackingId"));
        if (carrier == null && tracking == null) {
            return null;
        }
        return carrier == null ? tracking : tracking == null ? carrier : carrier + " " + tracking;
    }

    /** The job's error in one line, details included; null when there is none. */
    private static String error(JsonNode error) {
        String code = text(error.path("code"));
        String message = text(error.path("message"));
        if (code == null && message == null) {
            return null;
        }
        StringBuilder line = new StringBuilder(code == null ? "" : code + ": ").append(message == null ? "" : message);
        error.path("details").forEach(d -> line.append(" (").append(d.path("code").asText("")).append(": ")
                .append(d.path("message").asText("")).append(')'));
        return line.toString().replace('\n', ' ').strip();
    }

    private static int percent(long bytes, long total, DriveState state) {
        if (total > 0) {
            return (int) Math.round(bytes * 100.0 / total);
        }
        return state == DriveState.COMPLETED || state == DriveState.SHIPPED_BACK ? 100 : 0;
    }

    private static Map<String, JsonNode> bySerial(JsonNode array) {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        array.forEach(n -> result.put(n.path("serialNumber").asText(), n));
        return result;
    }
}
