package org.seedbench.demo.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.seedbench.batch.cli.Invocation;
import org.seedbench.cloud.local.LocalCloudConnector;
import org.seedbench.cloud.simulator.ImportServiceSimulator;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.workflow.CloudConnectors;
import org.seedbench.workflow.ConnectorSettingsFile;
import org.seedbench.workflow.Workspace;

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
     * simulated import service and points the settings at it. The simulated datacenter is a session of the local
     * connector in {@code <data>/datacenter} whose blobs go into Azurite, through a session of the azure connector.
     */
    static AzureRehearsal start(Invocation inv, Path data, URI azurite) throws Exception {
        CloudConnectors connectors = inv.services().connectors();
        // the simulator's endpoint is known once it runs; it needs the azure connector signed in to Azurite first
        Workspace workspace = inv.services().workspaces().open(data);
        writeSettings(workspace, azurite, null);
        CloudSession azure = connectors.signedIn(workspace, "azure");
        LocalCloudConnector local = (LocalCloudConnector) connectors.connector(SeedingJob.DEFAULT_CONNECTOR);
        CloudSession datacenter = local.signIn(connectors.settings(workspace, SeedingJob.DEFAULT_CONNECTOR,
                ConnectorSettings.empty().with(LocalCloudConnector.FOLDER, data.resolve("datacenter").toString())),
                azure);
        ImportServiceSimulator simulator = ImportServiceSimulator.start(datacenter, azurite, 0,
                Double.valueOf(DemoVerb.DAYS_PER_SECOND));
        writeSettings(workspace, azurite, simulator.uri());
        return new AzureRehearsal(simulator);
    }

    private static void writeSettings(Workspace workspace, URI azurite, URI management) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("connectionString", "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey="
                + ACCOUNT_KEY + ";BlobEndpoint=" + azurite);
        settings.put("resourceGroup", "seedbench-demo");
        settings.put("accessToken", "simulated-import-service");
        if (management != null) {
            settings.put("managementEndpoint", management.toString());
        }
        ConnectorSettingsFile.write(workspace.connectorSettingsFile("azure"), settings,
                "seedbench demo --azure: Azurite for Blob storage, the simulated import service for jobs");
    }

    @Override
    public void close() {
        simulator.close();
    }
}
