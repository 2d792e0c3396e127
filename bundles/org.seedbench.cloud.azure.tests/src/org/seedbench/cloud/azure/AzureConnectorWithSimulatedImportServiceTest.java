package org.seedbench.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.DriveDock;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.testsupport.CloudConnectorContract;

/**
 * The Azure connector keeps the cloud connector contract with Blob storage on Azurite and the import service
 * simulated (Azure Import/Export's REST operations answered on 127.0.0.1 by the simulator, the local
 * connector's datacenter behind it).
 */
@ExtendWith(AzuriteExtension.class)
class AzureConnectorWithSimulatedImportServiceTest extends CloudConnectorContract {
    private final Azurite azurite;
    private final AzureCloudConnector connector = new AzureCloudConnector();
    private SimulatedImportService service;
    private final List<SimulatedImportService> started = new ArrayList<>();

    AzureConnectorWithSimulatedImportServiceTest(Azurite azurite) {
        this.azurite = azurite;
    }

    /** The route the connector creates jobs with. */
    protected String route() {
        return "importexport";
    }

    @Override
    protected CloudConnector connector() {
        return connector;
    }

    @Override
    protected ConnectorSettings settings(Path folder) {
        try {
            SimulatedImportService one = SimulatedImportService.start(azurite, folder.resolve("cloud"), List.of(),
                    DriveDock.NONE, 86400);
            started.add(one);
            if (service == null) {
                service = one; // the first is the session's of the tests
            }
            return one.settings(route());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stopSimulators() {
        started.forEach(SimulatedImportService::close);
    }

    private AzureSession session() {
        return (AzureSession) session;
    }

    private ImportJobRequest request(String job) {
        KeyProtector key = new KeyProtector("kp-1", Secret.of("111111-222222-333333-444444-555555-666666-777777-888888"));
        return new ImportJobRequest(SUBSCRIPTION, "westeurope", job, "devstoreaccount1", "seed",
                RETURN_ADDRESS, RETURN_SHIPPING, List.of(new ImportJobRequest.DriveEntry("SB-0001", key, "\\drive-manifest.xml",
                        "0123456789ABCDEF0123456789ABCDEF")));
    }

    @Test
    void aConnectorThatDidNotCreateTheJobFindsItOnItsRoute() throws IOException {
        session.createImportJob(request("routed-job"));
        AzureSession other = new AzureCloudConnector().signIn(service.settings("importexport"));

        CloudJobStatus found = other.getImportJob(SUBSCRIPTION, "routed-job").orElseThrow();

        assertEquals(JobState.CREATING, found.serviceState());
        assertEquals(route(), other.routeOfJob(SUBSCRIPTION, "routed-job"));
        assertEquals(1, other.listImportJobs(SUBSCRIPTION).stream().filter(j -> j.jobName().equals("routed-job")).count(),
                "listed once, by the route it was created with");
    }

    @Test
    void theJobsCreationTimeAndDrivesComeBackFromTheService() throws IOException {
        CloudJobStatus created = session.createImportJob(request("timed-job"));
        assertEquals(service.backend.getImportJob(SUBSCRIPTION, "timed-job").orElseThrow().created(), created.created());
        assertEquals(List.of("SB-0001"), created.drives().stream().map(CloudJobStatus.DriveStatus::serial).toList());
        assertEquals(DriveState.SPECIFIED, created.drives().get(0).state());
    }

    @Test
    void aDeletedJobIsGoneAndAnUnknownJobIsNotFound() throws IOException {
        session.createImportJob(request("short-lived"));
        session().deleteImportJob(SUBSCRIPTION, "short-lived");
        assertTrue(session.getImportJob(SUBSCRIPTION, "short-lived").isEmpty());
        assertFalse(session.listImportJobs(SUBSCRIPTION).stream().anyMatch(j -> j.jobName().equals("short-lived")));
        assertTrue(session.getImportJob(SUBSCRIPTION, "never-made").isEmpty());
        IOException e = assertThrows(IOException.class, () -> session.cancelImportJob(SUBSCRIPTION, "never-made"));
        assertTrue(e.getMessage().contains("never-made"), e.getMessage());
    }

    @Test
    void aBrokenRuleComesBackAsTheServicesErrorWithoutTheKey() throws IOException {
        session.createImportJob(request("twice"));
        IOException e = assertThrows(IOException.class, () -> session.createImportJob(request("twice")));
        assertTrue(e.getMessage().contains("HTTP 409"), e.getMessage());
        assertFalse(e.getMessage().contains("111111-222222"), e.getMessage());
    }
}
