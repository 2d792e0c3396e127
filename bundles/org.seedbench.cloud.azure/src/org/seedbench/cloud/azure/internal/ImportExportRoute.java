package org.seedbench.cloud.azure.internal;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.CloudJobStatus.DriveStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
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

    /**
     * Jobs_Create: the storage account, the drives (manifest file as a drive-relative Windows path) and, when
     * given, the return address and return shipping, all their required fields filled or the request is refused
     * here, naming the empty ones, before the service is called.
     */
    @Override
    public CloudJobStatus create(ImportJobRequest request) throws IOException {
        String job = request.jobName();
        ObjectNode properties = object().put("storageAccountId", storageAccountId(request)).put("jobType", "Import")
                .put("diagnosticsPath", DIAGNOSTICS_PATH).put("logLevel", "Verbose").put("backupDriveManifest", false);
        if (!request.returnAddress().isEmpty()) {
            properties.set("returnAddress", returnAddress(job, request.returnAddress()));
        }
        returnShipping(job, request.returnShipping()).ifPresent(r -> properties.set("returnShipping", r));
        ArrayNode drives = properties.putArray("driveList");
        for (DriveEntry drive : request.drives()) {
            drives.addObject().put("driveId", drive.driveId()).put("bitLockerKey", recoveryPassword(drive))
                    .put("manifestFile", manifestFile(drive.manifestFile())).put("manifestHash", drive.manifestHash());
        }
        ObjectNode body = object().put("location", request.location());
        body.set("tags", tags(request));
        body.set("properties", properties);
        return submit(request, body);
    }

    /**
     * Jobs_Update with state {@code Shipping}: tells the service the package left, with the delivery package
     * (carrier, tracking number, drive count, ship date) and the return address and return shipping when the
     * shipment gives them (the service needs the return address now or from before).
     */
    @Override
    public CloudJobStatus ship(String subscription, Shipment shipment) throws IOException {
        String job = shipment.jobName();
        LocalDate shipDate = shipment.shipDate() != null ? shipment.shipDate() : LocalDate.now(ZoneOffset.UTC);
        ObjectNode delivery = object().put("carrierName", shipment.carrier())
                .put("trackingNumber", shipment.trackingNumber()).put("driveCount", shipment.driveCount())
                .put("shipDate", shipDate.toString());
        ObjectNode properties = object().put("state", "Shipping");
        properties.set("deliveryPackage", delivery);
        if (!shipment.returnAddress().isEmpty()) {
            properties.set("returnAddress", returnAddress(job, shipment.returnAddress()));
        }
        returnShipping(job, shipment.returnShipping()).ifPresent(r -> properties.set("returnShipping", r));
        return status(update(subscription, job, properties, "give the shipping details of"));
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

    /**
     * A Location as Seedbench sees it: its id is the last segment of the resource id ({@code westus}), its name
     * ({@code West US}) what a person reads.
     */
    static DatacenterLocation location(JsonNode l) {
        JsonNode p = l.path("properties");
        String id = l.path("id").asText("").replaceAll("/+$", "");
        String name = l.path("name").asText("");
        String street = String.join(", ", List.of(p.path("streetAddress1").asText(""), p.path("streetAddress2").asText(""))
                .stream().filter(s -> !s.isBlank()).toList());
        return new DatacenterLocation(id.isEmpty() ? name : id.substring(id.lastIndexOf('/') + 1), name,
                p.path("recipientName").asText(""), street, p.path("city").asText(""),
                p.path("stateOrProvince").asText(""), p.path("postalCode").asText(""),
                p.path("countryOrRegion").asText(""), p.path("phone").asText(""));
    }

    /**
     * A job as the service describes it (JobResponse), as Seedbench sees it. Never fails on what it does not
     * know: a job or drive state without a Seedbench counterpart is kept as text, its state null.
     */
    @Override
    protected CloudJobStatus status(JsonNode job) {
        JsonNode p = job.path("properties");
        String incomplete = text(p.path("incompleteBlobListUri"));
        List<DriveStatus> drives = new ArrayList<>();
        long bytes = 0;
        for (JsonNode d : p.path("driveList")) {
            long driveBytes = d.path("bytesSucceeded").asLong(0);
            bytes += driveBytes;
            String state = d.path("state").asText("");
            drives.add(new DriveStatus(d.path("driveId").asText(), driveState(state), d.path("percentComplete").asInt(0),
                    driveBytes, text(d.path("errorLogUri")), text(d.path("verboseLogUri")),
                    state.isEmpty() ? null : state, text(d.path("copyStatus")), text(d.path("manifestUri")), incomplete));
        }
        String state = p.path("state").asText("");
        JobState parsed = cancelled(state, p.path("cancelRequested").asBoolean(false), drives) ? JobState.CANCELLED
                : jobState(state);
        return new CloudJobStatus(job.path("name").asText(), parsed, p.path("percentComplete").asInt(0), bytes,
                drives, instant(job.path("systemData").path("createdAt")), state.isEmpty() ? null : state,
                shipTo(p.path("shippingInformation")), returnPackage(p.path("returnPackage")), null);
    }

    /**
     * The job's state as Seedbench's: one of the service's states, Creating when the service says none yet, or
     * null for a state Seedbench has no counterpart for (never taken for a finished job).
     */
    static JobState jobState(String state) {
        if (state.isEmpty()) {
            return JobState.CREATING;
        }
        try {
            JobState parsed = JobState.parse(state);
            return parsed.isServiceState() ? parsed : null;
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /**
     * Whether the service cancelled the job. Import/Export has no Cancelled state: a cancelled job is moved to
     * Completed with {@code cancelRequested} true ("Canceling and deleting Azure Import/Export jobs"). A cancel asked
     * for while the drives were Transferring is best effort and the copy may go on to the end, so a Completed job
     * counts as cancelled only when none of its drives was copied (Completed or CompletedMoreInfo).
     */
    static boolean cancelled(String state, boolean cancelRequested, List<DriveStatus> drives) {
        return "Completed".equalsIgnoreCase(state) && cancelRequested
                && drives.stream().noneMatch(d -> d.state() == DriveState.COMPLETED
                        || d.state() == DriveState.COMPLETED_MORE_INFO);
    }

    /** The drive's state as Seedbench's: Specified when the service says none, null for one it does not know. */
    static DriveState driveState(String state) {
        if (state.isEmpty()) {
            return DriveState.SPECIFIED;
        }
        try {
            return DriveState.parse(state);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The job's shippingInformation as label lines, or null when the job gives none. */
    static String shipTo(JsonNode info) {
        if (!info.isObject()) {
            return null;
        }
        String cityLine = String.join(" ", Stream.of(text(info.path("city")) == null ? null : text(info.path("city")) + ",",
                text(info.path("stateOrProvince")), text(info.path("postalCode"))).filter(Objects::nonNull).toList());
        String phone = text(info.path("phone"));
        String lines = Stream.of(text(info.path("recipientName")), text(info.path("streetAddress1")),
                text(info.path("streetAddress2")), cityLine.isEmpty() ? null : cityLine.replaceAll(",$", ""),
                text(info.path("countryOrRegion")), phone == null ? null : "Phone: " + phone,
                text(info.path("additionalInformation"))).filter(Objects::nonNull).collect(Collectors.joining("\n"));
        return lines.isEmpty() ? null : lines;
    }

    /** The returnPackage as {@code carrier tracking}, or null when the drives were not sent back yet. */
    static String returnPackage(JsonNode info) {
        String carrier = text(info.path("carrierName"));
        String tracking = text(info.path("trackingNumber"));
        if (carrier == null && tracking == null) {
            return null;
        }
        return Stream.of(carrier, tracking).filter(Objects::nonNull).collect(Collectors.joining(" "));
    }

    /** The manifest file as the service reads it: relative to the drive's root, Windows separators, leading {@code \}. */
    static String manifestFile(String path) {
        if (path == null) {
            return null;
        }
        String windows = path.replace('/', '\\');
        return windows.startsWith("\\") ? windows : "\\" + windows;
    }

    /** The ReturnAddress body, every required field filled, or a refusal naming the empty ones. */
    private static ObjectNode returnAddress(String job, ReturnAddress address) throws IOException {
        List<String> missing = address.missing();
        if (!missing.isEmpty()) {
            throw new IOException("Azure Import/Export: cannot send the return address of import job '" + job
                    + "': " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " empty; the service requires them (give the return address again, in its fields)");
        }
        ObjectNode a = object().put("recipientName", address.recipientName())
                .put("streetAddress1", address.streetAddress1());
        if (address.streetAddress2() != null) {
            a.put("streetAddress2", address.streetAddress2());
        }
        a.put("city", address.city());
        if (address.stateOrProvince() != null) {
            a.put("stateOrProvince", address.stateOrProvince());
        }
        return a.put("postalCode", address.postalCode()).put("countryOrRegion", address.countryOrRegion())
                .put("phone", address.phone()).put("email", address.email());
    }

    /**
     * The ReturnShipping body (the return carrier, not the one that takes the drives to the datacenter): empty
     * when no return account is given, a refusal when an account is given without its carrier.
     */
    private static Optional<ObjectNode> returnShipping(String job, ReturnShipping shipping) throws IOException {
        if (shipping.carrierAccountNumber() == null) {
            return Optional.empty();
        }
        if (shipping.carrierName() == null) {
            throw new IOException("Azure Import/Export: cannot send the return shipping of import job '" + job
                    + "': carrierName is empty; the service requires the return carrier with the account");
        }
        return Optional.of(object().put("carrierName", shipping.carrierName())
                .put("carrierAccountNumber", shipping.carrierAccountNumber()));
    }

    static String recoveryPassword(DriveEntry drive) {
        return drive.keyProtector() == null ? null : Settings.reveal(drive.keyProtector().recoveryPassword());
    }
}
