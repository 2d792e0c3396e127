package org.seedbench.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.cloud.local.LocalCloudConnector;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.DriveDock;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.testsupport.CloudConnectorContract;

/**
 * Sessions of two connectors (the local cloud in one data directory, Azure on Azurite with the simulated import
 * service) and of one connector in two data directories, working at the same time, each see their own import jobs
 * and containers: nothing of a sign-in lives in the shared connector components.
 */
@ExtendWith(AzuriteExtension.class)
class SessionsSideBySideTest {
    private static final String SUBSCRIPTION = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    private final Azurite azurite;
    private final LocalCloudConnector local = new LocalCloudConnector(List.of());
    private final AzureCloudConnector azure = new AzureCloudConnector();
    private SimulatedImportService service;

    @TempDir
    Path temp;

    SessionsSideBySideTest(Azurite azurite) {
        this.azurite = azurite;
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void localAndAzureSessionsAndTwoLocalDataDirectoriesWorkAtOnceWithoutMeeting() throws Exception {
        service = SimulatedImportService.start(azurite, temp.resolve("azure-datacenter"), List.of(), DriveDock.NONE,
                86400);
        CloudSession onAzure = azure.signIn(service.settings("importexport"));
        CloudSession first = local.signIn(ConnectorSettings.of(temp.resolve("data-1")));
        CloudSession second = local.signIn(ConnectorSettings.of(temp.resolve("data-2")));
        String vault = "v-" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 20);

        CyclicBarrier together = new CyclicBarrier(3);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<String> a = threads.submit(work(onAzure, Azurite.ACCOUNT, vault, "SB-AZURE", together));
            Future<String> b = threads.submit(work(first, "contosobackup", "vault", "SB-LOCAL1", together));
            Future<String> c = threads.submit(work(second, "contosobackup", "vault", "SB-LOCAL2", together));
            assertEquals("SB-AZURE", a.get());
            assertEquals("SB-LOCAL1", b.get());
            assertEquals("SB-LOCAL2", c.get());
        } finally {
            threads.shutdownNow();
        }

        assertEquals("azure", onAzure.connectorId());
        assertEquals(List.of("SB-LOCAL1"), drives(first));
        assertEquals(List.of("SB-LOCAL2"), drives(second));
        assertEquals(List.of("SB-AZURE"), drives(onAzure));
        assertArrayEquals(bytes("SB-LOCAL1"), first.container("contosobackup", "vault").get("job/config"));
        assertArrayEquals(bytes("SB-LOCAL2"), second.container("contosobackup", "vault").get("job/config"));
        assertArrayEquals(bytes("SB-AZURE"), onAzure.container(Azurite.ACCOUNT, vault).get("job/config"));
        assertEquals("local:contosobackup/vault", first.container("contosobackup", "vault").location());
        assertEquals("azure:" + Azurite.ACCOUNT + "/" + vault, onAzure.container(Azurite.ACCOUNT, vault).location());
    }

    /** Creates the job "side-job" with one drive and writes the drive's id as an object; gives the job's drive. */
    private static Callable<String> work(CloudSession session, String account, String container, String drive,
            CyclicBarrier together) {
        return () -> {
            together.await();
            KeyProtector key = new KeyProtector("kp-1",
                    Secret.of("111111-222222-333333-444444-555555-666666-777777-888888"));
            session.createImportJob(new ImportJobRequest(SUBSCRIPTION, "westeurope", "side-job", account, "seed",
                    CloudConnectorContract.RETURN_ADDRESS, CloudConnectorContract.RETURN_SHIPPING,
                    List.of(new ImportJobRequest.DriveEntry(drive, key,
                            "\\drive-manifest.xml", "0123456789ABCDEF0123456789ABCDEF"))));
            session.container(account, container).put("job/config", bytes(drive));
            together.await();
            return session.getImportJob(SUBSCRIPTION, "side-job").orElseThrow().drives().get(0).serial();
        };
    }

    private static List<String> drives(CloudSession session) throws Exception {
        return session.getImportJob(SUBSCRIPTION, "side-job").orElseThrow().drives().stream()
                .map(CloudJobStatus.DriveStatus::serial).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
