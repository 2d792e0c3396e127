package org.seedbench.cloud.azure;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

import org.seedbench.cloud.local.LocalCloudConnector;
import org.seedbench.cloud.local.LocalSession;
import org.seedbench.cloud.simulator.ImportServiceSimulator;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DriveDock;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;

import reactor.core.publisher.Mono;

/**
 * The datacenter side, simulated: the import service simulator's REST endpoint on 127.0.0.1, backed by the
 * real local connector (its simulated datacenter unlocks and copies the drives), which writes the imported
 * blobs and the drive logs to Azurite through an Azure connector. Microsoft Entra ID is not reachable here:
 * the client gets a fixed token, which the simulator accepts as it accepts any bearer token.
 */
final class SimulatedImportService implements AutoCloseable {
    static final String RESOURCE_GROUP = "seedbench-rg";

    final LocalSession backend;
    final ImportServiceSimulator simulator;
    private final Azurite azurite;

    private SimulatedImportService(Azurite azurite, LocalSession backend, ImportServiceSimulator simulator) {
        this.azurite = azurite;
        this.backend = backend;
        this.simulator = simulator;
    }

    /**
     * @param secondsPerDay the simulated datacenter's clock: 86400 for real time
     */
    static SimulatedImportService start(Azurite azurite, Path folder, List<DiskEncryptor> encryptors, DriveDock dock,
            double secondsPerDay) throws IOException {
        AzureSession storage = new AzureCloudConnector().signIn(
                ConnectorSettings.empty().withSecret(StorageAccess.CONNECTION_STRING, azurite.connectionString()),
                anyToken());
        LocalSession backend = new LocalCloudConnector(encryptors).signIn(ConnectorSettings.empty()
                .with(LocalCloudConnector.FOLDER, folder.toString()).withDock(dock), storage);
        return new SimulatedImportService(azurite, backend, ImportServiceSimulator.start(backend,
                azurite.accountUrl(), 0, secondsPerDay == 86400 ? null : 1 / secondsPerDay));
    }

    /** The simulator on the real clock with no drives on its dock, its cloud in {@code folder}. */
    static SimulatedImportService withoutDrives(Azurite azurite, Path folder) throws IOException {
        return start(azurite, folder, List.of(), DriveDock.NONE, 86400);
    }

    /**
     * The Azure connector's sign-in settings: Azurite for blobs, the simulator for jobs, and a fixed bearer token
     * (Microsoft Entra ID is not reachable here; the simulator accepts any token).
     */
    ConnectorSettings settings(String route) {
        return ConnectorSettings.empty().withSecret(StorageAccess.CONNECTION_STRING, azurite.connectionString())
                .with(AzureCloudConnector.MANAGEMENT_ENDPOINT, simulator.uri().toString())
                .with(AzureCloudConnector.RESOURCE_GROUP, RESOURCE_GROUP).with(AzureCloudConnector.ROUTE, route)
                .with("accessToken", "simulated-token");
    }

    /** A stand-in for an Entra ID credential: a fixed token, valid for an hour. */
    static TokenCredential anyToken() {
        return request -> Mono.just(new AccessToken("simulated-token", OffsetDateTime.now().plusHours(1)));
    }

    @Override
    public void close() {
        simulator.close();
    }
}
