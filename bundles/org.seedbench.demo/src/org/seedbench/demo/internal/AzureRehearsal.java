package org.seedbench.demo.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.seedbench.batch.cli.Invocation;
import org.seedbench.catalog.Catalog;
import org.seedbench.cloud.simulator.Dock;
import org.seedbench.cloud.simulator.ImportServiceSimulator;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.support.commands.SystemCommandRunner;
import org.seedbench.diskprep.drives.DriveDiscovery;
import org.seedbench.diskprep.drives.DriveSpecs;
import org.seedbench.workflow.CloudConnectors;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.DrivePreparationService;

/**
 * The Azure side of {@code seedbench demo --azure}, for a rehearsal on one computer: Blob storage is Azurite's, the
 * import service is the simulator's REST endpoint on 127.0.0.1, whose datacenter (the local connector's) reads the
 * drives where this computer prepared them and writes the imported blobs into Azurite. The job itself uses the
 * {@code azure} connector, exactly as against Azure.
 */
final class AzureRehearsal implements AutoCloseable {
    /** Azurite's development storage account (public, from the emulator's documentation). */
    static final String ACCOUNT = "devstoreaccount1";
    private static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    static final String DEFAULT_AZURITE = "http://127.0.0.1:10000/" + ACCOUNT;

    private final ImportServiceSimulator simulator;

    private AzureRehearsal(ImportServiceSimulator simulator) {
        this.simulator = simulator;
    }

    /** How to start Azurite, for the message when it is not there. */
    static String howToStart(URI azurite) {
        return "start Azurite first, e.g. npm ci --prefix releng/azurite && releng/azurite/node_modules/.bin/azurite-blob "
                + "--blobHost 127.0.0.1 --blobPort " + azurite.getPort() + " --location /tmp/azurite "
                + "--skipApiVersionCheck --disableTelemetry";
    }

    /** Whether something listens at the Azurite URL. */
    static boolean reachable(URI azurite) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(azurite.getHost(), azurite.getPort()), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes the azure connector's settings for the rehearsal (0600: they hold Azurite's account key), starts the
     * simulated import service and points the settings at it.
     */
    static AzureRehearsal start(Invocation inv, Path data, URI azurite) throws Exception {
        CloudConnectors connectors = inv.services().connectors();
        Workspace workspace = inv.services().workspaces().open(data);
        Path settings = workspace.connectorSettingsFile("azure");
        Files.createDirectories(settings.getParent());
        // the simulator's endpoint is known once it runs; it needs the azure connector signed in to Azurite first
        writeSettings(settings, azurite, null);
        CloudConnector azure = connectors.signedIn(workspace, "azure", Map.of());
        CloudConnector datacenter = connectors.signedIn(workspace, SeedingJob.DEFAULT_CONNECTOR,
                Map.of("folder", data.resolve("datacenter"), "importStorage", azure));
        ImportServiceSimulator simulator = ImportServiceSimulator.start(datacenter, dock(inv, data), azurite, 0,
                Double.valueOf(DemoVerb.DAYS_PER_SECOND));
        writeSettings(settings, azurite, simulator.uri());
        return new AzureRehearsal(simulator);
    }

    private static void writeSettings(Path file, URI azurite, URI management) throws IOException {
        String text = "# seedbench demo --azure: Azurite for Blob storage, the simulated import service for jobs\n"
                + "connectionString=DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + ACCOUNT_KEY
                + ";BlobEndpoint=" + azurite + "\n"
                + "resourceGroup=seedbench-demo\n"
                + "accessToken=simulated-import-service\n"
                + (management == null ? "" : "managementEndpoint=" + management + "\n");
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temp);
        }
        Files.writeString(temp, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The drives "shipped" to the simulated datacenter: found where this computer prepared them. */
    private static Dock dock(Invocation inv, Path data) {
        return serial -> {
            try (Catalog catalog = inv.services().catalogs().open(data)) {
                Optional<Drive> drive = catalog.allDrives().stream().filter(d -> d.serial().equals(serial)).findFirst();
                if (drive.isEmpty()) {
                    return Optional.empty();
                }
                String spec = catalog.jobProperties(drive.get().jobName())
                        .get(DrivePreparationService.PROP_DRIVE_SPEC + serial);
                if (spec == null) {
                    return Optional.empty();
                }
                var attached = DriveSpecs.resolve(List.of(spec), DriveDiscovery.forThisComputer(new SystemCommandRunner()))
                        .drives().get(0);
                return Optional.of(new Dock.DockedDrive(attached.target(), drive.get().encryptor()));
            } catch (Exception e) {
                return Optional.empty();
            }
        };
    }

    @Override
    public void close() {
        simulator.close();
    }
}
