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
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.spi.DriveDock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The import service simulator speaks Azure Resource Manager's REST as a plain HTTP client sees it: bearer
 * token and api-version required, ARM error shapes, Import/Export job and location shapes, a job visible only
 * on the route it was created by. Behind it, the real local connector, its datacenter simulated.
 *
 * <p>It is as strict as the Import/Export reference (2021-01-01), driven with raw HTTP bodies: for each
 * operation, a request that lacks any one required property, or gives a value outside its enum, is refused with
 * 400 and ARM's error shape naming the property in {@code details[].target}; a wrong or missing api-version is
 * refused with the service's codes; the complete request is accepted with the reference's status code.
 */
@ExtendWith(AzuriteExtension.class)
class ImportServiceSimulatorTest {
    private static final String SUBSCRIPTION = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String JOBS = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg/providers/";
    private static final String KEY = "111111-222222-333333-444444-555555-666666-777777-888888";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IE_JOBS = JOBS + "Microsoft.ImportExport/jobs/";
    private static final String VERSION = "?api-version=2021-01-01";

    /** Every property the reference requires of an import job's create, by JSON path. */
    private static final List<String> CREATE_REQUIRED = List.of("location", "properties", "properties.storageAccountId",
            "properties.jobType", "properties.driveList", "properties.driveList[0].driveId",
            "properties.driveList[0].bitLockerKey", "properties.driveList[0].manifestFile",
            "properties.driveList[0].manifestHash", "properties.returnAddress.recipientName",
            "properties.returnAddress.streetAddress1", "properties.returnAddress.city",
            "properties.returnAddress.postalCode", "properties.returnAddress.countryOrRegion",
            "properties.returnAddress.phone", "properties.returnAddress.email",
            "properties.returnShipping.carrierName", "properties.returnShipping.carrierAccountNumber");
    /** Every property the reference requires of an update that ships the job, by JSON path. */
    private static final List<String> SHIP_REQUIRED = List.of("properties.deliveryPackage.carrierName",
            "properties.deliveryPackage.trackingNumber", "properties.returnAddress.recipientName",
            "properties.returnAddress.streetAddress1", "properties.returnAddress.city",
            "properties.returnAddress.postalCode", "properties.returnAddress.countryOrRegion",
            "properties.returnAddress.phone", "properties.returnAddress.email",
            "properties.returnShipping.carrierName", "properties.returnShipping.carrierAccountNumber");


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
        assertEquals("/providers/Microsoft.ImportExport/locations/" + first.path("name").asText(), first.path("id").asText());
        assertFalse(first.path("properties").has("displayName"), "the reference's Location has no displayName");
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

    private HttpResponse<String> call(String method, String pathAndQuery, JsonNode body) throws Exception {
        return call(method, pathAndQuery, body == null ? null : body.toString(), true);
    }

    private static ObjectNode createBody() throws IOException {
        return (ObjectNode) JSON.readTree("""
                {"location": "westeurope", "tags": {"seedbenchContainer": "seed"}, "properties": {
                  "storageAccountId": "/subscriptions/%s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/devstoreaccount1",
                  "jobType": "Import", "logLevel": "Verbose",
                  "returnAddress": {"recipientName": "Contoso IT", "streetAddress1": "1 Main St", "city": "Springfield",
                    "postalCode": "62701", "countryOrRegion": "US", "phone": "+1 217 555 0100", "email": "it@contoso.example"},
                  "returnShipping": {"carrierName": "UPS", "carrierAccountNumber": "UPS-778899"},
                  "driveList": [{"driveId": "SB-0001", "bitLockerKey": "111111-222222-333333-444444-555555-666666-777777-888888",
                    "manifestFile": "\\\\drive-manifest.xml", "manifestHash": "0123456789ABCDEF0123456789ABCDEF"}]}}
                """.formatted(SUBSCRIPTION));
    }

    private static ObjectNode shipBody() throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode p = body.putObject("properties").put("state", "Shipping");
        p.putObject("deliveryPackage").put("carrierName", "FedEx").put("trackingNumber", "1Z-STRICT").put("driveCount", 1)
                .put("shipDate", "2026-12-07");
        p.set("returnAddress", createBody().path("properties").path("returnAddress").deepCopy());
        p.set("returnShipping", createBody().path("properties").path("returnShipping").deepCopy());
        return body;
    }

    /** The body without the property at {@code path} (dots and one {@code [0]}). */
    private static ObjectNode without(ObjectNode body, String path) {
        ObjectNode copy = body.deepCopy();
        String[] steps = path.split("\\.");
        JsonNode node = copy;
        for (int i = 0; i < steps.length - 1; i++) {
            node = step(node, steps[i]);
        }
        ((ObjectNode) node).remove(steps[steps.length - 1]);
        return copy;
    }

    private static JsonNode step(JsonNode node, String step) {
        return step.endsWith("[0]") ? node.path(step.substring(0, step.length() - 3)).path(0) : node.path(step);
    }

    /** The paths the refusal's details name; fails when the answer is not ARM's 400 error shape. */
    private static List<String> refusedTargets(HttpResponse<String> answer) throws IOException {
        assertEquals(400, answer.statusCode(), answer.body());
        JsonNode error = JSON.readTree(answer.body()).path("error");
        assertEquals("InvalidRequestContent", error.path("code").asText(), answer.body());
        assertTrue(error.path("details").isArray() && error.path("details").size() > 0, answer.body());
        List<String> targets = new ArrayList<>();
        error.path("details").forEach(d -> targets.add(d.path("target").asText()));
        return targets;
    }

    @Test
    void aCreateLackingAnyRequiredPropertyIsRefusedNamingIt() throws Exception {
        List<String> notRefused = new ArrayList<>();
        for (String path : CREATE_REQUIRED) {
            HttpResponse<String> answer = call("PUT", IE_JOBS + "strict-create" + VERSION, without(createBody(), path));
            if (answer.statusCode() != 400
                    || !(refusedTargets(answer).contains(path) || refusedTargets(answer).contains("body." + path))) {
                notRefused.add(path + " -> " + answer.statusCode() + " " + answer.body());
            }
        }
        assertEquals(List.of(), notRefused, "each missing required property is refused and named");
        HttpResponse<String> created = call("PUT", IE_JOBS + "strict-create" + VERSION, createBody());
        assertEquals(201, created.statusCode(), created.body());
    }

    @Test
    void aCreateWithAJobTypeOutsideTheEnumIsRefused() throws Exception {
        ObjectNode body = createBody();
        ((ObjectNode) body.path("properties")).put("jobType", "Copy");
        assertEquals(List.of("properties.jobType"), refusedTargets(call("PUT", IE_JOBS + "typed" + VERSION, body)));
        ((ObjectNode) body.path("properties")).put("jobType", "Import").put("logLevel", "Chatty");
        assertEquals(List.of("properties.logLevel"), refusedTargets(call("PUT", IE_JOBS + "typed" + VERSION, body)));
    }

    @Test
    void anUpdateThatShipsLackingAnyRequiredPropertyIsRefusedNamingIt() throws Exception {
        assertEquals(201, call("PUT", IE_JOBS + "strict-ship" + VERSION, createBody()).statusCode());
        List<String> notRefused = new ArrayList<>();
        for (String path : SHIP_REQUIRED) {
            HttpResponse<String> answer = call("PATCH", IE_JOBS + "strict-ship" + VERSION, without(shipBody(), path));
            if (answer.statusCode() != 400 || !refusedTargets(answer).contains(path)) {
                notRefused.add(path + " -> " + answer.statusCode() + " " + answer.body());
            }
        }
        assertEquals(List.of(), notRefused, "each missing required property is refused and named");
        HttpResponse<String> shipped = call("PATCH", IE_JOBS + "strict-ship" + VERSION, shipBody());
        assertEquals(200, shipped.statusCode(), shipped.body());
        assertEquals("Shipping", JSON.readTree(shipped.body()).path("properties").path("state").asText());
    }

    @Test
    void shippingNeedsTheReturnAddressAndDeliveryPackageGivenNowOrBefore() throws Exception {
        ObjectNode body = without(createBody(), "properties.returnAddress");
        assertEquals(201, call("PUT", IE_JOBS + "no-address" + VERSION, body).statusCode(), "a create may leave it for later");
        ObjectNode ship = JSON.createObjectNode();
        ship.putObject("properties").put("state", "Shipping");
        assertEquals(List.of("properties.returnAddress", "properties.deliveryPackage"),
                refusedTargets(call("PATCH", IE_JOBS + "no-address" + VERSION, ship)));
        ObjectNode other = JSON.createObjectNode();
        other.putObject("properties").put("state", "Received");
        assertEquals(List.of("properties.state"), refusedTargets(call("PATCH", IE_JOBS + "no-address" + VERSION, other)),
                "Shipping is the one state an update may set");
        ObjectNode notCancel = JSON.createObjectNode();
        notCancel.putObject("properties").put("cancelRequested", false);
        assertEquals(List.of("properties.cancelRequested"), refusedTargets(call("PATCH", IE_JOBS + "no-address" + VERSION, notCancel)));
        ObjectNode count = shipBody();
        ((ObjectNode) count.path("properties").path("deliveryPackage")).put("driveCount", "one");
        assertEquals(List.of("properties.deliveryPackage.driveCount"),
                refusedTargets(call("PATCH", IE_JOBS + "no-address" + VERSION, count)));
    }

    @Test
    void everyOperationRefusesAWrongOrMissingApiVersion() throws Exception {
        assertEquals(201, call("PUT", IE_JOBS + "versioned" + VERSION, createBody()).statusCode());
        List<String[]> operations = List.of(new String[] { "GET", "/providers/Microsoft.ImportExport/locations" },
                new String[] { "GET", "/providers/Microsoft.ImportExport/locations/westeurope" },
                new String[] { "GET", "/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.ImportExport/jobs" },
                new String[] { "GET", IE_JOBS.substring(0, IE_JOBS.length() - 1) }, new String[] { "PUT", IE_JOBS + "versioned" },
                new String[] { "GET", IE_JOBS + "versioned" }, new String[] { "PATCH", IE_JOBS + "versioned" },
                new String[] { "DELETE", IE_JOBS + "versioned" }, new String[] { "POST", IE_JOBS + "versioned/listBitLockerKeys" });
        for (String[] op : operations) {
            JsonNode body = op[0].equals("PUT") ? createBody() : op[0].equals("PATCH") ? shipBody() : null;
            HttpResponse<String> wrong = call(op[0], op[1] + "?api-version=2016-11-01", body);
            assertEquals(400, wrong.statusCode(), op[0] + " " + op[1]);
            assertEquals("InvalidApiVersionParameter", JSON.readTree(wrong.body()).path("error").path("code").asText(),
                    op[0] + " " + op[1]);
            HttpResponse<String> missing = call(op[0], op[1], body);
            assertEquals("MissingApiVersionParameter", JSON.readTree(missing.body()).path("error").path("code").asText(),
                    op[0] + " " + op[1]);
        }
        assertEquals(200, call("GET", IE_JOBS + "versioned" + VERSION, null).statusCode(), "untouched by the refused calls");
    }

    @Test
    void listsPageByTopAndNextLinkAndRefuseMoreThanAHundred() throws Exception {
        for (String job : List.of("page-1", "page-2", "page-3")) {
            assertEquals(201, call("PUT", IE_JOBS + job + VERSION, createBody()).statusCode());
        }
        String list = "/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.ImportExport/jobs";
        List<String> names = new ArrayList<>();
        String next = service.simulator.uri() + list + VERSION + "&$top=2";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> page = call("GET", next.substring(service.simulator.uri().toString().length()), null);
            assertEquals(200, page.statusCode(), page.body());
            JsonNode json = JSON.readTree(page.body());
            json.path("value").forEach(j -> names.add(j.path("name").asText()));
            next = json.path("nextLink").asText(null);
            pages++;
        }
        assertEquals(List.of("page-1", "page-2", "page-3"), names.stream().sorted().toList());
        assertEquals(2, pages);
        assertEquals(List.of("$top"), refusedTargets(call("GET", list + VERSION + "&$top=101", null)));
    }

    @Test
    void aDeleteAnswersOkAndTheJobIsGone() throws Exception {
        assertEquals(201, call("PUT", IE_JOBS + "gone" + VERSION, createBody()).statusCode());
        HttpResponse<String> deleted = call("DELETE", IE_JOBS + "gone" + VERSION, null);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(404, call("GET", IE_JOBS + "gone" + VERSION, null).statusCode());
    }
}
