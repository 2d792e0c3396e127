package org.seedbench.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.CommandRunner;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.DriveDock;
import org.seedbench.diskprep.drives.DriveDiscovery;
import org.seedbench.diskprep.drives.DriveSpecs;

/**
 * The registered cloud connectors, signed in for a data directory. A connector's settings come from
 * {@code <data>/connectors/<id>.properties} ({@link ConnectorSettingsFile}), then from the secrets kept elsewhere
 * (a {@link ConnectorSecrets} service, e.g. the workbench's secure storage), then from what the caller adds (the
 * environment, a test); the data directory is always set, and the dock a simulated datacenter receives drives from
 * is this data directory's drives, where they were prepared. Values of keys that name a secret
 * ({@link ConnectorSettings#isSecretKey}) are handed over as {@link Secret}s. Each call signs in afresh and gives the
 * caller a session of its own.
 */
@Component(service = CloudConnectors.class)
public class CloudConnectors {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<CloudConnector> connectors;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ConnectorSecrets> secretStores;

    @Reference
    private CatalogService catalogs;

    @Reference
    private CommandRunner commands;

    /** Every registered connector. */
    public List<CloudConnector> all() {
        return connectors == null ? List.of() : List.copyOf(connectors);
    }

    /**
     * The connector with this id.
     *
     * @throws InvalidInputException when no such connector is installed
     */
    public CloudConnector connector(String connectorId) throws InvalidInputException {
        return all().stream().filter(c -> c.id().equals(connectorId)).findFirst()
                .orElseThrow(() -> new InvalidInputException(new Problem("connector", connectorId, "is not installed",
                        "one of: " + String.join(", ", all().stream().map(CloudConnector::id).sorted().toList()))));
    }

    /** {@link #signedIn(Workspace, String, ConnectorSettings)} with the workspace's settings alone. */
    public CloudSession signedIn(Workspace workspace, String connectorId) throws InvalidInputException, IOException {
        return signedIn(workspace, connectorId, ConnectorSettings.empty());
    }

    /**
     * A new session of the connector with this id, signed in with its settings and {@code extra} over them.
     *
     * @throws InvalidInputException when no such connector is installed
     */
    public CloudSession signedIn(Workspace workspace, String connectorId, ConnectorSettings extra)
            throws InvalidInputException, IOException {
        CloudConnector connector = connector(connectorId);
        return connector.signIn(settings(workspace, connectorId, extra));
    }

    /** The settings a connector signs in with for the workspace, {@code extra} over them. */
    public ConnectorSettings settings(Workspace workspace, String connectorId, ConnectorSettings extra)
            throws IOException {
        Path dataDirectory = workspace.dataDirectory();
        ConnectorSettings settings = ConnectorSettings.of(dataDirectory)
                .withAll(ConnectorSettingsFile.read(workspace.connectorSettingsFile(connectorId)));
        for (ConnectorSecrets store : secretStores == null ? List.<ConnectorSecrets>of() : List.copyOf(secretStores)) {
            for (Map.Entry<String, Secret> e : store.secrets(connectorId).entrySet()) {
                settings = settings.withSecret(e.getKey(), e.getValue());
            }
        }
        return settings.withDock(dock(dataDirectory)).withAll(extra).withDataDirectory(dataDirectory);
    }

    /**
     * The drives prepared in this data directory, where they are attached on this computer (the {@code --drive}
     * each was prepared with, found again), for a simulated datacenter that "receives" them.
     */
    public DriveDock dock(Workspace workspace) {
        return dock(workspace.dataDirectory());
    }

    private DriveDock dock(Path dataDirectory) {
        return serial -> {
            Optional<Drive> drive;
            String spec;
            try (Catalog catalog = catalogs.open(dataDirectory)) {
                drive = catalog.allDrives().stream().filter(d -> d.serial().equals(serial)).findFirst();
                if (drive.isEmpty()) {
                    return Optional.empty();
                }
                spec = catalog.jobProperties(drive.get().jobName()).get(DrivePreparationService.PROP_DRIVE_SPEC + serial);
            }
            if (spec == null) {
                return Optional.empty();
            }
            try {
                var attached = DriveSpecs.resolve(List.of(spec), DriveDiscovery.forThisComputer(commands))
                        .drives().get(0);
                return Optional.of(new DriveDock.DockedDrive(attached.target(), drive.get().encryptor()));
            } catch (InvalidInputException e) {
                return Optional.empty(); // no longer attached as it was prepared
            }
        };
    }

    /** Whether a setting of this name holds a secret (a key, SAS, token, password, client secret, connection string). */
    public static boolean isSecretKey(String key) {
        return ConnectorSettings.isSecretKey(key);
    }
}
