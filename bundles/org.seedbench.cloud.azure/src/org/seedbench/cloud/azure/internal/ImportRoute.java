package org.seedbench.cloud.azure.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.ImportJobRequest;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Azure service that takes import jobs for customer-supplied disks, spoken as REST: Azure Import/Export
 * ({@link ImportExportRoute}) or Azure Data Box with customer disks ({@link DataBoxRoute}).
 */
public abstract class ImportRoute {
    /** Job option (and connector setting, for its default) naming the route. */
    public static final String OPTION = "route";
    /** Tag on a job that names the import container (the REST shapes have no field for it). */
    public static final String CONTAINER_TAG = "seedbenchContainer";
    /** Job options for the parts of the return address and contact the service asks for separately. */
    public static final String CONTACT_NAME = "contactName";
    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    public static final String RETURN_CARRIER = "returnCarrier";
    public static final String RETURN_CARRIER_ACCOUNT = "returnCarrierAccount";
    /** Job option: the resource group of the storage account, when it is not the job's. */
    public static final String STORAGE_RESOURCE_GROUP = "storageAccountResourceGroup";

    protected final ManagementClient client;
    private final String resourceGroup;
    private final String provider;
    private final String apiVersion;
    private final String noun;

    /**
     * @param provider   the resource provider, e.g. {@code Microsoft.ImportExport}
     * @param apiVersion the provider's REST API version the route speaks
     * @param noun       what the route calls a job in messages, e.g. {@code import job}
     */
    protected ImportRoute(ManagementClient client, String resourceGroup, String provider, String apiVersion,
            String noun) {
        this.client = client;
        this.resourceGroup = resourceGroup;
        this.provider = provider;
        this.apiVersion = apiVersion;
        this.noun = noun;
    }

    /** {@code importexport} or {@code databox}. */
    public abstract String id();

    /** The resource provider, e.g. {@code Microsoft.ImportExport}. */
    protected final String provider() {
        return provider;
    }

    protected final String apiVersion() {
        return apiVersion;
    }

    /** What the route calls a job in messages, e.g. {@code import job}. */
    protected final String noun() {
        return noun;
    }

    /** A job resource as Seedbench sees it. */
    protected abstract CloudJobStatus status(JsonNode job) throws IOException;

    /** Whether a listed job is one of this route's (a provider may list other kinds of jobs too). */
    protected boolean isImportJob(JsonNode job) {
        return true;
    }

    public abstract CloudJobStatus create(ImportJobRequest request) throws IOException;

    public Optional<CloudJobStatus> get(String subscription, String job) throws IOException {
        Optional<JsonNode> found = client.get(jobPath(subscription, job), apiVersion(), "read " + noun() + " '" + job + "'");
        return found.isEmpty() ? Optional.empty() : Optional.of(status(found.get()));
    }

    public List<CloudJobStatus> list(String subscription) throws IOException {
        List<CloudJobStatus> jobs = new ArrayList<>();
        for (JsonNode job : listAll("/subscriptions/" + subscription + "/providers/" + provider() + "/jobs", apiVersion(),
                "list the " + noun() + "s of subscription " + subscription)) {
            if (isImportJob(job)) {
                jobs.add(status(job));
            }
        }
        return jobs;
    }

    /** Gives the service the delivery package (carrier, tracking number) and the return details. */
    public abstract CloudJobStatus ship(String subscription, Shipment shipment) throws IOException;

    public abstract void cancel(String subscription, String job) throws IOException;

    public void delete(String subscription, String job) throws IOException {
        client.send(HttpMethod.DELETE, jobPath(subscription, job), apiVersion(), null, "delete " + noun() + " '" + job + "'");
    }

    /** Creates the job from its request body and returns it as the service then describes it. */
    protected CloudJobStatus submit(ImportJobRequest request, ObjectNode body) throws IOException {
        return status(client.put(jobPath(request.subscriptionId(), request.jobName()), apiVersion(), body,
                "create " + noun() + " '" + request.jobName() + "'"));
    }

    /** The path of a job resource of this route's provider. */
    protected String jobPath(String subscription, String job) throws IOException {
        return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup() + "/providers/" + provider()
                + "/jobs/" + job;
    }

    protected String resourceGroup() throws IOException {
        if (resourceGroup == null) {
            throw new IOException(new Problem("resourceGroup", null, "is missing",
                    "the resource group the import jobs are created in (a sign-in setting)").message());
        }
        return resourceGroup;
    }

    /** The Azure Resource Manager id of the job's storage account. */
    protected String storageAccountId(ImportJobRequest request) throws IOException {
        String group = request.options().getOrDefault(STORAGE_RESOURCE_GROUP, resourceGroup());
        return "/subscriptions/" + request.subscriptionId() + "/resourceGroups/" + group
                + "/providers/Microsoft.Storage/storageAccounts/" + request.storageAccount();
    }

    protected static ObjectNode object() {
        return ManagementClient.json().createObjectNode();
    }

    protected static ObjectNode tags(ImportJobRequest request) {
        return object().put(CONTAINER_TAG, request.container());
    }

    /** The address as one line, the way both services take a street address. */
    protected static String oneLine(String address) {
        return address == null ? "" : String.join(", ", address.strip().split("\\s*\\R\\s*"));
    }

    /** The "value" array of a list answer, following {@code nextLink} pages. */
    protected List<JsonNode> listAll(String path, String apiVersion, String operation) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        JsonNode page = client.send(HttpMethod.GET, path, apiVersion, null, operation);
        while (true) {
            page.path("value").forEach(all::add);
            String next = page.path("nextLink").asText("");
            if (next.isEmpty() || !next.startsWith(client.endpoint().toString())) {
                return all;
            }
            String rest = withoutApiVersion(next.substring(client.endpoint().toString().length()));
            page = client.send(HttpMethod.GET, rest, apiVersion, null, operation);
        }
    }

    private static String withoutApiVersion(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        if (q < 0) {
            return pathAndQuery;
        }
        String query = java.util.Arrays.stream(pathAndQuery.substring(q + 1).split("&"))
                .filter(p -> !p.startsWith("api-version=")).collect(java.util.stream.Collectors.joining("&"));
        return pathAndQuery.substring(0, q) + (query.isEmpty() ? "" : "?" + query);
    }

    /** The node's text, or null when it is missing, null or empty. */
    protected static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.asText().isEmpty() ? null : node.asText();
    }

    protected static Instant instant(JsonNode text) {
        if (text.isMissingNode() || text.isNull() || text.asText().isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
