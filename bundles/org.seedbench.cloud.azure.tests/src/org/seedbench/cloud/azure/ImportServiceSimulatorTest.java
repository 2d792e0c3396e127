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
import org.seedbench.core.spi.DriveDock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The import service simulator speaks Azure Resource Manager's REST as a plain HTTP client sees it: bearer
 * token and api-version required, ARM error shapes, Import/Export job and location shapes, a job visible only
 * on the route it was created by. Behind it, the real local connector, its datacenter simulated.
 */
@ExtendWith(AzuriteExtension.class)
class ImportServiceSimulatorTest {
    private static final String SUBSCRIPTION = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String JOBS = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg/providers/";
    private static final String KEY = "111111-222222-333333-444444-555555-666666-777777-888888";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final Azurite azurite;
    private SimulatedImportService service;
    private final HttpClient http = HttpClient.newHttpClient();

    ImportServiceSimulatorTest(Azurite azurite) {
        this.azurite = azurite;
    }

    @BeforeEach
    void start() throws IOException {
        service = SimulatedImportService.start(azurite, temp.resolve("cloud"), List.of(), DriveDock.NONE, 86400);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private HttpResponse<String> call(String method, String path, String body, boolean token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.simulator.uri() + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token) {
            request.header("Authorization", "Bearer any-token-at-all");
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String importJob() {
        return "{\"location\":\"westeurope\",\"tags\":{\"seedbenchContainer\":\"seed\"},\"properties\":{"
                + "\"storageAccountId\":\"/subscriptions/" + SUBSCRIPTION
                + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/devstoreaccount1\",\"jobType\":\"Import\","
                + "\"returnAddress\":{\"recipientName\":\"Contoso IT\",\"streetAddress1\":\"1 Main St\",\"city\":\"Springfield\","
                + "\"postalCode\":\"62701\",\"countryOrRegion\":\"US\",\"phone\":\"+1 217 555 0100\",\"email\":\"it@contoso.example\"},"
                + "\"driveList\":[{\"driveId\":\"SB-0001\",\"bitLockerKey\":\"" + KEY
                + "\",\"manifestFile\":\"\\\\drive-manifest.xml\",\"manifestHash\":\"0123456789ABCDEF0123456789ABCDEF\"}]}}";
    }

    @Test
    void aRequestWithoutABearerTokenOrApiVersionIsRefusedTheWayArmRefusesIt() throws Exception {
        HttpResponse<String> noToken = call("GET", "/providers/Microsoft.ImportExport/locations?api-version=2021-01-01", null,
                false);
        assertEquals(401, noToken.statusCode());
        assertEquals("AuthenticationFailed", json(noToken).path("error").path("code").asText());

        HttpResponse<String> noVersion = call("GET", "/providers/Microsoft.ImportExport/locations", null, true);
        assertEquals(400, noVersion.statusCode());
        assertEquals("MissingApiVersionParameter", json(noVersion).path("error").path("code").asText());

        HttpResponse<String> unknown = call("GET", "/providers/Microsoft.Nothing/things?api-version=1", null, true);
        assertEquals(404, unknown.statusCode());
    }

    @Test
    void locationsCarryTheirShippingAddress() throws Exception {
        HttpResponse<String> answer = call("GET", "/providers/Microsoft.ImportExport/locations?api-version=2021-01-01", null,
                true);
        assertEquals(200, answer.statusCode());
        JsonNode first = json(answer).path("value").path(0);
        assertFalse(first.path("name").asText().isEmpty());
        assertFalse(first.path("properties").path("streetAddress1").asText().isEmpty(), first.toString());
        assertFalse(first.path("properties").path("recipientName").asText().isEmpty(), first.toString());
    }

    @Test
    void anImportJobIsCreatedReadAndListedOnItsRouteOnly() throws Exception {
        String job = JOBS + "Microsoft.ImportExport/jobs/raw-job?api-version=2021-01-01";
        HttpResponse<String> created = call("PUT", job, importJob(), true);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode properties = json(created).path("properties");
        assertEquals("Creating", properties.path("state").asText());
        assertEquals("Specified", properties.path("driveList").path(0).path("state").asText());
        assertFalse(created.body().contains(KEY), "a job's shape does not carry the BitLocker key");

        assertEquals(200, call("GET", job, null, true).statusCode());
        assertEquals(404, call("GET", JOBS + "Microsoft.DataBox/jobs/raw-job?api-version=2022-12-01", null, true).statusCode(),
                "an Import/Export job is no Data Box job");
        JsonNode listed = json(call("GET", "/subscriptions/" + SUBSCRIPTION
                + "/providers/Microsoft.ImportExport/jobs?api-version=2021-01-01", null, true));
        assertEquals("raw-job", listed.path("value").path(0).path("name").asText());

        JsonNode keys = json(call("POST", JOBS + "Microsoft.ImportExport/jobs/raw-job/listBitLockerKeys?api-version=2021-01-01",
                null, true));
        assertEquals(KEY, keys.path("value").path(0).path("bitLockerKey").asText());
    }

    @Test
    void aCreateWithoutDrivesNamesTheMissingField() throws Exception {
        String body = importJob().replaceAll("\"driveList\":\\[.*\\]", "\"driveList\":[]");
        HttpResponse<String> answer = call("PUT", JOBS + "Microsoft.ImportExport/jobs/empty?api-version=2021-01-01", body, true);
        assertEquals(400, answer.statusCode());
        assertTrue(json(answer).path("error").path("message").asText().contains("driveList"), answer.body());
    }
}
