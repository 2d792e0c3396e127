package org.seedbench.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.ConnectorSettings;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlockBlobClient;

/**
 * The container SAS an Azure session gives the drive manifests, used with azure-storage-blob against a real Blob
 * service (Azurite): it creates and writes blobs (whole, or block by block as the import service commits a drive's
 * blocks) and can do nothing else: no read, no list, no delete. And which encryptors an Azure session's datacenter
 * unlocks, by its management endpoint.
 */
@ExtendWith(AzuriteExtension.class)
class ImportContainerSasOnAzuriteTest {
    private final Azurite azurite;

    ImportContainerSasOnAzuriteTest(Azurite azurite) {
        this.azurite = azurite;
    }

    private AzureSession session(String managementEndpoint) throws IOException {
        return new AzureCloudConnector().signIn(ConnectorSettings.empty()
                .withSecret(StorageAccess.CONNECTION_STRING, azurite.connectionString())
                .with(AzureCloudConnector.MANAGEMENT_ENDPOINT, managementEndpoint), SimulatedImportService.anyToken());
    }

    @Test
    void theSasCreatesAndWritesBlobsButCannotReadListOrDelete() throws Exception {
        AzureSession azure = session("http://127.0.0.1:1");
        String name = "sas-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        azure.container(Azurite.ACCOUNT, name).put("job/config", new ByteArrayInputStream(new byte[] {1}), 1);

        String token;
        try (Secret sas = azure.importContainerSas(Azurite.ACCOUNT, name, Instant.now().plus(Duration.ofHours(1)))
                .orElseThrow()) {
            token = new String(sas.reveal());
        }
        assertTrue(token.contains("sp=cw"), "create and write only: " + token.replaceAll("sig=[^&]*", "sig=…"));
        assertTrue(token.contains("sr=c"), "a container SAS");

        BlobContainerClient withSas = new BlobContainerClientBuilder().endpoint(azurite.accountUrl().toString())
                .containerName(name).sasToken(token).httpClient(new JdkHttpClientBuilder().build()).buildClient();
        byte[] data = "a pack".getBytes(StandardCharsets.UTF_8);
        withSas.getBlobClient("job/packs/ab/ab01").getBlockBlobClient().upload(new ByteArrayInputStream(data),
                data.length);
        BlockBlobClient blocks = withSas.getBlobClient("job/packs/cd/cd02").getBlockBlobClient();
        String id = Base64.getEncoder().encodeToString("00000000".getBytes(StandardCharsets.US_ASCII));
        blocks.stageBlock(id, new ByteArrayInputStream(data), data.length);
        blocks.commitBlockList(List.of(id));

        BlobContainerClient withKey = new BlobContainerClientBuilder()
                .connectionString(new String(azurite.connectionString().reveal())).containerName(name)
                .httpClient(new JdkHttpClientBuilder().build()).buildClient();
        assertEquals("a pack", withKey.getBlobClient("job/packs/cd/cd02").downloadContent().toString(),
                "what the SAS wrote is there");

        assertEquals(403, assertThrows(BlobStorageException.class,
                () -> withSas.getBlobClient("job/packs/ab/ab01").downloadContent()).getStatusCode(), "no read");
        assertEquals(403, assertThrows(BlobStorageException.class,
                () -> withSas.listBlobs().iterator().hasNext()).getStatusCode(), "no list");
        assertEquals(403, assertThrows(BlobStorageException.class,
                () -> withSas.getBlobClient("job/config").delete()).getStatusCode(), "no delete");
        withKey.delete();
    }

    @Test
    void aSessionSignedInWithASasTokenHasNoKeyToMakeOneWith() throws IOException {
        AzureSession azure = new AzureCloudConnector().signIn(ConnectorSettings.empty()
                .with(StorageAccess.ACCOUNT_URL, azurite.accountUrl().toString())
                .withSecret(StorageAccess.SAS_TOKEN, Secret.of("sv=2024-08-04&ss=b&srt=sco&sp=rwdlac&sig=c2ln")),
                SimulatedImportService.anyToken());
        assertTrue(azure.importContainerSas(Azurite.ACCOUNT, "seed", Instant.now().plus(Duration.ofDays(90)))
                .isEmpty());
    }

    /** Azure's datacenters unlock BitLocker drives only; a simulator on this computer unlocks any. No request is sent. */
    @Test
    void theEncryptorsADatacenterUnlocksFollowTheManagementEndpoint() throws IOException {
        for (String azure : List.of("https://management.azure.com", "https://management.usgovcloudapi.net",
                "https://management.chinacloudapi.cn/")) {
            assertEquals(List.of("bitlocker"), session(azure).unlockableEncryptors(), azure);
        }
        for (String simulator : List.of("http://127.0.0.1:8443", "http://localhost:8443", "http://[::1]:8443")) {
            assertEquals(List.of(), session(simulator).unlockableEncryptors(), simulator);
        }
    }
}
