package org.seedbench.cloud.simulator.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.seedbench.cloud.simulator.internal.Answer.Failure;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.CloudJobStatus.DriveStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.core.spi.ImportJobRequest.DriveEntry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code Microsoft.DataBox} job operations (api-version {@value #API_VERSION}) for customer disks
 * ({@code DataBoxCustomerDisk}) on the backend connector, held to the published reference: a body missing a
 * required field or carrying a value outside an enum is refused (400, ARM's error shape); create answers 202 with
 * an {@code Azure-AsyncOperation} status resource and a {@code Location}, update and delete 202 with a
 * {@code Location}, markDevicesShipped and cancel 204; a job's {@code details} are sent only for
 * {@code $expand=details}, and list sends none. The backend's states are told with Data Box's stage names; a disk's
 * state as its copy status.
 */
public final class DataBoxApi extends JobApi {
    /** The api-version the simulator serves Data Box in (the simulator refuses any other before a handler runs). */
    public static final String API_VERSION = "2022-12-01";
    static final String PROVIDER = "Microsoft.DataBox";
    static final String SKU = "DataBoxCustomerDisk";
    private static final Set<String> SKUS = Set.of("DataBox", "DataBoxDisk", "DataBoxHeavy", SKU);
    private static final Set<String> TRANSFER_TYPES = Set.of("ImportToAzure", "ExportFromAzure");
    private static final Set<String> ACCOUNT_TYPES = Set.of("StorageAccount", "ManagedDisk");
    private static final Set<String> LOG_LEVELS = Set.of("Error", "Verbose");
    private static final Set<String> ADDRESS_TYPES = Set.of("None", "Residential", "Commercial");

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

    private final URI endpoint;
    /** The long-running operations by id: their status resource (status, and error when Failed). */
    private final Map<String, ObjectNode> operations = new ConcurrentHashMap<>();
    /** What the simulator answers the operation's Location with once it is over. */
    private final Map<String, Answer> outcomes = new ConcurrentHashMap<>();

    /** @param endpoint the simulator's own endpoint, for the operation URLs it answers with */
    public DataBoxApi(CloudSession backend, JobBook book, URI storageEndpoint, URI endpoint) {
        super(backend, book, storageEndpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected String route() {
        return JobBook.DATA_BOX;
    }

    /** Jobs_Create: validated against JobResource and DataBoxCustomerDiskJobDetails, then run as an operation. */
    public Answer create(String subscription, String resourceGroup, String job, JsonNode body)
            throws IOException, Failure {
        String location = Answer.required(body, "location", "body");
        String sku = oneOf(body.path("sku"), "name", "sku", SKUS, true);
        JsonNode properties = object(body, "properties", "body");
        String transfer = oneOf(properties, "transferType", "properties", TRANSFER_TYPES, true);
        JsonNode details = object(properties, "details", "properties");
        String type = oneOf(details, "jobDetailsType", "properties.details", SKUS, true);
        if (!SKU.equals(sku) || !SKU.equals(type) || !"ImportToAzure".equals(transfer)) {
            throw new Failure(Answer.error(400, RequestCheck.INVALID, "sku.name " + sku + ", jobDetailsType " + type
                    + " and transferType " + transfer + ": only " + SKU + " jobs of transferType ImportToAzure are simulated"));
        }
        String where = "properties.details";
        contactDetails(object(details, "contactDetails", where), where + ".contactDetails");
        shippingAddress(object(details, "shippingAddress", where), where + ".shippingAddress");
        object(details, "returnToCustomerPackageDetails", where);
        String storageAccountId = dataImportDetails(details.path("dataImportDetails"), where + ".dataImportDetails");
        JobBook.Entry entry = new JobBook.Entry(route(), resourceGroup, location, body.path("tags").deepCopy(), storageAccountId);
        List<DriveEntry> drives = new ArrayList<>();
        JsonNode disks = object(details, "importDiskDetailsCollection", where);
        for (var it = disks.fields(); it.hasNext();) {
            var disk = it.next();
            JsonNode d = disk.getValue();
            String at = where + ".importDiskDetailsCollection." + disk.getKey();
            drives.add(drive(disk.getKey(), Answer.required(d, "bitLockerKey", at), Answer.required(d, "manifestFile", at),
                    Answer.required(d, "manifestHash", at)));
            entry.drives.put(disk.getKey(), d.deepCopy());
        }
        if (drives.isEmpty()) {
            throw new Failure(Answer.error(400, RequestCheck.INVALID, where + ".importDiskDetailsCollection: a job needs disks"));
        }
        keepReturn(entry, details.path("shippingAddress"), details.path("returnToCustomerPackageDetails"));
        String container = container(entry.tags);
        Answer outcome;
        try {
            entry.contact = details.path("contactDetails").deepCopy();
            create(subscription, job, entry, container, returnAddressOf(entry), returnShippingOf(entry), drives);
            outcome = Answer.noContent();
        } catch (IOException e) {
            outcome = Answer.of(e); // accepted, then failed: the operation tells why
        }
        return accepted(subscription, location, outcome, true);
    }

    /** Jobs_Update: the return address, contact and return carrier (each validated when given) run as an operation. */
    public Answer update(String subscription, String resourceGroup, String job, JsonNode body)
            throws IOException, Failure {
        existing(subscription, job);
        JobBook.Entry entry = entry(subscription, job, resourceGroup);
        JsonNode details = body.path("properties").path("details");
        String where = "properties.details";
        if (details.has("contactDetails")) {
            contactDetails(object(details, "contactDetails", where), where + ".contactDetails");
            entry.contact = details.path("contactDetails").deepCopy();
        }
        if (details.has("shippingAddress")) {
            shippingAddress(object(details, "shippingAddress", where), where + ".shippingAddress");
        }
        keepReturn(entry, details.path("shippingAddress"), details.path("returnToCustomerPackageDetails"));
        return accepted(subscription, entry.location, Answer.noContent(), false);
    }

    /** Jobs_MarkDevicesShipped: answered 204 once the backend has the delivery package, as the reference says. */
    public Answer markDevicesShipped(String subscription, String resourceGroup, String job, JsonNode body)
            throws IOException, Failure {
        existing(subscription, job);
        JobBook.Entry entry = entry(subscription, job, resourceGroup);
        JsonNode delivery = object(body, "deliverToDcPackageDetails", "body");
        ship(subscription, job, Answer.required(delivery, "carrierName", "deliverToDcPackageDetails"),
                Answer.required(delivery, "trackingId", "deliverToDcPackageDetails"), null, entry);
        entry.deliveryPackage = (ObjectNode) delivery.deepCopy();
        return Answer.noContent();
    }

    /** Jobs_Cancel: the body's reason is required; 204. */
    public Answer cancel(String subscription, String job, JsonNode body)
            throws IOException, Failure {
        Answer.required(body, "reason", "body");
        existing(subscription, job);
        backend.cancelImportJob(subscription, job);
        return Answer.noContent();
    }

    /** Jobs_Delete: the job's state is checked at once; then 202 with a Location. */
    public Answer delete(String subscription, String job) throws IOException, Failure {
        String location = entry(subscription, job, "").location;
        super.delete(subscription, job);
        return accepted(subscription, location, Answer.noContent(), false);
    }

    /** Jobs_Get: the details only for {@code $expand=details}. */
    public Answer get(String subscription, String resourceGroup, String job, Map<String, String> query)
            throws IOException, Failure {
        Answer answer = get(subscription, resourceGroup, job);
        return "details".equalsIgnoreCase(query.get("$expand")) ? answer : Answer.ok(withoutDetails(answer.body()));
    }

    /**
     * Jobs_List and Jobs_ListByResourceGroup: paged as every list of the simulator; the reference's list takes no
     * {@code $expand}, so no details.
     */
    @Override
    public Answer list(String subscription, String resourceGroup, String link, Map<String, String> query)
            throws IOException, Failure {
        Answer answer = super.list(subscription, resourceGroup, link, query);
        answer.body().path("value").forEach(DataBoxApi::withoutDetails);
        return answer;
    }

    /** The Azure-AsyncOperation status resource of an operation. */
    public Answer operationStatus(String id) throws Failure {
        ObjectNode status = operations.get(id);
        if (status == null) {
            throw new Failure(Answer.notFound("operation '" + id + "'"));
        }
        return Answer.ok(status);
    }

    /** The Location of an operation: 204 once it succeeded, its error once it failed. */
    public Answer operationResult(String id) throws Failure {
        Answer outcome = outcomes.get(id);
        if (outcome == null) {
            throw new Failure(Answer.notFound("operation '" + id + "'"));
        }
        return outcome;
    }

    /**
     * Records an operation the simulator has already run to its outcome, and answers 202 with where to poll it:
     * {@code Location} always, {@code Azure-AsyncOperation} when asked (create).
     */
    private Answer accepted(String subscription, String location, Answer outcome, boolean asyncOperation) {
        String id = UUID.randomUUID().toString();
        String base = endpoint + "/subscriptions/" + subscription + "/providers/" + PROVIDER + "/locations/"
                + (location == null || location.isEmpty() ? "global" : location);
        String query = "?api-version=" + API_VERSION;
        ObjectNode status = Answer.JSON.createObjectNode().put("id", base + "/operationStatuses/" + id).put("name", id)
                .put("status", outcome.status() < 400 ? "Succeeded" : "Failed").put("endTime", Instant.now().toString());
        if (outcome.body() != null && outcome.body().has("error")) {
            status.set("error", outcome.body().path("error"));
        }
        operations.put(id, status);
        outcomes.put(id, outcome);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (asyncOperation) {
            headers.put("Azure-AsyncOperation", base + "/operationStatuses/" + id + query);
        }
        headers.put("Location", base + "/operationResults/" + id + query);
        return Answer.accepted(headers);
    }

    /**
     * The return address by Data Box's names: the shippingAddress ({@code streetAddress1}…, {@code country}) with
     * the contactDetails' {@code contactName}, {@code phone} and first of {@code emailList}.
     */
    @Override
    protected ReturnAddress returnAddressOf(JobBook.Entry entry) {
        ObjectNode a = entry.returnAddress;
        if (a == null) {
            return ReturnAddress.NONE;
        }
        JsonNode c = entry.contact == null ? Answer.JSON.missingNode() : entry.contact;
        return new ReturnAddress(c.path("contactName").asText(null), a.path("streetAddress1").asText(null),
                a.path("streetAddress2").asText(null), a.path("city").asText(null), a.path("stateOrProvince").asText(null),
                a.path("postalCode").asText(null), a.path("country").asText(null), c.path("phone").asText(null),
                c.path("emailList").path(0).asText(null));
    }

    private static JsonNode withoutDetails(JsonNode job) {
        if (job.path("properties").isObject()) {
            ((ObjectNode) job.path("properties")).remove("details");
        }
        return job;
    }

    /** ContactDetails: contactName, phone and a non-empty emailList are required. */
    private static void contactDetails(JsonNode contact, String where) throws Failure {
        RequestCheck check = new RequestCheck().require(contact, where, List.of("contactName", "phone", "emailList"));
        JsonNode emails = contact.path("emailList");
        if (emails.isArray() && !emails.isEmpty() && emails.path(0).asText("").isBlank()) {
            check.refuse(RequestCheck.MISSING, where + ".emailList[0]", where + ".emailList[0] is required");
        }
        check.done();
    }

    /** ShippingAddress: streetAddress1 and country are required; addressType is one of its enum. */
    private static void shippingAddress(JsonNode address, String where) throws Failure {
        new RequestCheck().require(address, where, List.of("streetAddress1", "country"))
                .oneOf(address.path("addressType"), where + ".addressType", ADDRESS_TYPES).done();
    }

    /**
     * DataImportDetails: each entry's accountDetails with its dataAccountType (StorageAccount needs its
     * storageAccountId), logCollectionLevel one of its enum. The simulator imports into the first entry's account.
     */
    private static String dataImportDetails(JsonNode entries, String where) throws Failure {
        if (!entries.isArray() || entries.isEmpty()) {
            new RequestCheck().refuse(RequestCheck.MISSING, where,
                    where + " is required: an import needs the storage account the data goes to").done();
        }
        String first = null;
        for (int i = 0; i < entries.size(); i++) {
            String at = where + "[" + i + "]";
            JsonNode account = object(entries.path(i), "accountDetails", at);
            oneOf(entries.path(i), "logCollectionLevel", at, LOG_LEVELS, false);
            String type = oneOf(account, "dataAccountType", at + ".accountDetails", ACCOUNT_TYPES, true);
            if (!"StorageAccount".equals(type)) {
                throw new Failure(Answer.error(400, RequestCheck.INVALID,
                        at + ".accountDetails.dataAccountType " + type + ": only StorageAccount is simulated"));
            }
            String id = Answer.required(account, "storageAccountId", at + ".accountDetails");
            first = first == null ? id : first;
        }
        return first;
    }

    /** A required object field. */
    private static JsonNode object(JsonNode node, String field, String where) throws Failure {
        JsonNode value = node.path(field);
        RequestCheck check = new RequestCheck();
        check.requireObject(value, where + "." + field);
        check.done();
        return value;
    }

    /** A string field whose value is one of the reference's enum; null when it is optional and absent. */
    private static String oneOf(JsonNode node, String field, String where, Set<String> values, boolean required)
            throws Failure {
        RequestCheck check = new RequestCheck();
        if (required) {
            check.require(node, where, List.of(field));
        }
        check.oneOf(node.path(field), where + "." + field, values).done();
        String value = node.path(field).asText("");
        return value.isEmpty() ? null : value;
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
        details.set("contactDetails", entry.contact);
        details.set("shippingAddress", entry.returnAddress);
        details.set("returnToCustomerPackageDetails", entry.returnShipping);
        details.set("deliverToDcPackageDetails", entry.deliveryPackage);
        details.set("datacenterAddress", datacenterAddress(entry.location));
        ObjectNode disks = details.putObject("importDiskDetailsCollection");
        ArrayNode progress = details.putArray("copyProgress");
        ArrayNode logs = details.putArray("copyLogDetails");
        for (DriveStatus d : status.drives()) {
            JsonNode given = entry.drives.get(d.serial());
            disks.putObject(d.serial()).put("manifestFile", given == null ? null : given.path("manifestFile").asText(null))
                    .put("manifestHash", given == null ? null : given.path("manifestHash").asText(null));
            if (d.state() != null && d.state() != DriveState.SPECIFIED) {
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

    /** DatacenterAddressLocation of the backend's location; null when the backend does not know it. */
    private JsonNode datacenterAddress(String location) {
        try {
            DatacenterLocation l = backend.location(location).orElse(null);
            if (l == null) {
                return null;
            }
            return Answer.JSON.createObjectNode().put("datacenterAddressType", "DatacenterAddressLocation")
                    .put("contactPersonName", l.recipient()).put("street1", l.streetAddress()).put("city", l.city())
                    .put("state", l.stateOrProvince()).put("zip", l.postalCode()).put("country", l.countryOrRegion())
                    .put("phone", l.phone()).put("dataCenterAzureLocation", l.id());
        } catch (IOException e) {
            return null;
        }
    }

    /** The bytes a disk holds, as far as the backend's percent and bytes tell it. */
    private static long total(DriveStatus d) {
        return d.percentComplete() <= 0 ? 0 : Math.round(d.bytesCopied() * 100.0 / d.percentComplete());
    }
}
