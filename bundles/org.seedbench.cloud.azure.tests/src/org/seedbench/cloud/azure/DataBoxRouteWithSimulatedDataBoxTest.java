package org.seedbench.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.testsupport.CloudConnectorContract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Data Box route's trip through the strict simulator (Microsoft.DataBox 2022-12-01): created as a long-running
 * operation, read and listed with its details ($expand), given the return details and marked shipped (both waited
 * for), cancelled and deleted; a request without what Data Box requires is refused before anything is sent.
 */
@ExtendWith(AzuriteExtension.class)
class DataBoxRouteWithSimulatedDataBoxTest {
    private static final String SUBSCRIPTION = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String KEY = "111111-222222-333333-444444-555555-666666-777777-888888";

    @TempDir
    Path temp;

    private final Azurite azurite;
    private SimulatedImportService service;
    private AzureSession azure;

    DataBoxRouteWithSimulatedDataBoxTest(Azurite azurite) {
        this.azurite = azurite;
    }

    @BeforeEach
    void start() throws IOException {
        service = SimulatedImportService.withoutDrives(azurite, temp.resolve("cloud"));
        azure = new AzureCloudConnector().signIn(service.settings("databox"));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private static ImportJobRequest request(String job, ReturnAddress address, ReturnShipping shipping) {
        return new ImportJobRequest(SUBSCRIPTION, "westeurope", job, Azurite.ACCOUNT, "seed", address, shipping,
                List.of(new ImportJobRequest.DriveEntry("SB-0001", new KeyProtector("kp", Secret.of(KEY)),
                        "\\DriveManifest.xml", "0123456789ABCDEF0123456789ABCDEF")),
                Map.of("route", "databox"));
    }

    /** The job as the service holds it, read with its details by a plain HTTP client. */
    private JsonNode raw(String job) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(service.simulator.uri() + "/subscriptions/" + SUBSCRIPTION
                + "/resourceGroups/" + SimulatedImportService.RESOURCE_GROUP + "/providers/Microsoft.DataBox/jobs/" + job
                + "?api-version=2022-12-01&$expand=details")).header("Authorization", "Bearer any").build();
        return new ObjectMapper().readTree(HttpClient.newHttpClient().send(get, BodyHandlers.ofString()).body());
    }

    @Test
    void theWholeTripConformsToTheReference() throws Exception {
        CloudJobStatus created = azure.createImportJob(request("db-trip", CloudConnectorContract.RETURN_ADDRESS,
                CloudConnectorContract.RETURN_SHIPPING));
        assertEquals(JobState.CREATING, created.serviceState());
        assertEquals("DeviceOrdered", created.serviceStateText());
        assertEquals(List.of("SB-0001"), created.drives().stream().map(CloudJobStatus.DriveStatus::serial).toList(),
                "the disks come with $expand=details");
        assertEquals(DriveState.SPECIFIED, created.drives().get(0).state());
        assertTrue(created.shipTo().contains(service.backend.location("westeurope").orElseThrow().streetAddress()),
                "the address to ship to is the job's datacenter address: " + created.shipTo());
        JsonNode sent = raw("db-trip").path("properties").path("details");
        assertEquals(CloudConnectorContract.RETURN_ADDRESS.phone(), sent.path("contactDetails").path("phone").asText());
        assertEquals(CloudConnectorContract.RETURN_ADDRESS.countryOrRegion(),
                sent.path("shippingAddress").path("country").asText());
        assertEquals(CloudConnectorContract.RETURN_SHIPPING.carrierName(),
                sent.path("returnToCustomerPackageDetails").path("carrierName").asText());

        CloudJobStatus listed = azure.listImportJobs(SUBSCRIPTION).stream().filter(j -> j.jobName().equals("db-trip"))
                .findFirst().orElseThrow();
        assertEquals(1, listed.drives().size(), "a listed job has its disks too");

        ReturnAddress moved = new ReturnAddress("Contoso IT", "2 Side St", null, "Springfield", "WA", "98052", "US",
                "+1 425 555 0100", "it@contoso.example");
        CloudJobStatus shipped = azure.updateShipping(SUBSCRIPTION, new Shipment("db-trip", "UPS", "1Z-DBTRIP",
                LocalDate.now(), List.of("SB-0001"), moved, new ReturnShipping("DHL", "DHL-777")));
        assertEquals(JobState.SHIPPING, shipped.serviceState());
        assertEquals("ShippedToAzureDC", shipped.serviceStateText());
        JsonNode details = raw("db-trip").path("properties").path("details");
        assertEquals("UPS", details.path("deliverToDcPackageDetails").path("carrierName").asText());
        assertEquals("1Z-DBTRIP", details.path("deliverToDcPackageDetails").path("trackingId").asText());
        assertEquals("2 Side St", details.path("shippingAddress").path("streetAddress1").asText());
        assertEquals("DHL", details.path("returnToCustomerPackageDetails").path("carrierName").asText());

        azure.cancelImportJob(SUBSCRIPTION, "db-trip");
        assertEquals(JobState.CANCELLED, azure.getImportJob(SUBSCRIPTION, "db-trip").orElseThrow().serviceState());
        azure.deleteImportJob(SUBSCRIPTION, "db-trip");
        assertTrue(azure.getImportJob(SUBSCRIPTION, "db-trip").isEmpty());
    }

    @Test
    void aRequestWithoutWhatDataBoxRequiresIsRefusedBeforeAnythingIsSent() throws Exception {
        ReturnAddress noPhone = new ReturnAddress("Contoso IT", "1 Main St", null, "Springfield", "WA", "98052", "US",
                null, "it@contoso.example");
        IOException e = assertThrows(IOException.class, () -> azure.createImportJob(request("db-incomplete", noPhone,
                new ReturnShipping("FedEx", null))));
        assertTrue(e.getMessage().contains("phone") && e.getMessage().contains("returnCarrierAccount"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertTrue(e.getCause() instanceof InvalidInputException, "invalid input, not a failure: " + e.getCause());
        assertNull(raw("db-incomplete").path("name").textValue(), "nothing reached the service");
    }

    @Test
    void aJobInTransitCannotBeDeletedAndSaysWhy() throws Exception {
        azure.createImportJob(request("db-busy",
        CloudConnectorContract.RETURN_ADDRESS, CloudConnectorContract.RETURN_SHIPPING));
        azure.updateShipping(SUBSCRIPTION, new Shipment("db-busy", "UPS", "1Z-DBBUSY", LocalDate.now(), List.of("SB-0001"),
                CloudConnectorContract.RETURN_ADDRESS, CloudConnectorContract.RETURN_SHIPPING));
        IOException e = assertThrows(IOException.class, () -> azure.deleteImportJob(SUBSCRIPTION, "db-busy"));
        assertTrue(e.getMessage().contains("HTTP 409"), e.getMessage());
        assertTrue(azure.getImportJob(SUBSCRIPTION, "db-busy").isPresent());
    }
}
