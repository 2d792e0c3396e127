package org.seedbench.cloud.azure;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.seedbench.cloud.local.LocalCloudConnector;
import org.seedbench.cloud.simulator.Dock;
import org.seedbench.cloud.simulator.ImportServiceSimulator;
import org.seedbench.core.spi.DiskEncryptor;

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

    final LocalCloudConnector backend;
    final ImportServiceSimulator simulator;
    private final Azurite azurite;

    private SimulatedImportService(Azurite azurite, LocalCloudConnector backend, ImportServiceSimulator simulator) {
        this.azurite = azurite;
        this.backend = backend;
        this.simulator = simulator;
    }

    /**
     * @param secondsPerDay the simulated datacenter's clock: 86400 for real time
     */
    static SimulatedImportService start(Azurite azurite, Path folder, List<DiskEncryptor> encryptors, Dock dock,
            double secondsPerDay) throws IOException {
        AzureCloudConnector storage = new AzureCloudConnector();
        storage.signIn(Map.of(StorageAccess.CONNECTION_STRING, azurite.connectionString(), "credential", anyToken()));
        LocalCloudConnector backend = new LocalCloudConnector(encryptors);
        backend.signIn(Map.of(LocalCloudConnector.FOLDER, folder, LocalCloudConnector.IMPORT_STORAGE, storage));
        return new SimulatedImportService(azurite, backend, ImportServiceSimulator.start(backend, dock,
                azurite.accountUrl(), 0, secondsPerDay == 86400 ? null : 1 / secondsPerDay));
    }

    /** The Azure connector's sign-in settings: Azurite for blobs, the simulator for jobs. */
    Map<String, Object> settings(String route) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(StorageAccess.CONNECTION_STRING, azurite.connectionString());
        settings.put(AzureCloudConnector.MANAGEMENT_ENDPOINT, simulator.uri().toString());
        settings.put(AzureCloudConnector.RESOURCE_GROUP, RESOURCE_GROUP);
        settings.put(AzureCloudConnector.ROUTE, route);
        settings.put("credential", anyToken());
        return settings;
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
