package org.seedbench.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.testsupport.CloudConnectorContract;

import com.sun.net.httpserver.HttpServer;

/**
 * Failures provoked with a wrong account key, a bad SAS token, a client secret Entra ID cannot take, and a
 * service that quotes the request back in its error: no message (nor any cause's) holds the key, the token's
 * signature, the client secret or a drive's recovery password; nor does anything show the drive manifests'
 * container SAS.
 */
@ExtendWith(AzuriteExtension.class)
class SecretsStayOutOfMessagesTest {
    private static final String WRONG_KEY = "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktd3Jvbmcta2V5LXdyb25nLWtleQ==";
    private static final String SIGNATURE = "bm90LWEtcmVhbC1zaWduYXR1cmUtc2VjcmV0";
    private static final String CLIENT_SECRET = "client-secret-that-must-not-show";
    private static final String RECOVERY_PASSWORD = "123456-234567-345678-456789-567890-678901-789012-890123";

    private final Azurite azurite;

    SecretsStayOutOfMessagesTest(Azurite azurite) {
        this.azurite = azurite;
    }

    private static void put(ObjectStore c) throws IOException {
        c.put("job/config", new ByteArrayInputStream(new byte[] { 1, 2, 3 }), 3);
    }

    @Test
    void aWrongAccountKeyIsRefusedWithoutShowingIt() throws IOException {
        AzureSession azure = new AzureCloudConnector().signIn(ConnectorSettings.empty()
                .with(StorageAccess.ACCOUNT_URL, azurite.accountUrl().toString())
                .with(StorageAccess.ACCOUNT_NAME, Azurite.ACCOUNT).withSecret(StorageAccess.ACCOUNT_KEY, Secret.of(WRONG_KEY)),
                SimulatedImportService.anyToken());
        IOException e = assertThrows(IOException.class, () -> put(azure.container(Azurite.ACCOUNT, "secrets")));
        assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        assertNotIn(e, "key", WRONG_KEY);
    }

    @Test
    void aConnectionStringWithAWrongKeyIsRefusedWithoutShowingIt() throws IOException {
        String connectionString = "DefaultEndpointsProtocol=http;AccountName=" + Azurite.ACCOUNT + ";AccountKey=" + WRONG_KEY
                + ";BlobEndpoint=" + azurite.accountUrl() + ";";
        AzureSession azure = new AzureCloudConnector().signIn(ConnectorSettings.empty()
                .withSecret(StorageAccess.CONNECTION_STRING, Secret.of(connectionString)), SimulatedImportService.anyToken());
        IOException e = assertThrows(IOException.class, () -> put(azure.container(Azurite.ACCOUNT, "secrets")));
        assertNotIn(e, "key", WRONG_KEY);
    }

    @Test
    void aBadSasTokenIsRefusedWithoutShowingItsSignature() throws IOException {
        AzureSession azure = new AzureCloudConnector().signIn(ConnectorSettings.empty()
                .with(StorageAccess.ACCOUNT_URL, azurite.accountUrl().toString()).withSecret(StorageAccess.SAS_TOKEN,
                        Secret.of("?sv=2024-08-04&ss=b&srt=sco&sp=rwdlac&se=2099-01-01T00:00:00Z&sig=" + SIGNATURE)),
                SimulatedImportService.anyToken());
        IOException e = assertThrows(IOException.class, () -> put(azure.container(Azurite.ACCOUNT, "secrets")));
        assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        assertNotIn(e, "SAS signature", SIGNATURE);
    }

    @Test
    void aClientSecretEntraIdCannotTakeShowsNeitherItNorTheRecoveryPassword() throws IOException {
        AzureSession azure = new AzureCloudConnector().signIn(ConnectorSettings.empty()
                .with("tenantId", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0").with("clientId", "11111111-2222-3333-4444-555555555555")
                .withSecret("clientSecret", Secret.of(CLIENT_SECRET)).with("authorityHost", "https://127.0.0.1:" + closedPort())
                .with(AzureCloudConnector.RESOURCE_GROUP, "rg")
                .with(AzureCloudConnector.MANAGEMENT_ENDPOINT, "https://127.0.0.1:" + closedPort()));
        IOException e = assertThrows(IOException.class, () -> azure.createImportJob(request()));
        assertTrue(e.getMessage().startsWith("Azure Resource Manager: cannot create import job"), e.getMessage());
        assertNotIn(e, "client secret", CLIENT_SECRET);
        assertNotIn(e, "recovery password", RECOVERY_PASSWORD);
    }

    @Test
    void aServiceThatQuotesTheRequestInItsErrorDoesNotLeakTheRecoveryPassword() throws Exception {
        HttpServer quoting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        quoting.createContext("/", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] body = ("{\"error\":{\"code\":\"InvalidRequestContent\",\"message\":\"cannot read "
                    + request.replace("\\", "\\\\").replace("\"", "'") + "\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        quoting.start();
        try {
            AzureSession azure = new AzureCloudConnector().signIn(ConnectorSettings.empty()
                    .with(AzureCloudConnector.MANAGEMENT_ENDPOINT, "http://127.0.0.1:" + quoting.getAddress().getPort())
                    .with(AzureCloudConnector.RESOURCE_GROUP, "rg"), SimulatedImportService.anyToken());
            for (String route : List.of("importexport", "databox")) {
                IOException e = assertThrows(IOException.class, () -> azure.createImportJob(request(route)));
                assertTrue(e.getMessage().contains("HTTP 400 InvalidRequestContent"), e.getMessage());
                assertTrue(e.getMessage().contains("manifestHash"), "the service's message is kept: " + e.getMessage());
                assertNotIn(e, "recovery password", RECOVERY_PASSWORD);
            }
        } finally {
            quoting.stop(0);
        }
    }

    @Test
    void aTokenIsNotSentInTheClearToAnotherHost() throws IOException {
        AzureSession azure = new AzureCloudConnector().signIn(ConnectorSettings.empty()
                .with(AzureCloudConnector.MANAGEMENT_ENDPOINT, "http://management.example.invalid")
                .with(AzureCloudConnector.RESOURCE_GROUP, "rg"), SimulatedImportService.anyToken());
        IOException e = assertThrows(IOException.class, () -> azure.locations());
        assertTrue(e.getMessage().contains("plain HTTP"), e.getMessage());
    }

    /**
     * The drive manifests' container SAS is a secret: neither it, nor the session, nor a refused request for one
     * (a container name the service would refuse) shows its signature or the account key it is signed with.
     */
    @Test
    void theDriveManifestsContainerSasShowsNeitherItsSignatureNorTheKey() throws IOException {
        AzureSession azure = new AzureCloudConnector().signIn(ConnectorSettings.empty()
                .withSecret(StorageAccess.CONNECTION_STRING, azurite.connectionString()), SimulatedImportService.anyToken());
        String key = new String(azurite.connectionString().reveal()).replaceAll(".*AccountKey=([^;]*).*", "$1");
        try (Secret sas = azure.importContainerSas(Azurite.ACCOUNT, "seed", Instant.now().plus(Duration.ofDays(90)))
                .orElseThrow()) {
            String token = new String(sas.reveal());
            String signature = token.replaceAll(".*sig=([^&]*).*", "$1");
            assertFalse(signature.isEmpty());
            assertFalse(sas.toString().contains(signature), sas.toString());
            assertFalse(azure.toString().contains(signature), azure.toString());
            IOException e = assertThrows(IOException.class, () -> azure.importContainerSas(Azurite.ACCOUNT, "Bad_Name",
                    Instant.now().plus(Duration.ofDays(90))));
            assertNotIn(e, "SAS signature", signature);
            assertNotIn(e, "key", key);
        }
    }

    private static ImportJobRequest request() {
        return request("importexport");
    }

    private static ImportJobRequest request(String route) {
        return new ImportJobRequest("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "westeurope", "leaky-job", "contosobackup", "seed",
                CloudConnectorContract.RETURN_ADDRESS, CloudConnectorContract.RETURN_SHIPPING,
                List.of(new ImportJobRequest.DriveEntry("SB-0001", new KeyProtector("kp", Secret.of(RECOVERY_PASSWORD)),
                        "\\drive-manifest.xml", "0123456789ABCDEF0123456789ABCDEF")), Map.of("route", route));
    }

    /** Neither the exception nor any of its causes holds the secret. */
    private static void assertNotIn(Throwable e, String what, String secret) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = t.toString();
            assertFalse(text.contains(secret), "the " + what + " shows in: " + text);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
