package org.seedbench.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The simulator's Data Box face as a plain HTTP client sees it, held to Microsoft.DataBox 2022-12-01: every
 * required field of a customer-disk job's body is required, enums are enforced, the api-version must be the
 * reference's, create is a long-running operation (202, Azure-AsyncOperation and Location, a status resource that
 * completes), update and delete answer 202 with a Location, markDevicesShipped and cancel 204, and a job's details
 * come only with {@code $expand=details}.
 */
@ExtendWith(AzuriteExtension.class)
class DataBoxApiWithSimulatedDataBoxTest {
    private static final String SUBSCRIPTION = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String JOBS = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg/providers/Microsoft.DataBox/jobs/";
    private static final String VERSION = "?api-version=2022-12-01";
    private static final String KEY = "111111-222222-333333-444444-555555-666666-777777-888888";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every field the reference requires of a customer-disk job's create body, as JSON pointers. */
    private static final List<String> REQUIRED = List.of("/location", "/sku", "/sku/name", "/properties",
            "/properties/transferType", "/properties/details", "/properties/details/jobDetailsType",
            "/properties/details/contactDetails", "/properties/details/contactDetails/contactName",
            "/properties/details/contactDetails/phone", "/properties/details/contactDetails/emailList",
            "/properties/details/shippingAddress", "/properties/details/shippingAddress/streetAddress1",
            "/properties/details/shippingAddress/country", "/properties/details/returnToCustomerPackageDetails",
            "/properties/details/dataImportDetails", "/properties/details/dataImportDetails/0/accountDetails",
            "/properties/details/dataImportDetails/0/accountDetails/dataAccountType",
            "/properties/details/dataImportDetails/0/accountDetails/storageAccountId",
            "/properties/details/importDiskDetailsCollection",
            "/properties/details/importDiskDetailsCollection/SB-0001/manifestFile",
            "/properties/details/importDiskDetailsCollection/SB-0001/manifestHash",
            "/properties/details/importDiskDetailsCollection/SB-0001/bitLockerKey");

    private final Azurite azurite;
    private final HttpClient http = HttpClient.newHttpClient();
    private SimulatedImportService service;

    DataBoxApiWithSimulatedDataBoxTest(Azurite azurite) {
        this.azurite = azurite;
    }

    @BeforeEach
    void start(@TempDir Path temp) throws IOException {
        service = SimulatedImportService.withoutDrives(azurite, temp.resolve("cloud"));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private HttpResponse<String> call(String method, String pathOrUrl, JsonNode body) throws Exception {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : service.simulator.uri() + pathOrUrl;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/json").header("Authorization", "Bearer any-token").build();
        return http.send(request, BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** A complete customer-disk create body, written from the reference. */
    private static ObjectNode job() throws IOException {
        return (ObjectNode) JSON.readTree(("{'location':'westeurope','sku':{'name':'DataBoxCustomerDisk'},"
                + "'tags':{'seedbenchContainer':'seed'},'properties':{'transferType':'ImportToAzure','details':{"
                + "'jobDetailsType':'DataBoxCustomerDisk',"
                + "'contactDetails':{'contactName':'Contoso IT','phone':'+1 425 555 0100','emailList':['it@contoso.example']},"
                + "'shippingAddress':{'streetAddress1':'1 Main St','city':'Springfield','postalCode':'98052','country':'US',"
                + "'addressType':'Commercial'},"
                + "'returnToCustomerPackageDetails':{'carrierName':'FedEx','carrierAccountNumber':'FX-12345'},"
                + "'dataImportDetails':[{'logCollectionLevel':'Verbose','accountDetails':{'dataAccountType':'StorageAccount',"
                + "'storageAccountId':'/subscriptions/" + SUBSCRIPTION
                + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/devstoreaccount1'}}],"
                + "'importDiskDetailsCollection':{'SB-0001':{'manifestFile':'\\\\DriveManifest.xml',"
                + "'manifestHash':'0123456789ABCDEF0123456789ABCDEF','bitLockerKey':'" + KEY + "'}}}}}").replace('\'', '"'));
    }

    @Test
    void aBodyMissingAnyRequiredFieldIsRefusedNamingIt() throws Exception {
        for (String pointer : REQUIRED) {
            ObjectNode body = job();
            JsonPointer field = JsonPointer.compile(pointer);
            JsonNode parent = body.at(field.head());
            if (parent.isArray()) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) parent).remove(Integer.parseInt(field.last().getMatchingProperty()));
            } else {
                ((ObjectNode) parent).remove(field.last().getMatchingProperty());
            }
            HttpResponse<String> answer = call("PUT", JOBS + "missing" + VERSION, body);
            assertEquals(400, answer.statusCode(), pointer + " removed: " + answer.body());
            String name = pointer.substring(pointer.lastIndexOf('/') + 1);
            assertTrue(json(answer).path("error").path("message").asText().contains(name),
                    pointer + " removed, the error names it: " + answer.body());
        }
        assertEquals(404, call("GET", JOBS + "missing" + VERSION, null).statusCode(), "no job was made");
    }

    @Test
    void aValueOutsideTheReferencesEnumsIsRefused() throws Exception {
        for (String[] bad : new String[][] { { "/sku", "name", "DataBoxPetabyte" },
                { "/properties", "transferType", "Sideways" },
                { "/properties/details", "jobDetailsType", "Floppy" },
                { "/properties/details/shippingAddress", "addressType", "Castle" },
                { "/properties/details/dataImportDetails/0", "logCollectionLevel", "Chatty" },
                { "/properties/details/dataImportDetails/0/accountDetails", "dataAccountType", "Tape" } }) {
            ObjectNode body = job();
            ((ObjectNode) body.at(bad[0])).put(bad[1], bad[2]);
            HttpResponse<String> answer = call("PUT", JOBS + "enum" + VERSION, body);
            assertEquals(400, answer.statusCode(), bad[1] + ": " + answer.body());
            assertTrue(json(answer).path("error").path("message").asText().contains(bad[1]), answer.body());
        }
    }

    @Test
    void anotherApiVersionIsRefused() throws Exception {
        HttpResponse<String> answer = call("PUT", JOBS + "versioned?api-version=2021-03-01", job());
        assertEquals(400, answer.statusCode());
        assertEquals("InvalidApiVersionParameter", json(answer).path("error").path("code").asText());
        assertEquals(400, call("GET", JOBS + "versioned?api-version=2019-09-01", null).statusCode());
    }

    @Test
    void createIsALongRunningOperationAndDetailsComeOnlyWithExpand() throws Exception {
        HttpResponse<String> created = call("PUT", JOBS + "lro-job" + VERSION, job());
        assertEquals(202, created.statusCode(), created.body());
        String status = created.headers().firstValue("Azure-AsyncOperation").orElseThrow();
        assertTrue(status.contains("api-version=2022-12-01"), status);
        HttpResponse<String> operation = call("GET", status, null);
        assertEquals(200, operation.statusCode());
        assertEquals("Succeeded", json(operation).path("status").asText());
        assertEquals(204, call("GET", created.headers().firstValue("Location").orElseThrow(), null).statusCode());

        JsonNode plain = json(call("GET", JOBS + "lro-job" + VERSION, null));
        assertEquals("DeviceOrdered", plain.path("properties").path("status").asText());
        assertTrue(plain.path("properties").path("details").isMissingNode(), "no details without $expand: " + plain);
        JsonNode expanded = json(call("GET", JOBS + "lro-job" + VERSION + "&$expand=details", null));
        JsonNode details = expanded.path("properties").path("details");
        assertTrue(details.path("importDiskDetailsCollection").has("SB-0001"), expanded.toString());
        assertEquals("DatacenterAddressLocation", details.path("datacenterAddress").path("datacenterAddressType").asText());
        assertEquals("Contoso IT", details.path("contactDetails").path("contactName").asText());
        assertFalse(expanded.toString().contains(KEY), "a job's shape does not carry the BitLocker key");
        JsonNode listed = json(call("GET", "/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.DataBox/jobs" + VERSION, null));
        assertEquals("lro-job", listed.path("value").path(0).path("name").asText());
        assertTrue(listed.path("value").path(0).path("properties").path("details").isMissingNode(), "list has no details");
    }

    @Test
    void updateAndDeleteAnswerWithALocationShippedAndCancelWith204() throws Exception {
        assertEquals(202, call("PUT", JOBS + "trip" + VERSION, job()).statusCode());
        ObjectNode update = JSON.createObjectNode();
        update.putObject("properties").putObject("details").putObject("shippingAddress").put("streetAddress1", "2 Side St");
        assertEquals(400, call("PATCH", JOBS + "trip" + VERSION, update).statusCode(), "a shipping address needs its country");
        ((ObjectNode) update.at("/properties/details/shippingAddress")).put("country", "US");
        HttpResponse<String> patched = call("PATCH", JOBS + "trip" + VERSION, update);
        assertEquals(202, patched.statusCode(), patched.body());
        assertEquals(204, call("GET", patched.headers().firstValue("Location").orElseThrow(), null).statusCode());

        ObjectNode shipped = JSON.createObjectNode();
        assertEquals(400, call("POST", JOBS + "trip/markDevicesShipped" + VERSION, shipped).statusCode());
        shipped.putObject("deliverToDcPackageDetails").put("carrierName", "FedEx").put("trackingId", "1Z-TRIP");
        assertEquals(204, call("POST", JOBS + "trip/markDevicesShipped" + VERSION, shipped).statusCode());
        JsonNode job = json(call("GET", JOBS + "trip" + VERSION + "&$expand=details", null));
        assertEquals("ShippedToAzureDC", job.path("properties").path("status").asText());
        assertEquals("2 Side St", job.at("/properties/details/shippingAddress/streetAddress1").asText());
        assertEquals("1Z-TRIP", job.at("/properties/details/deliverToDcPackageDetails/trackingId").asText());

        assertEquals(400, call("POST", JOBS + "trip/cancel" + VERSION, JSON.createObjectNode()).statusCode(),
                "a cancellation needs its reason");
        assertEquals(204, call("POST", JOBS + "trip/cancel" + VERSION, JSON.createObjectNode().put("reason", "test"))
                .statusCode());
        HttpResponse<String> deleted = call("DELETE", JOBS + "trip" + VERSION, null);
        assertEquals(202, deleted.statusCode(), deleted.body());
        assertEquals(204, call("GET", deleted.headers().firstValue("Location").orElseThrow(), null).statusCode());
        assertEquals(404, call("GET", JOBS + "trip" + VERSION, null).statusCode());
    }
}
