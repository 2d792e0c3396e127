package org.seedbench.cloud.azure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.seedbench.cloud.azure.internal.DataBoxRoute;
import org.seedbench.cloud.azure.internal.ImportExportRoute;
import org.seedbench.cloud.azure.internal.ImportRoute;
import org.seedbench.cloud.azure.internal.ManagementClient;
import org.seedbench.cloud.azure.internal.ManagementCredentials;
import org.seedbench.cloud.azure.internal.Redactor;
import org.seedbench.cloud.azure.internal.Settings;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.core.spi.ImportJobRequest;

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
 * <p>The connector reaches the one storage account it signed in to: {@link #container} serves that account
 * whatever account name it is given. A job created here is remembered with its route; a job it does not know
 * is looked for with Import/Export first, then Data Box.
 */
@Component(service = CloudConnector.class)
public class AzureCloudConnector implements CloudConnector {
    public static final String ID = "azure";
    public static final String MANAGEMENT_ENDPOINT = "managementEndpoint";
    public static final String RESOURCE_GROUP = "resourceGroup";
    public static final String ROUTE = ImportRoute.OPTION;

    private volatile SignedIn session;
    private final Map<String, String> routeOfJob = new ConcurrentHashMap<>();
    /** Containers known to exist, by account URL and name. */
    private final java.util.Set<String> ensured = ConcurrentHashMap.newKeySet();

    /** What sign-in made: the storage account (if settings name one) and the two import routes. */
    private record SignedIn(AzureBlobStorage storage, ImportExportRoute importExport, DataBoxRoute dataBox,
            String defaultRoute) {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Microsoft Azure (Import/Export or Data Box, Blob storage)";
    }

    @Override
    public void signIn(Map<String, Object> settings) throws IOException {
        try {
            HttpClient http = new JdkHttpClientBuilder().build();
            List<String> secrets = new ArrayList<>();
            AzureBlobStorage storage = hasStorage(settings) ? AzureBlobStorage.open(StorageAccess.fromSettings(settings))
                    : null;
            secrets.addAll(storageSecrets(settings));
            TokenCredential credential = ManagementCredentials.fromSettings(settings, http, secrets);
            ManagementClient client = new ManagementClient(endpoint(settings), credential, http,
                    new Redactor(secrets));
            String group = Settings.text(settings, RESOURCE_GROUP);
            String route = Optional.ofNullable(Settings.text(settings, ROUTE)).orElse(ImportExportRoute.ID);
            checkRoute(route);
            session = new SignedIn(storage, new ImportExportRoute(client, group), new DataBoxRoute(client, group), route);
        } catch (InvalidInputException e) {
            throw new IOException("Azure sign-in: " + e.getMessage(), e);
        }
    }

    private static boolean hasStorage(Map<String, Object> settings) {
        return List.of(StorageAccess.CONNECTION_STRING, StorageAccess.SAS_TOKEN, StorageAccess.ACCOUNT_KEY,
                StorageAccess.ACCOUNT_NAME).stream().anyMatch(k -> settings.get(k) != null);
    }

    private static List<String> storageSecrets(Map<String, Object> settings) {
        List<String> values = new ArrayList<>();
        for (String key : List.of(StorageAccess.CONNECTION_STRING, StorageAccess.SAS_TOKEN, StorageAccess.ACCOUNT_KEY)) {
            Secret s = Settings.secret(settings, key);
            if (s != null) {
                values.add(Settings.reveal(s));
            }
        }
        return values;
    }

    private static URI endpoint(Map<String, Object> settings) throws InvalidInputException {
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

    private static void checkRoute(String route) throws InvalidInputException {
        if (!route.equals(ImportExportRoute.ID) && !route.equals(DataBoxRoute.ID)) {
            throw new InvalidInputException(new Problem(ROUTE, route, "is not an import route",
                    ImportExportRoute.ID + " (Azure Import/Export), " + DataBoxRoute.ID + " (Azure Data Box, customer disks)"));
        }
    }

    private SignedIn session() throws IOException {
        SignedIn s = session;
        if (s == null) {
            throw new IOException("Azure: not signed in; sign in with the connector's settings first");
        }
        return s;
    }

    private ImportRoute route(String id) throws IOException {
        SignedIn s = session();
        return DataBoxRoute.ID.equals(id) ? s.dataBox() : s.importExport();
    }

    private static String key(String subscription, String job) {
        return subscription + "/" + job;
    }

    @Override
    public List<DatacenterLocation> locations() throws IOException {
        return session().importExport().locations();
    }

    @Override
    public Optional<DatacenterLocation> location(String id) throws IOException {
        return session().importExport().location(id);
    }

    @Override
    public CloudJobStatus createImportJob(ImportJobRequest request) throws IOException {
        String routeId = request.options().getOrDefault(ROUTE, session().defaultRoute());
        try {
            checkRoute(routeId);
        } catch (InvalidInputException e) {
            throw new IOException(e.getMessage(), e);
        }
        CloudJobStatus created = route(routeId).create(request);
        routeOfJob.put(key(request.subscriptionId(), request.jobName()), routeId);
        return created;
    }

    @Override
    public Optional<CloudJobStatus> getImportJob(String subscriptionId, String jobName) throws IOException {
        String known = routeOfJob.get(key(subscriptionId, jobName));
        if (known != null) {
            return route(known).get(subscriptionId, jobName);
        }
        for (ImportRoute r : List.of(session().importExport(), session().dataBox())) {
            Optional<CloudJobStatus> found = lookUp(r, subscriptionId, jobName);
            if (found.isPresent()) {
                routeOfJob.put(key(subscriptionId, jobName), r.id());
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<CloudJobStatus> lookUp(ImportRoute route, String subscription, String job) throws IOException {
        try {
            return route.get(subscription, job);
        } catch (IOException e) {
            if (ManagementClient.isProviderNotRegistered(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The jobs of both routes (a route whose provider the subscription has not registered has none). */
    @Override
    public List<CloudJobStatus> listImportJobs(String subscriptionId) throws IOException {
        Map<String, CloudJobStatus> jobs = new LinkedHashMap<>();
        for (ImportRoute r : List.of(session().importExport(), session().dataBox())) {
            List<CloudJobStatus> listed;
            try {
                listed = r.list(subscriptionId);
            } catch (IOException e) {
                if (!ManagementClient.isProviderNotRegistered(e)) {
                    throw e;
                }
                listed = List.of();
            }
            for (CloudJobStatus job : listed) {
                routeOfJob.putIfAbsent(key(subscriptionId, job.jobName()), r.id());
                jobs.putIfAbsent(job.jobName(), job);
            }
        }
        return List.copyOf(jobs.values());
    }

    @Override
    public CloudJobStatus updateShipping(String subscriptionId, Shipment shipment) throws IOException {
        return routeOf(subscriptionId, shipment.jobName()).ship(subscriptionId, shipment);
    }

    @Override
    public void cancelImportJob(String subscriptionId, String jobName) throws IOException {
        routeOf(subscriptionId, jobName).cancel(subscriptionId, jobName);
    }

    /** Deletes a job (the services allow it while the job is Creating, or once it is over). */
    public void deleteImportJob(String subscriptionId, String jobName) throws IOException {
        routeOf(subscriptionId, jobName).delete(subscriptionId, jobName);
        routeOfJob.remove(key(subscriptionId, jobName));
    }

    /** The recovery passwords Azure Import/Export holds for the job's drives, by drive id. */
    public Map<String, Secret> bitLockerKeys(String subscriptionId, String jobName) throws IOException {
        ImportRoute route = routeOf(subscriptionId, jobName);
        if (!(route instanceof ImportExportRoute importExport)) {
            throw new IOException("Azure: job '" + jobName + "' is a Data Box job; only Import/Export lists BitLocker keys");
        }
        return importExport.bitLockerKeys(subscriptionId, jobName);
    }

    /** The route a job was created with: {@code importexport} or {@code databox}. */
    public String routeOfJob(String subscriptionId, String jobName) throws IOException {
        return routeOf(subscriptionId, jobName).id();
    }

    private ImportRoute routeOf(String subscription, String job) throws IOException {
        if (!routeOfJob.containsKey(key(subscription, job)) && getImportJob(subscription, job).isEmpty()) {
            throw new IOException("Azure: there is no import job '" + job + "' in subscription " + subscription
                    + " (neither Import/Export nor Data Box knows it)");
        }
        return route(routeOfJob.get(key(subscription, job)));
    }

    /**
     * Downloads a log blob of the signed-in storage account, given its URL as the service reported it
     * ({@code https://<account>.blob.core.windows.net/<container>/<blob>}, or below the emulator's endpoint).
     */
    @Override
    public String readLog(String logUri) throws IOException {
        AzureBlobStorage storage = storage();
        String base = storage.accountUrl().toString().replaceAll("/+$", "") + "/";
        String withoutQuery = logUri == null ? "" : logUri.replaceFirst("\\?.*$", "");
        if (!withoutQuery.startsWith(base)) {
            throw new IOException("Azure: the log '" + withoutQuery + "' is not a blob of storage account '"
                    + storage.accountName() + "' (" + base + ")");
        }
        String path = URLDecoder.decode(withoutQuery.substring(base.length()), StandardCharsets.UTF_8);
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new IOException("Azure: the log '" + withoutQuery + "' names no container and blob");
        }
        try (InputStream in = container(storage.accountName(), path.substring(0, slash)).get(path.substring(slash + 1))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The container, created when it is not there yet (as the import service creates the containers it imports
     * to). Credentials that may not create containers (a container SAS) get the container as it is: its first
     * operation tells whether it exists.
     */
    @Override
    public BlobContainer container(String storageAccount, String container) throws IOException {
        AzureBlobStorage storage = storage();
        try {
            if (ensured.add(storage.accountUrl() + "/" + container)) {
                try {
                    return storage.createContainer(container);
                } catch (IOException mayNotCreate) {
                    ensured.remove(storage.accountUrl() + "/" + container);
                }
            }
            return storage.container(container);
        } catch (InvalidInputException e) {
            throw new IOException("Azure Blob storage: " + e.getMessage(), e);
        }
    }

    private AzureBlobStorage storage() throws IOException {
        AzureBlobStorage storage = session().storage();
        if (storage == null) {
            throw new IOException("Azure: no storage account in the sign-in settings; give " + StorageAccess.CONNECTION_STRING
                    + ", or " + StorageAccess.ACCOUNT_URL + " and " + StorageAccess.SAS_TOKEN + ", or "
                    + StorageAccess.ACCOUNT_NAME + " and " + StorageAccess.ACCOUNT_KEY);
        }
        return storage;
    }

    @Override
    public String toString() {
        return "Azure connector";
    }
}
