package org.seedbench.cloud.azure;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.seedbench.cloud.azure.internal.AzureBlobContainer;
import org.seedbench.cloud.azure.internal.DataBoxRoute;
import org.seedbench.cloud.azure.internal.ImportExportRoute;
import org.seedbench.cloud.azure.internal.ImportRoute;
import org.seedbench.cloud.azure.internal.ManagementClient;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.DatacenterLocation;
import org.seedbench.core.spi.ImportJobRequest;

import com.azure.core.http.HttpClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.sas.SasProtocol;

/**
 * A sign-in to Azure: the storage account (when the settings name one) and the two import routes, with what this
 * session learnt (the route of each job it met, the containers it made sure exist). Nothing of it is shared with
 * another session.
 */
public final class AzureSession implements CloudSession {
    /** What Azure's datacenters unlock: BitLocker volumes only. */
    static final List<String> AZURE_ENCRYPTORS = List.of("bitlocker");
    private final AzureBlobStorage storage;
    private final StorageAccess access;
    private final HttpClient http;
    private final boolean simulated;
    private final ImportExportRoute importExport;
    private final DataBoxRoute dataBox;
    private final String defaultRoute;
    private final Map<String, String> routeOfJob = new ConcurrentHashMap<>();
    /** Containers known to exist, by account URL and name. */
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    /** @param simulated whether the management endpoint is a simulator on this computer */
    AzureSession(AzureBlobStorage storage, StorageAccess access, HttpClient http, ImportExportRoute importExport,
            DataBoxRoute dataBox, String defaultRoute, boolean simulated) {
        this.storage = storage;
        this.access = access;
        this.http = http;
        this.simulated = simulated;
        this.importExport = importExport;
        this.dataBox = dataBox;
        this.defaultRoute = defaultRoute;
    }

    @Override
    public String connectorId() {
        return AzureCloudConnector.ID;
    }

    /**
     * {@code bitlocker} at Azure (the public cloud or a sovereign one): its datacenters unlock BitLocker drives only;
     * none (any) for a simulator on this computer, whose simulated datacenter unlocks portable drives too.
     */
    @Override
    public List<String> unlockableEncryptors() {
        return simulated ? List.of() : AZURE_ENCRYPTORS;
    }

    /**
     * A service SAS of the container that may create and write blobs, nothing else (no read, list or delete),
     * signed with the account key the session signed in with (given directly or in the connection string); the
     * signed-in account is used whatever {@code storageAccount} says, as in {@link #container}. Nothing is sent to
     * Azure. Empty when the session holds no account key (it signed in with a SAS token): a container SAS cannot be
     * made from another SAS, and the drive manifests then carry no credential.
     */
    @Override
    public Optional<Secret> importContainerSas(String storageAccount, String container, Instant expiresAt)
            throws IOException {
        AzureBlobStorage storage = storage();
        Optional<StorageSharedKeyCredential> key = access == null ? Optional.empty() : access.sharedKeyCredential();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            storage.container(container);
        } catch (InvalidInputException e) {
            throw new IOException("Azure Blob storage: " + e.getMessage(), e);
        }
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(
                OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC),
                new BlobContainerSasPermission().setCreatePermission(true).setWritePermission(true))
                .setProtocol("https".equalsIgnoreCase(storage.accountUrl().getScheme()) ? SasProtocol.HTTPS_ONLY
                        : SasProtocol.HTTPS_HTTP);
        BlobContainerClient client = new BlobContainerClientBuilder().endpoint(storage.accountUrl().toString())
                .containerName(container).credential(key.get()).httpClient(http).buildClient();
        return Optional.of(Secret.of(client.generateSas(values)));
    }

    private ImportRoute route(String id) throws IOException {
        return DataBoxRoute.ID.equals(id) ? dataBox : importExport;
    }

    private static String key(String subscription, String job) {
        return subscription + "/" + job;
    }

    @Override
    public List<DatacenterLocation> locations() throws IOException {
        return importExport.locations();
    }

    @Override
    public Optional<DatacenterLocation> location(String id) throws IOException {
        return importExport.location(id);
    }

    @Override
    public CloudJobStatus createImportJob(ImportJobRequest request) throws IOException {
        String routeId = request.options().getOrDefault(AzureCloudConnector.ROUTE, defaultRoute);
        try {
            AzureCloudConnector.checkRoute(routeId);
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
        for (ImportRoute r : List.of(importExport, dataBox)) {
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
        for (ImportRoute r : List.of(importExport, dataBox)) {
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
        return new String(container(storage.accountName(), path.substring(0, slash)).get(path.substring(slash + 1)),
                StandardCharsets.UTF_8);
    }

    /**
     * The container, created when it is not there yet (as the import service creates the containers it imports
     * to). Credentials that may not create containers (a container SAS) get the container as it is: its first
     * operation tells whether it exists.
     */
    @Override
    public AzureBlobContainer container(String storageAccount, String container) throws IOException {
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

    /** The storage account the session signed in to. */
    public AzureBlobStorage storage() throws IOException {
        if (storage == null) {
            throw new IOException("Azure: no storage account in the sign-in settings; give " + StorageAccess.CONNECTION_STRING
                    + ", or " + StorageAccess.ACCOUNT_URL + " and " + StorageAccess.SAS_TOKEN + ", or "
                    + StorageAccess.ACCOUNT_NAME + " and " + StorageAccess.ACCOUNT_KEY);
        }
        return storage;
    }

    @Override
    public String toString() {
        return "Azure session" + (storage == null ? "" : " of " + storage);
    }
}
