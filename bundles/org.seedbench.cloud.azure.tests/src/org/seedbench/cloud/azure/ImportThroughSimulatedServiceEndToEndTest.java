package org.seedbench.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.seedbench.cloud.simulator.ImportServiceSimulator.Request;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.core.spi.DriveDock;
import org.seedbench.core.spi.DriveDock.DockedDrive;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.ImportJobRequest.DriveEntry;
import org.seedbench.testsupport.CloudConnectorContract;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A seed goes to Azure Blob storage (Azurite) the way it would through the real service, with the datacenter
 * simulated: folder drives are prepared with the portable encryptor, the import job is created through the
 * Azure connector's REST client against the simulator, the package is shipped, the simulator's clock is
 * advanced day by day, and the job completes with every staged file in the import container, byte-identical.
 *
 * <p>The Import/Export route makes the whole trip through the strict simulator with every request holding what
 * the 2021-01-01 reference requires: locations, create (return address and return carrier in their fields,
 * drive-relative manifest paths), get, list across pages, ship (state Shipping with the delivery package), the
 * copy to Completed with the drive logs, cancel and delete; each call with an {@code x-ms-client-request-id} of
 * its own and Seedbench's User-Agent.
 */
@ExtendWith(AzuriteExtension.class)
class ImportThroughSimulatedServiceEndToEndTest {
    private static final String SUBSCRIPTION = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String CONTAINER = "seed";
    private static final String JOB = "conformance";

    @InjectService(filter = "(component.name=org.seedbench.crypto.portable.*)", timeout = 5000)
    DiskEncryptor portable;

    @TempDir
    Path temp;

    private final Azurite azurite;
    private SimulatedImportService service;

    ImportThroughSimulatedServiceEndToEndTest(Azurite azurite) {
        this.azurite = azurite;
    }

    @AfterEach
    void stopSimulator() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void anImportExportJobCompletesAndTheBlobsAreTheStagedFiles() throws Exception {
        runImport("importexport", "e2e-importexport");
    }

    @Test
    void aDataBoxJobCompletesAndTheBlobsAreTheStagedFiles() throws Exception {
        runImport("databox", "e2e-databox");
    }

    private void runImport(String route, String job) throws Exception {
        Path staged = SeedOnDrives.stage(temp.resolve("staging/" + job));
        Map<String, DriveTarget> targets = new LinkedHashMap<>();
        List<DriveEntry> drives = prepareAndDock(staged, job, targets);
        AzureSession azure = new AzureCloudConnector().signIn(service.settings("importexport"));

        CloudJobStatus created = azure.createImportJob(new ImportJobRequest(SUBSCRIPTION, "westeurope", job,
                Azurite.ACCOUNT, CONTAINER,
                CloudConnectorContract.RETURN_ADDRESS, CloudConnectorContract.RETURN_SHIPPING,
                drives, Map.of("route", route)));
        assertEquals(JobState.CREATING, created.serviceState());
        CloudJobStatus shipped = azure.updateShipping(SUBSCRIPTION, new Shipment(job, "FedEx", "1Z-" + job.toUpperCase(),
                LocalDate.now(), List.copyOf(targets.keySet()), CloudConnectorContract.RETURN_ADDRESS,
                CloudConnectorContract.RETURN_SHIPPING));
        assertEquals(JobState.SHIPPING, shipped.serviceState());

        List<JobState> seen = new ArrayList<>(List.of(JobState.CREATING, JobState.SHIPPING));
        CloudJobStatus status = shipped;
        for (int day = 0; day < 10 && status.serviceState() != JobState.COMPLETED; day++) {
            service.backend.advanceClock(Duration.ofDays(1));
            status = azure.getImportJob(SUBSCRIPTION, job).orElseThrow();
            if (seen.get(seen.size() - 1) != status.serviceState()) {
                seen.add(status.serviceState());
            }
        }

        assertEquals(JobState.COMPLETED, status.serviceState(), "states seen: " + seen);
        assertTrue(isInOrder(seen), "states seen in the service's order: " + seen);
        assertTrue(seen.contains(JobState.RECEIVED), "states seen: " + seen);
        assertEquals(100, status.percentComplete());
        for (CloudJobStatus.DriveStatus d : status.drives()) {
            assertEquals(DriveState.COMPLETED, d.state(), d.serial());
            assertEquals(100, d.percentComplete(), d.serial());
            assertTrue(d.bytesCopied() > 0, d.serial());
            if (route.equals("databox")) {
                assertEquals("Completed", d.copyStatus(), "each disk's copy progress comes with $expand=details");
            }
        }
        assertEquals(route, routeSeenByAFreshConnector(job));
        assertBlobsAreTheStagedFiles(azure.container(Azurite.ACCOUNT, CONTAINER), staged, job);
        String log = azure.readLog(status.drives().get(0).verboseLogUri());
        assertTrue(log.contains(status.drives().get(0).serial()), log);
        assertFalse(log.contains("-222222-"), "no recovery password in the log");
    }

    /** Prepares the drives of {@code job} with the staged seed and starts the simulator with them on its dock. */
    private List<DriveEntry> prepareAndDock(Path staged, String job, Map<String, DriveTarget> targets) throws Exception {
        List<DriveEntry> drives = SeedOnDrives.prepare(portable, temp, staged, job, CONTAINER, targets);
        Map<String, DockedDrive> docked = new LinkedHashMap<>();
        targets.forEach((serial, target) -> docked.put(serial, new DockedDrive(target, portable.id())));
        service = SimulatedImportService.start(azurite, temp.resolve("cloud"), List.of(portable), DriveDock.of(docked),
                86400);
        return drives;
    }

    @Test
    void theWholeImportExportTripConformsToTheReference() throws Exception {
        Map<String, DriveTarget> targets = new LinkedHashMap<>();
        List<DriveEntry> drives = prepareAndDock(SeedOnDrives.stage(temp.resolve("staging")), JOB, targets);
        service.simulator.pageSize(1);
        AzureSession azure = new AzureCloudConnector().signIn(service.settings("importexport"));

        // Locations_List and Locations_Get: known by the resource id's last segment
        DatacenterLocation westEurope = azure.locations().stream().filter(l -> l.id().equals("westeurope")).findFirst()
                .orElseThrow();
        assertEquals(westEurope, azure.location("westeurope").orElseThrow());

        // Jobs_Create
        CloudJobStatus created = azure.createImportJob(new ImportJobRequest(SUBSCRIPTION, "westeurope", JOB,
                Azurite.ACCOUNT, CONTAINER, CloudConnectorContract.RETURN_ADDRESS, CloudConnectorContract.RETURN_SHIPPING,
                drives, Map.of()));
        assertEquals(JobState.CREATING, created.serviceState());
        JsonNode create = requests("PUT", "/jobs/" + JOB).get(0).body();
        assertFilled(create, List.of("location", "properties.storageAccountId", "properties.jobType",
                "properties.returnAddress.recipientName", "properties.returnAddress.streetAddress1",
                "properties.returnAddress.city", "properties.returnAddress.postalCode",
                "properties.returnAddress.countryOrRegion", "properties.returnAddress.phone",
                "properties.returnAddress.email", "properties.returnShipping.carrierName",
                "properties.returnShipping.carrierAccountNumber"));
        assertEquals("Import", at(create, "properties.jobType"));
        assertEquals("Building 4", at(create, "properties.returnAddress.streetAddress2"));
        assertEquals("IL", at(create, "properties.returnAddress.stateOrProvince"));
        assertEquals(2, create.path("properties").path("driveList").size());
        for (int i = 0; i < 2; i++) {
            assertFilled(create, List.of("properties.driveList." + i + ".driveId", "properties.driveList." + i + ".bitLockerKey",
                    "properties.driveList." + i + ".manifestFile", "properties.driveList." + i + ".manifestHash"));
            String manifest = at(create, "properties.driveList." + i + ".manifestFile");
            assertTrue(manifest.startsWith("\\") && !manifest.contains("/"), "a drive-relative Windows path: " + manifest);
        }
        assertFalse(create.has("displayName") || create.path("properties").has("displayName"));

        // Jobs_Get: the job's own ship-to address
        CloudJobStatus read = azure.getImportJob(SUBSCRIPTION, JOB).orElseThrow();
        assertNotNull(read.shipTo(), "shippingInformation is read");
        assertTrue(read.shipTo().contains(westEurope.city()), read.shipTo());

        // Jobs_ListBySubscription across pages (one job a page), and Jobs_Update cancelRequested, Jobs_Delete
        for (String other : List.of("conformance-b", "conformance-c")) {
            azure.createImportJob(new ImportJobRequest(SUBSCRIPTION, "westeurope", other, Azurite.ACCOUNT, CONTAINER,
                    CloudConnectorContract.RETURN_ADDRESS, CloudConnectorContract.RETURN_SHIPPING,
                    List.of(new DriveEntry("SB-9" + other.charAt(other.length() - 1),
                            drives.get(0).keyProtector(), "\\drive-manifest.xml", drives.get(0).manifestHash())),
                    Map.of()));
        }
        assertEquals(Set.of(JOB, "conformance-b", "conformance-c"),
                new HashSet<>(azure.listImportJobs(SUBSCRIPTION).stream().map(CloudJobStatus::jobName).toList()));
        List<Request> pages = requests("GET", "/providers/Microsoft.ImportExport/jobs");
        assertTrue(pages.stream().anyMatch(r -> r.query().containsKey("$skiptoken")), "the client followed nextLink");
        azure.cancelImportJob(SUBSCRIPTION, "conformance-c");
        assertEquals("true", at(requests("PATCH", "/jobs/conformance-c").get(0).body(), "properties.cancelRequested"));
        assertEquals(JobState.CANCELLED, azure.getImportJob(SUBSCRIPTION, "conformance-c").orElseThrow().serviceState());
        azure.deleteImportJob(SUBSCRIPTION, "conformance-c");
        assertTrue(azure.getImportJob(SUBSCRIPTION, "conformance-c").isEmpty());

        // Jobs_Update to Shipping: the delivery package, and the return carrier that is not the outbound one
        CloudJobStatus shipped = azure.updateShipping(SUBSCRIPTION, new Shipment(JOB, "FedEx", "1Z-CONFORMANCE",
                LocalDate.of(2026, 12, 7), List.copyOf(targets.keySet()),
                CloudConnectorContract.RETURN_ADDRESS, CloudConnectorContract.RETURN_SHIPPING));
        assertEquals(JobState.SHIPPING, shipped.serviceState());
        JsonNode ship = requests("PATCH", "/jobs/" + JOB).get(0).body();
        assertEquals("Shipping", at(ship, "properties.state"));
        assertEquals("FedEx", at(ship, "properties.deliveryPackage.carrierName"));
        assertEquals("1Z-CONFORMANCE", at(ship, "properties.deliveryPackage.trackingNumber"));
        assertEquals("2", at(ship, "properties.deliveryPackage.driveCount"));
        assertEquals("2026-12-07", at(ship, "properties.deliveryPackage.shipDate"));
        assertEquals("UPS", at(ship, "properties.returnShipping.carrierName"), "the return carrier, not the outbound one");
        assertFilled(ship, List.of("properties.returnShipping.carrierAccountNumber", "properties.returnAddress.phone",
                "properties.returnAddress.email", "properties.returnAddress.countryOrRegion"));

        // the datacenter copy, day by day, to Completed; drive copy status and logs
        CloudJobStatus status = shipped;
        for (int day = 0; day < 10 && status.serviceState() != JobState.COMPLETED; day++) {
            service.backend.advanceClock(Duration.ofDays(1));
            status = azure.getImportJob(SUBSCRIPTION, JOB).orElseThrow();
        }
        assertEquals(JobState.COMPLETED, status.serviceState());
        for (CloudJobStatus.DriveStatus d : status.drives()) {
            assertEquals(DriveState.COMPLETED, d.state(), d.serial());
            assertEquals("Completed", d.copyStatus(), d.serial());
        }
        String log = azure.readLog(status.drives().get(0).verboseLogUri());
        assertTrue(log.contains(status.drives().get(0).serial()), log);
        assertEquals(1, azure.bitLockerKeys(SUBSCRIPTION, "conformance-b").size());

        // every call: its own request id, Seedbench's User-Agent, the reference's api-version
        List<Request> all = service.simulator.requests();
        assertTrue(all.stream().allMatch(r -> r.clientRequestId() != null && !r.clientRequestId().isBlank()), "x-ms-client-request-id");
        assertEquals(all.size(), all.stream().map(Request::clientRequestId).distinct().count(), "one id per call");
        assertTrue(all.stream().allMatch(r -> r.userAgent() != null && r.userAgent().contains("seedbench-cloud-azure")),
                all.get(0).userAgent());
        assertEquals(List.of(), all.stream().filter(r -> r.path().contains("/Microsoft.ImportExport/"))
                .filter(r -> !"2021-01-01".equals(r.query().get("api-version"))).toList(),
                "every Import/Export call in the reference's api-version");
    }

    private List<Request> requests(String method, String pathEnd) {
        return service.simulator.requests().stream()
                .filter(r -> r.method().equals(method) && r.path().endsWith(pathEnd)).toList();
    }

    private static String at(JsonNode body, String path) {
        JsonNode node = body;
        for (String step : path.split("\\.")) {
            node = step.matches("\\d+") ? node.path(Integer.parseInt(step)) : node.path(step);
        }
        return node.isValueNode() ? node.asText() : node.isMissingNode() || node.isNull() ? "" : node.toString();
    }

    private static void assertFilled(JsonNode body, List<String> paths) {
        List<String> empty = paths.stream().filter(p -> at(body, p).isBlank()).toList();
        assertEquals(List.of(), empty, "required by the reference but not sent: " + body);
    }

    /** The route on which a connector that knows no job finds the job. */
    private String routeSeenByAFreshConnector(String job) throws IOException {
        AzureSession fresh = new AzureCloudConnector().signIn(service.settings("importexport"));
        return fresh.routeOfJob(SUBSCRIPTION, job);
    }

    private static boolean isInOrder(List<JobState> states) {
        for (int i = 1; i < states.size(); i++) {
            if (states.get(i).ordinal() <= states.get(i - 1).ordinal()) {
                return false;
            }
        }
        return true;
    }

    private static void assertBlobsAreTheStagedFiles(ObjectStore container, Path staged, String job) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(staged)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            String blob = job + "/" + staged.relativize(file).toString().replace('\\', '/');
            try (InputStream in = container.open(blob)) {
                assertArrayEquals(Files.readAllBytes(file), in.readAllBytes(), blob);
            }
        }
        assertEquals(files.size(), container.list(job + "/").size(), "the container holds the staged files only");
    }
}
