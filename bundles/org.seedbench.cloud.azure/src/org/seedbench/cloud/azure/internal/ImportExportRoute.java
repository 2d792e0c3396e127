package org.seedbench.cloud.azure.internal;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.CloudJobStatus.DriveStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.ImportJobRequest.DriveEntry;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Azure Import/Export ({@code Microsoft.ImportExport}, api-version {@value #API_VERSION}): import jobs with
 * their drive list, the delivery package, cancellation by update, the datacenter locations with their shipping
 * addresses, and the BitLocker keys the service holds.
 */
public final class ImportExportRoute extends ImportRoute {
    public static final String ID = "importexport";
    public static final String API_VERSION = "2021-01-01";
    static final String PROVIDER = "Microsoft.ImportExport";
    /** The container the service writes the drive logs to. */
    public static final String DIAGNOSTICS_PATH = "waimportexport";

    public ImportExportRoute(ManagementClient client, String resourceGroup) {
        super(client, resourceGroup, PROVIDER, API_VERSION, "import job");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CloudJobStatus create(ImportJobRequest request) throws IOException {
        ObjectNode properties = object().put("storageAccountId", storageAccountId(request)).put("jobType", "Import")
                .put("diagnosticsPath", DIAGNOSTICS_PATH).put("logLevel", "Verbose").put("backupDriveManifest", false);
        properties.set("returnAddress", returnAddress(request.returnAddress().oneLine(), request.options()));
        String carrier = request.options().get(RETURN_CARRIER);
        String account = request.options().get(RETURN_CARRIER_ACCOUNT);
        if (carrier != null || account != null) {
            properties.set("returnShipping", returnShipping(carrier, account));
        }
        ArrayNode drives = properties.putArray("driveList");
        for (DriveEntry drive : request.drives()) {
            drives.addObject().put("driveId", drive.driveId()).put("bitLockerKey", recoveryPassword(drive))
                    .put("manifestFile", drive.manifestFile()).put("manifestHash", drive.manifestHash());
        }
        ObjectNode body = object().put("location", request.location());
        body.set("tags", tags(request));
        body.set("properties", properties);
        return submit(request, body);
    }

    @Override
    public CloudJobStatus ship(String subscription, Shipment shipment) throws IOException {
        LocalDate shipDate = shipment.shipDate();
        ObjectNode delivery = object().put("carrierName", shipment.carrier())
                .put("trackingNumber", shipment.trackingNumber()).put("driveCount", shipment.driveCount());
        if (shipDate != null) {
            delivery.put("shipDate", shipDate.toString());
        }
        ObjectNode properties = object();
        properties.set("deliveryPackage", delivery);
        if (!shipment.returnAddress().isEmpty()) {
            properties.set("returnAddress", returnAddress(shipment.returnAddress().oneLine(), Map.of()));
        }
        if (shipment.returnCarrierAccount() != null && !shipment.returnCarrierAccount().isBlank()) {
            properties.set("returnShipping", returnShipping(shipment.carrier(), shipment.returnCarrierAccount()));
        }
        return status(update(subscription, shipment.jobName(), properties, "give the shipping details of"));
    }

    @Override
    public void cancel(String subscription, String job) throws IOException {
        update(subscription, job, object().put("cancelRequested", true), "cancel");
    }

    private JsonNode update(String subscription, String job, ObjectNode properties, String what) throws IOException {
        ObjectNode body = object();
        body.set("properties", properties);
        return client.send(HttpMethod.PATCH, jobPath(subscription, job), API_VERSION, body,
                what + " import job '" + job + "'");
    }

    /** The recovery passwords of the job's drives, as the service holds them, by drive id. */
    public Map<String, Secret> bitLockerKeys(String subscription, String job) throws IOException {
        JsonNode keys = client.send(HttpMethod.POST, jobPath(subscription, job) + "/listBitLockerKeys",
                API_VERSION, null, "list the BitLocker keys of import job '" + job + "'");
        Map<String, Secret> result = new LinkedHashMap<>();
        keys.path("value").forEach(k -> result.put(k.path("driveId").asText(), Secret.of(k.path("bitLockerKey").asText())));
        return result;
    }

    /** The datacenters that receive drives, with their shipping addresses. */
    public List<DatacenterLocation> locations() throws IOException {
        List<DatacenterLocation> locations = new ArrayList<>();
        JsonNode answer = client.send(HttpMethod.GET, "/providers/" + PROVIDER + "/locations", API_VERSION, null,
                "list the Import/Export locations");
        answer.path("value").forEach(l -> locations.add(location(l)));
        return locations;
    }

    public Optional<DatacenterLocation> location(String id) throws IOException {
        return client.get("/providers/" + PROVIDER + "/locations/" + id, API_VERSION,
                "read Import/Export location '" + id + "'").map(ImportExportRoute::location);
    }

    static DatacenterLocation location(JsonNode l) {
        JsonNode p = l.path("properties");
        String street = String.join(", ", List.of(p.path("streetAddress1").asText(""), p.path("streetAddress2").asText(""))
                .stream().filter(s -> !s.isBlank()).toList());
        return new DatacenterLocation(l.path("name").asText(), p.path("displayName").asText(l.path("name").asText()),
                p.path("recipientName").asText(""), street, p.path("city").asText(""),
                p.path("stateOrProvince").asText(""), p.path("postalCode").asText(""),
                p.path("countryOrRegion").asText(""), p.path("phone").asText(""));
    }

    /** A job as the service describes it (JobResponse), as Seedbench sees it. */
    @Override
    protected CloudJobStatus status(JsonNode job) throws IOException {
        JsonNode p = job.path("properties");
        List<DriveStatus> drives = new ArrayList<>();
        long bytes = 0;
        for (JsonNode d : p.path("driveList")) {
            long driveBytes = d.path("bytesSucceeded").asLong(0);
            bytes += driveBytes;
            drives.add(new DriveStatus(d.path("driveId").asText(), driveState(d.path("state").asText("")),
                    d.path("percentComplete").asInt(0), driveBytes, text(d.path("errorLogUri")),
                    text(d.path("verboseLogUri"))));
        }
        return new CloudJobStatus(job.path("name").asText(), jobState(job.path("name").asText(), p.path("state").asText("")),
                p.path("percentComplete").asInt(0), bytes, drives, instant(job.path("systemData").path("createdAt")));
    }

    static JobState jobState(String job, String state) throws IOException {
        if (state.isEmpty()) {
            return JobState.CREATING;
        }
        try {
            JobState parsed = JobState.parse(state);
            if (parsed.isServiceState()) {
                return parsed;
            }
        } catch (IllegalArgumentException unknown) {
            // said below
        }
        throw new IOException("Azure Import/Export: import job '" + job + "' is in state '" + state
                + "', which Seedbench does not know");
    }

    static DriveState driveState(String state) {
        return state.isEmpty() ? DriveState.SPECIFIED : DriveState.parse(state);
    }

    private static ObjectNode returnAddress(String address, Map<String, String> options) {
        ObjectNode a = object().put("recipientName", options.getOrDefault(CONTACT_NAME, firstLine(address)))
                .put("streetAddress1", oneLine(address));
        a.put("phone", options.getOrDefault(PHONE, ""));
        a.put("email", options.getOrDefault(EMAIL, ""));
        return a;
    }

    private static ObjectNode returnShipping(String carrier, String account) {
        return object().put("carrierName", carrier == null ? "" : carrier)
                .put("carrierAccountNumber", account == null ? "" : account);
    }

    private static String firstLine(String address) {
        return address == null ? "" : address.strip().split("\\R|,")[0].strip();
    }

    static String recoveryPassword(DriveEntry drive) {
        return drive.keyProtector() == null ? null : Settings.reveal(drive.keyProtector().recoveryPassword());
    }
}
