package org.seedbench.cloud.simulator.internal;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

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

    public ImportExportApi(CloudSession backend, JobBook book, URI storageEndpoint) {
        super(backend, book, storageEndpoint);
    }

    @Override
    protected String route() {
        return JobBook.IMPORT_EXPORT;
    }

    public Answer create(String subscription, String resourceGroup, String job, JsonNode body) throws IOException, Failure {
        JsonNode p = body.path("properties");
        String location = Answer.required(body, "location", "body");
        String account = Answer.required(p, "storageAccountId", "properties");
        if (!"Import".equalsIgnoreCase(p.path("jobType").asText("Import"))) {
            throw new Failure(Answer.error(400, "InvalidRequestContent", "properties.jobType: only Import jobs are simulated"));
        }
        JobBook.Entry entry = new JobBook.Entry(route(), resourceGroup, location, body.path("tags").deepCopy(), account);
        List<DriveEntry> drives = new ArrayList<>();
        for (JsonNode d : p.path("driveList")) {
            String serial = Answer.required(d, "driveId", "driveList[]");
            drives.add(drive(serial, Answer.required(d, "bitLockerKey", "driveList[]"),
                    Answer.required(d, "manifestFile", "driveList[]"), Answer.required(d, "manifestHash", "driveList[]")));
            entry.drives.put(serial, d.deepCopy());
        }
        if (drives.isEmpty()) {
            throw new Failure(Answer.error(400, "InvalidRequestContent", "properties.driveList: an import job needs drives"));
        }
        keepReturn(entry, p.path("returnAddress"), p.path("returnShipping"));
        return create(subscription, job, entry, container(entry.tags), returnAddress(entry), drives);
    }

    /** Update: return details are kept, a delivery package ships the job, cancelRequested cancels it. */
    public Answer update(String subscription, String resourceGroup, String job, JsonNode body) throws IOException, Failure {
        existing(subscription, job);
        JobBook.Entry entry = entry(subscription, job, resourceGroup);
        JsonNode p = body.path("properties");
        keepReturn(entry, p.path("returnAddress"), p.path("returnShipping"));
        if (p.path("cancelRequested").asBoolean(false)) {
            backend.cancelImportJob(subscription, job);
            entry.cancelRequested = true;
        }
        JsonNode delivery = p.path("deliveryPackage");
        if (delivery.isObject()) {
            ship(subscription, job, Answer.required(delivery, "carrierName", "deliveryPackage"),
                    Answer.required(delivery, "trackingNumber", "deliveryPackage"), date(delivery.path("shipDate")), entry);
            entry.deliveryPackage = (ObjectNode) delivery.deepCopy();
        }
        return get(subscription, resourceGroup, job);
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
        ObjectNode p = node.putObject("properties").put("displayName", l.displayName()).put("recipientName", l.recipient())
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
                .put("state", status.serviceState().label()).put("percentComplete", status.percentComplete())
                .put("cancelRequested", entry.cancelRequested || status.serviceState() == JobState.CANCELLED)
                .put("provisioningState", "Succeeded").put("diagnosticsPath", "waimportexport").put("logLevel", "Verbose")
                .put("backupDriveManifest", false);
        p.set("returnAddress", entry.returnAddress);
        p.set("returnShipping", entry.returnShipping);
        p.set("deliveryPackage", entry.deliveryPackage);
        ArrayNode drives = p.putArray("driveList");
        for (DriveStatus d : status.drives()) {
            JsonNode given = entry.drives.get(d.serial());
            drives.addObject().put("driveId", d.serial())
                    .put("manifestFile", given == null ? null : given.path("manifestFile").asText(null))
                    .put("manifestHash", given == null ? null : given.path("manifestHash").asText(null))
                    .put("state", d.state().label()).put("percentComplete", d.percentComplete())
                    .put("bytesSucceeded", d.bytesCopied()).put("errorLogUri", logUri(d.errorLogUri()))
                    .put("verboseLogUri", logUri(d.verboseLogUri()));
        }
        return node;
    }

    private static LocalDate date(JsonNode text) throws Failure {
        if (text.isMissingNode() || text.isNull() || text.asText().isBlank()) {
            return null;
        }
        String value = text.asText();
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw new Failure(Answer.error(400, "InvalidRequestContent", "deliveryPackage.shipDate '" + value
                    + "' is not a date (yyyy-MM-dd)"));
        }
    }
}
