package org.seedbench.cloud.simulator.internal;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.seedbench.cloud.simulator.internal.Answer.Failure;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.CloudJobStatus.DriveStatus;
import org.seedbench.core.model.JobState;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.core.spi.ImportJobRequest.DriveEntry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code Microsoft.ImportExport} operations (api-version 2021-01-01) on the backend connector. */
public final class ImportExportApi extends JobApi {
    static final String PROVIDER = "Microsoft.ImportExport";
    /** The api-version the simulator serves Import/Export in. */
    public static final String API_VERSION = "2021-01-01";

    public ImportExportApi(CloudSession backend, JobBook book, URI storageEndpoint) {
        super(backend, book, storageEndpoint);
    }

    @Override
    protected String route() {
        return JobBook.IMPORT_EXPORT;
    }

    /**
     * Jobs_Create: an import job with its storage account, drives and, when given, its return address and return
     * shipping, each checked against the reference's required properties; 201 with the job.
     */
    public Answer create(String subscription, String resourceGroup, String job, JsonNode body) throws IOException, Failure {
        RequestCheck check = new RequestCheck().require(body, "body", ImportExportFacts.PUT_JOB);
        JsonNode p = body.path("properties");
        check.require(p, "properties", ImportExportFacts.IMPORT_JOB)
                .oneOf(p.path("jobType"), "properties.jobType", ImportExportFacts.JOB_TYPES)
                .oneOf(p.path("logLevel"), "properties.logLevel", ImportExportFacts.LOG_LEVELS);
        checkReturn(check, p);
        JsonNode list = p.path("driveList");
        if (list.isArray() && list.size() > ImportExportFacts.MAX_DRIVES) {
            check.refuse(RequestCheck.INVALID_VALUE, "properties.driveList", "an import job has at most "
                    + ImportExportFacts.MAX_DRIVES + " drives");
        }
        for (int i = 0; i < list.size(); i++) {
            check.require(list.path(i), "properties.driveList[" + i + "]", ImportExportFacts.IMPORT_DRIVE);
        }
        check.done();
        if (!"Import".equalsIgnoreCase(p.path("jobType").asText())) {
            throw new Failure(Answer.error(400, RequestCheck.INVALID, "properties.jobType: only Import jobs are simulated"));
        }
        String location = body.path("location").asText();
        JobBook.Entry entry = new JobBook.Entry(route(), resourceGroup, location, body.path("tags").deepCopy(),
                p.path("storageAccountId").asText());
        List<DriveEntry> drives = new ArrayList<>();
        for (JsonNode d : list) {
            String serial = d.path("driveId").asText();
            drives.add(drive(serial, d.path("bitLockerKey").asText(), d.path("manifestFile").asText(),
                    d.path("manifestHash").asText()));
            entry.drives.put(serial, d.deepCopy());
        }
        keepReturn(entry, p.path("returnAddress"), p.path("returnShipping"));
        return create(subscription, job, entry, container(entry.tags), returnAddressOf(entry), returnShippingOf(entry),
                drives);
    }

    /**
     * Jobs_Update: the return address and return shipping are kept, a delivery package recorded; state
     * {@code Shipping} tells the service the package left (the return address and delivery package given now or
     * before), {@code cancelRequested: true} cancels (before Packaging, {@link #cancellable}); 200 with the job.
     */
    public Answer update(String subscription, String resourceGroup, String job, JsonNode body) throws IOException, Failure {
        CloudJobStatus current = existing(subscription, job);
        JobBook.Entry entry = entry(subscription, job, resourceGroup);
        JsonNode p = body.path("properties");
        RequestCheck check = new RequestCheck();
        checkReturn(check, p);
        check.oneOf(p.path("state"), "properties.state", ImportExportFacts.UPDATE_STATES)
                .oneOf(p.path("logLevel"), "properties.logLevel", ImportExportFacts.LOG_LEVELS);
        JsonNode delivery = p.path("deliveryPackage");
        if (!delivery.isMissingNode()) {
            check.require(delivery, "properties.deliveryPackage", ImportExportFacts.DELIVERY_PACKAGE)
                    .integer(delivery.path("driveCount"), "properties.deliveryPackage.driveCount");
        }
        JsonNode cancel = p.path("cancelRequested");
        if (!cancel.isMissingNode() && !cancel.asBoolean(false)) {
            check.refuse(RequestCheck.INVALID_VALUE, "properties.cancelRequested", "cancelRequested, if given, must be true");
        }
        boolean shipping = "Shipping".equalsIgnoreCase(p.path("state").asText(""));
        if (shipping && !p.path("returnAddress").isObject() && entry.returnAddress == null) {
            check.refuse(RequestCheck.MISSING, "properties.returnAddress",
                    "state Shipping needs the return address, given in this request or before");
        }
        if (shipping && !delivery.isObject() && entry.deliveryPackage == null) {
            check.refuse(RequestCheck.MISSING, "properties.deliveryPackage",
                    "state Shipping needs the delivery package, given in this request or before");
        }
        check.done();
        boolean cancelNow = cancel.asBoolean(false) && cancellable(job, current);
        LocalDate shipDate = date(delivery.path("shipDate"));
        keepReturn(entry, p.path("returnAddress"), p.path("returnShipping"));
        if (delivery.isObject()) {
            entry.deliveryPackage = (ObjectNode) delivery.deepCopy();
        }
        if (cancelNow) {
            backend.cancelImportJob(subscription, job);
        }
        if (cancel.asBoolean(false)) {
            entry.cancelRequested = true;
        }
        if (shipping) {
            JsonNode delivered = entry.deliveryPackage;
            ship(subscription, job, delivered.path("carrierName").asText(), delivered.path("trackingNumber").asText(),
                    shipDate != null ? shipDate : date(delivered.path("shipDate")), entry);
        }
        return get(subscription, resourceGroup, job);
    }

    /**
     * Whether a cancel request cancels the job now, as the reference says of {@code cancelRequested}: a job is
     * cancelled on request before it is Packaging; while its drives are Transferring the request is taken and the
     * service cancels on a best-effort basis (the copy may go on: here it does), so the job is not cancelled now;
     * from Packaging on, and for a job that expired, the request is refused (409) and nothing changes.
     */
    private static boolean cancellable(String job, CloudJobStatus status) throws Failure {
        JobState state = status.serviceState();
        if (state == JobState.CREATING || state == JobState.SHIPPING || state == JobState.RECEIVED) {
            return true;
        }
        if (state == JobState.TRANSFERRING || state == JobState.CANCELLED) {
            return false;
        }
        throw new Failure(Answer.error(409, "Conflict", "job '" + job + "' is " + status.serviceStateText()
                + "; a job can be cancelled only before it is Packaging"));
    }

    /**
     * The job's state as the Import/Export service reports it: the service has no Cancelled state, a cancelled job
     * "is moved to the Completed state and is kept for 90 days" ("Canceling and deleting Azure Import/Export jobs"),
     * its {@code cancelRequested} true.
     */
    static String serviceState(CloudJobStatus status) {
        return status.serviceState() == JobState.CANCELLED ? "Completed" : status.serviceStateText();
    }

    /** The return address and return shipping of a create or update, when given, hold their required properties. */
    private static void checkReturn(RequestCheck check, JsonNode properties) {
        JsonNode address = properties.path("returnAddress");
        if (!address.isMissingNode()) {
            check.require(address, "properties.returnAddress", ImportExportFacts.RETURN_ADDRESS);
        }
        JsonNode shipping = properties.path("returnShipping");
        if (!shipping.isMissingNode()) {
            check.require(shipping, "properties.returnShipping", ImportExportFacts.RETURN_SHIPPING);
        }
    }

    public Answer bitLockerKeys(String subscription, String job) throws IOException, Failure {
        existing(subscription, job);
        ObjectNode answer = Answer.JSON.createObjectNode();
        ArrayNode value = answer.putArray("value");
        book.find(subscription, job).ifPresent(e -> e.drives.forEach((serial, d) -> value.addObject()
                .put("driveId", serial).put("bitLockerKey", d.path("bitLockerKey").asText())));
        return Answer.ok(answer);
    }

    public Answer locations() throws IOException {
        ObjectNode answer = Answer.JSON.createObjectNode();
        ArrayNode value = answer.putArray("value");
        for (DatacenterLocation l : backend.locations()) {
            value.add(location(l));
        }
        return Answer.ok(answer);
    }

    public Answer location(String id) throws IOException {
        return backend.location(id).map(l -> Answer.ok(location(l))).orElseGet(() -> Answer.notFound("location '" + id + "'"));
    }

    private static ObjectNode location(DatacenterLocation l) {
        ObjectNode node = Answer.JSON.createObjectNode().put("id", "/providers/" + PROVIDER + "/locations/" + l.id())
                .put("name", l.id()).put("type", PROVIDER + "/locations");
        ObjectNode p = node.putObject("properties").put("recipientName", l.recipient())
                .put("streetAddress1", l.streetAddress()).put("city", l.city()).put("stateOrProvince", l.stateOrProvince())
                .put("postalCode", l.postalCode()).put("countryOrRegion", l.countryOrRegion()).put("phone", l.phone());
        p.putArray("supportedCarriers").add("FedEx").add("UPS").add("DHL");
        p.putArray("alternateLocations").add(l.id());
        return node;
    }

    @Override
    protected ObjectNode shape(String subscription, String job, JobBook.Entry entry, CloudJobStatus status) {
        ObjectNode node = Answer.JSON.createObjectNode().put("id", jobId(subscription, entry.resourceGroup, PROVIDER, job))
                .put("name", job).put("type", PROVIDER + "/jobs").put("location", entry.location);
        node.set("tags", entry.tags);
        node.putObject("systemData").put("createdAt", createdAt(status));
        ObjectNode p = node.putObject("properties").put("storageAccountId", entry.storageAccountId).put("jobType", "Import")
                .put("state", serviceState(status)).put("percentComplete", status.percentComplete())
                .put("cancelRequested", entry.cancelRequested || status.serviceState() == JobState.CANCELLED)
                .put("provisioningState", "Succeeded").put("diagnosticsPath", "waimportexport").put("logLevel", "Verbose")
                .put("backupDriveManifest", false);
        shippingInformation(entry.location).ifPresent(info -> p.set("shippingInformation", info));
        setIfGiven(p, "returnAddress", entry.returnAddress);
        setIfGiven(p, "returnShipping", entry.returnShipping);
        setIfGiven(p, "deliveryPackage", entry.deliveryPackage);
        ArrayNode drives = p.putArray("driveList");
        for (DriveStatus d : status.drives()) {
            JsonNode given = entry.drives.get(d.serial());
            ObjectNode drive = drives.addObject().put("driveId", d.serial());
            if (given != null) {
                drive.put("manifestFile", given.path("manifestFile").asText()).put("manifestHash",
                        given.path("manifestHash").asText());
            }
            drive.put("state", d.stateText()).put("percentComplete", d.percentComplete())
                    .put("bytesSucceeded", d.bytesCopied());
            copyStatus(d).ifPresent(c -> drive.put("copyStatus", c));
            putIfGiven(drive, "errorLogUri", logUri(d.errorLogUri()));
            putIfGiven(drive, "verboseLogUri", logUri(d.verboseLogUri()));
        }
        return node;
    }

    /** The datacenter address of the job's location, as the service gives it with the job. */
    private Optional<ObjectNode> shippingInformation(String location) {
        try {
            return backend.location(location).map(l -> {
                ObjectNode info = Answer.JSON.createObjectNode().put("recipientName", l.recipient())
                        .put("streetAddress1", l.streetAddress()).put("city", l.city())
                        .put("stateOrProvince", l.stateOrProvince()).put("postalCode", l.postalCode())
                        .put("countryOrRegion", l.countryOrRegion()).put("phone", l.phone());
                return info;
            });
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The drive's copy status: the service reports one once the drive is being transferred. */
    private static Optional<String> copyStatus(DriveStatus d) {
        if (d.copyStatus() != null) {
            return Optional.of(d.copyStatus());
        }
        if (d.state() == null) {
            return Optional.empty();
        }
        return switch (d.state()) {
        case TRANSFERRING -> Optional.of("InProgress");
        case COMPLETED, SHIPPED_BACK -> Optional.of("Completed");
        case COMPLETED_MORE_INFO -> Optional.of("CompletedWithErrors");
        default -> Optional.empty();
        };
    }

    private static void setIfGiven(ObjectNode node, String field, JsonNode value) {
        if (value != null) {
            node.set(field, value);
        }
    }

    private static void putIfGiven(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static LocalDate date(JsonNode text) throws Failure {
        if (text.isMissingNode() || text.isNull() || text.asText().isBlank()) {
            return null;
        }
        String value = text.asText();
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw new Failure(Answer.error(400, RequestCheck.INVALID, "deliveryPackage.shipDate '" + value
                    + "' is not a date", List.of(new Answer.Detail(RequestCheck.INVALID_VALUE,
                            "properties.deliveryPackage.shipDate", "shipDate must be a date (yyyy-MM-dd)"))));
        }
    }
}
