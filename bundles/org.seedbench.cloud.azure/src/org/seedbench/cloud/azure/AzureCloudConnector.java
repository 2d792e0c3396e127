package org.seedbench.cloud.azure;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.seedbench.cloud.azure.internal.DataBoxRoute;
import org.seedbench.cloud.azure.internal.ImportExportRoute;
import org.seedbench.cloud.azure.internal.ImportRoute;
import org.seedbench.cloud.azure.internal.ManagementClient;
import org.seedbench.cloud.azure.internal.ManagementCredentials;
import org.seedbench.cloud.azure.internal.Redactor;
import org.seedbench.cloud.azure.internal.Settings;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.ConnectorSettings;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;

/**
 * Azure: Blob storage through the Azure Storage SDK, and import jobs through Azure Resource Manager's REST
 * operations of Azure Import/Export ({@code route=importexport}, the default) or Azure Data Box with customer
 * disks ({@code route=databox}), chosen per job by the request's {@value ImportRoute#OPTION} option.
 *
 * <p>Sign-in settings: the storage account as {@link StorageAccess} reads it; {@value #MANAGEMENT_ENDPOINT}
 * (default {@value ManagementClient#PUBLIC_ENDPOINT}); {@value #RESOURCE_GROUP} (where jobs are created);
 * {@value #ROUTE} (the default route); and the Entra ID credential as {@link ManagementCredentials} reads it.
 *
 * <p>Each sign-in gives an {@link AzureSession} of its own; the component keeps nothing of it. A session reaches
 * the one storage account it signed in to: {@link AzureSession#container} serves that account whatever account
 * name it is given. A job created in a session is remembered with its route; a job it does not know is looked
 * for with Import/Export first, then Data Box.
 */
@Component(service = CloudConnector.class)
public class AzureCloudConnector implements CloudConnector {
    public static final String ID = "azure";
    public static final String MANAGEMENT_ENDPOINT = "managementEndpoint";
    public static final String RESOURCE_GROUP = "resourceGroup";
    public static final String ROUTE = ImportRoute.OPTION;


    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Microsoft Azure (Import/Export or Data Box, Blob storage)";
    }

    @Override
    public AzureSession signIn(ConnectorSettings settings) throws IOException {
        return signIn(settings, null);
    }

    /**
     * Signs in calling Azure Resource Manager with a credential the caller made (e.g. one of its own token cache).
     *
     * @param credential null to choose the credential by the settings
     */
    public AzureSession signIn(ConnectorSettings settings, TokenCredential credential) throws IOException {
        try {
            HttpClient http = new JdkHttpClientBuilder().build();
            List<String> secrets = new ArrayList<>();
            StorageAccess access = hasStorage(settings) ? StorageAccess.fromSettings(settings) : null;
            AzureBlobStorage storage = access == null ? null : AzureBlobStorage.open(access, spool(settings));
            secrets.addAll(storageSecrets(settings));
            TokenCredential management = ManagementCredentials.fromSettings(settings, credential, http, secrets);
            URI endpoint = endpoint(settings);
            ManagementClient client = new ManagementClient(endpoint, management, http,
                    new Redactor(secrets));
            String group = Settings.text(settings, RESOURCE_GROUP);
            String route = Optional.ofNullable(Settings.text(settings, ROUTE)).orElse(ImportExportRoute.ID);
            checkRoute(route);
            return new AzureSession(storage, access, http, new ImportExportRoute(client, group),
                    new DataBoxRoute(client, group), route, isLoopback(endpoint));
        } catch (InvalidInputException e) {
            throw new IOException("Azure sign-in: " + e.getMessage(), e);
        }
    }

    private static boolean hasStorage(ConnectorSettings settings) {
        return List.of(StorageAccess.CONNECTION_STRING, StorageAccess.SAS_TOKEN, StorageAccess.ACCOUNT_KEY,
                StorageAccess.ACCOUNT_NAME).stream().anyMatch(settings::has);
    }

    /**
     * Where objects written through {@link org.seedbench.core.spi.ObjectStore#create} wait for their upload: the
     * data directory's {@code spool/azure}, else a folder of the system's temporary directory.
     */
    static Path spool(ConnectorSettings settings) {
        return settings.dataDirectory().map(d -> d.resolve("spool").resolve(ID))
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "seedbench-spool", ID));
    }

    private static List<String> storageSecrets(ConnectorSettings settings) {
        List<String> values = new ArrayList<>();
        for (String key : List.of(StorageAccess.CONNECTION_STRING, StorageAccess.SAS_TOKEN, StorageAccess.ACCOUNT_KEY)) {
            Secret s = Settings.secret(settings, key);
            if (s != null) {
                values.add(Settings.reveal(s));
            }
        }
        return values;
    }

    private static URI endpoint(ConnectorSettings settings) throws InvalidInputException {
        String text = Optional.ofNullable(Settings.text(settings, MANAGEMENT_ENDPOINT)).orElse(ManagementClient.PUBLIC_ENDPOINT);
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    || uri.getRawQuery() != null) {
                throw new URISyntaxException(text, "not an http(s) URL without a query");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidInputException(new Problem(MANAGEMENT_ENDPOINT, text, "is not an http(s) URL without a query",
                    ManagementClient.PUBLIC_ENDPOINT + ", or a sovereign cloud's or a local simulator's endpoint"));
        }
    }

    /**
     * Whether the management endpoint is this computer (a simulator on 127.0.0.1, ::1 or localhost): its
     * datacenter is a simulated one, which unlocks any drive; every other endpoint is Azure's (public or a sovereign
     * cloud's), whose datacenters unlock BitLocker drives only. Decided by the name alone, without a DNS lookup.
     */
    static boolean isLoopback(URI endpoint) {
        String host = endpoint.getHost().toLowerCase(java.util.Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.equals("localhost") || host.matches("127(\\.\\d{1,3}){3}") || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1");
    }

    static void checkRoute(String route) throws InvalidInputException {
        if (!route.equals(ImportExportRoute.ID) && !route.equals(DataBoxRoute.ID)) {
            throw new InvalidInputException(new Problem(ROUTE, route, "is not an import route",
                    ImportExportRoute.ID + " (Azure Import/Export), " + DataBoxRoute.ID + " (Azure Data Box, customer disks)"));
        }
    }

    @Override
    public String toString() {
        return "Azure connector";
    }
}
