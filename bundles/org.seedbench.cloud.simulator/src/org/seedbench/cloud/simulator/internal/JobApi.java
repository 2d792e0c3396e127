package org.seedbench.cloud.simulator.internal;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.seedbench.cloud.simulator.internal.Answer.Failure;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.ImportJobRequest.DriveEntry;
import org.seedbench.core.spi.KeyProtector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the Import/Export and Data Box REST faces share: forwarding to the backend session (whose datacenter finds
 * the drives on its dock), the book of what REST requests said, and log locations rewritten to the storage account's endpoint.
 */
public abstract class JobApi {
    /** The tag that names the import container (the REST shapes have no field for it). */
    public static final String CONTAINER_TAG = "seedbenchContainer";

    /** The most jobs a list may ask for at once ({@code $top}). */
    static final int MAX_TOP = 100;

    protected final CloudSession backend;
    protected final JobBook book;
    private final URI storageEndpoint;
    private volatile int pageSize = MAX_TOP;

    protected JobApi(CloudSession backend, JobBook book, URI storageEndpoint) {
        this.backend = backend;
        this.book = book;
        this.storageEndpoint = storageEndpoint;
    }

    /** {@link JobBook#IMPORT_EXPORT} or {@link JobBook#DATA_BOX}. */
    protected abstract String route();

    /** The job as this route's REST shape. */
    protected abstract ObjectNode shape(String subscription, String job, JobBook.Entry entry, CloudJobStatus status);

    /**
     * The drive as the backend needs it. The REST request does not say which encryptor prepared it: the backend's
     * dock does, where the drive is attached.
     */
    protected DriveEntry drive(String serial, String bitLockerKey, String manifestFile, String manifestHash) {
        KeyProtector key = new KeyProtector("recovery-password", Secret.of(bitLockerKey));
        return new DriveEntry(serial, key, manifestFile, manifestHash, null);
    }

    /** Forwards a create to the backend and records the job; 409 when the name is taken. */
    protected Answer create(String subscription, String job, JobBook.Entry entry, String container,
            ReturnAddress returnAddress, ReturnShipping returnShipping, List<DriveEntry> drives)
            throws IOException, Failure {
        if (backend.getImportJob(subscription, job).isPresent() && !book.isDeleted(subscription, job)) {
            throw new Failure(Answer.error(409, "Conflict", "a job named '" + job + "' exists already"));
        }
        Map<String, String> options = new java.util.LinkedHashMap<>(Map.of("route", route()));
        if (book.rehearsalDaysPerSecond != null) {
            options.put(ImportJobRequest.REHEARSAL_DAYS_PER_SECOND, book.rehearsalDaysPerSecond.toString());
        }
        ImportJobRequest request = new ImportJobRequest(subscription, entry.location, job, accountName(entry.storageAccountId),
                container, returnAddress, returnShipping, drives, options);
        CloudJobStatus status = backend.createImportJob(request);
        book.put(subscription, job, entry);
        return Answer.created(shape(subscription, job, entry, status));
    }

    /** The job's status when it exists, is this route's and was not deleted. */
    protected Optional<CloudJobStatus> status(String subscription, String job) throws IOException {
        if (!route().equals(book.routeOf(subscription, job)) || book.isDeleted(subscription, job)) {
            return Optional.empty();
        }
        return backend.getImportJob(subscription, job);
    }

    protected CloudJobStatus existing(String subscription, String job) throws IOException, Failure {
        return status(subscription, job).orElseThrow(() -> new Failure(Answer.notFound("job '" + job + "'")));
    }

    protected JobBook.Entry entry(String subscription, String job, String resourceGroup) {
        return book.find(subscription, job).orElseGet(() -> {
            JobBook.Entry entry = new JobBook.Entry(route(), resourceGroup, "", Answer.JSON.createObjectNode(), "");
            book.put(subscription, job, entry);
            return entry;
        });
    }

    public Answer get(String subscription, String resourceGroup, String job) throws IOException, Failure {
        CloudJobStatus status = existing(subscription, job);
        return Answer.ok(shape(subscription, job, entry(subscription, job, resourceGroup), status));
    }

    /** Sets the most jobs one page of a list holds. */
    public void pageSize(int jobs) {
        this.pageSize = jobs;
    }

    /**
     * One page of the subscription's (or resource group's) jobs on this route: at most {@code $top} and the page
     * size, the next page linked by {@code nextLink} (with {@code $skiptoken}) while there are more.
     *
     * @param resourceGroup null for the whole subscription
     * @param link          the list's URL without query, for {@code nextLink}
     */
    public Answer list(String subscription, String resourceGroup, String link, Map<String, String> query)
            throws IOException, Failure {
        int top = number(query, "$top", MAX_TOP);
        if (top < 1 || top > MAX_TOP) {
            throw new Failure(Answer.error(400, RequestCheck.INVALID, "$top must be between 1 and " + MAX_TOP,
                    List.of(new Answer.Detail(RequestCheck.INVALID_VALUE, "$top", "$top must be between 1 and " + MAX_TOP))));
        }
        int skip = number(query, "$skiptoken", 0);
        List<ObjectNode> all = new ArrayList<>();
        for (CloudJobStatus status : backend.listImportJobs(subscription)) {
            String job = status.jobName();
            JobBook.Entry entry = entry(subscription, job, "");
            if (route().equals(book.routeOf(subscription, job)) && !book.isDeleted(subscription, job)
                    && (resourceGroup == null || resourceGroup.equalsIgnoreCase(entry.resourceGroup))) {
                all.add(shape(subscription, job, entry, status));
            }
        }
        int end = Math.min(all.size(), skip + Math.min(top, pageSize));
        ObjectNode answer = Answer.JSON.createObjectNode();
        var value = answer.putArray("value");
        all.subList(Math.min(skip, end), end).forEach(value::add);
        if (end < all.size()) {
            answer.put("nextLink", link + "?api-version=" + query.get("api-version")
                    + (query.containsKey("$top") ? "&%24top=" + top : "") + "&%24skiptoken=" + end);
        }
        return Answer.ok(answer);
    }

    private static int number(Map<String, String> query, String name, int otherwise) throws Failure {
        String text = query.get(name);
        if (text == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new Failure(Answer.error(400, RequestCheck.INVALID, name + " '" + text + "' is not an integer",
                    List.of(new Answer.Detail(RequestCheck.INVALID_VALUE, name, name + " must be an integer"))));
        }
    }

    /**
     * Deletes the job as the service does: allowed while it is Creating (the backend cancels it) or once it is
     * over; afterwards it is not found.
     */
    public Answer delete(String subscription, String job) throws IOException, Failure {
        CloudJobStatus status = existing(subscription, job);
        switch (status.serviceState()) {
        case CREATING -> backend.cancelImportJob(subscription, job);
        case CANCELLED, COMPLETED, COMPLETED_WITH_ERRORS, CLOSED, EXPIRED -> {
        }
        default -> throw new Failure(Answer.error(409, "Conflict", "job '" + job + "' is "
                + status.serviceState().label() + "; only jobs in Creating or finished jobs can be deleted"));
        }
        entry(subscription, job, "").deleted = true;
        return new Answer(200, null);
    }

    /** Gives the backend the delivery package; the drives are the job's. */
    protected CloudJobStatus ship(String subscription, String job, String carrier, String tracking, LocalDate shipDate,
            JobBook.Entry entry) throws IOException {
        CloudJobStatus status = backend.getImportJob(subscription, job)
                .orElseThrow(() -> new java.nio.file.NoSuchFileException("job '" + job + "'"));
        List<String> serials = new ArrayList<>();
        status.drives().forEach(d -> serials.add(d.serial()));
        LocalDate date = shipDate != null ? shipDate : LocalDate.now(ZoneOffset.UTC);
        return backend.updateShipping(subscription, new Shipment(job, carrier, tracking, date, serials,
                returnAddressOf(entry), returnShippingOf(entry)));
    }

    /**
     * The return address a request gave, read by the Import/Export names ({@code recipientName},
     * {@code streetAddress1}…, {@code countryOrRegion}, {@code phone}, {@code email}); none when none was given.
     */
    protected ReturnAddress returnAddressOf(JobBook.Entry entry) {
        ObjectNode a = entry.returnAddress;
        if (a == null) {
            return ReturnAddress.NONE;
        }
        return new ReturnAddress(a.path("recipientName").asText(null), a.path("streetAddress1").asText(null),
                a.path("streetAddress2").asText(null), a.path("city").asText(null), a.path("stateOrProvince").asText(null),
                a.path("postalCode").asText(null), a.path("countryOrRegion").asText(null), a.path("phone").asText(null),
                a.path("email").asText(null));
    }

    /** The return carrier and account a request gave ({@code carrierName}, {@code carrierAccountNumber}). */
    protected static ReturnShipping returnShippingOf(JobBook.Entry entry) {
        ObjectNode s = entry.returnShipping;
        return s == null ? ReturnShipping.NONE
                : new ReturnShipping(s.path("carrierName").asText(null), s.path("carrierAccountNumber").asText(null));
    }

    /**
     * A log location as the client can read it: the backend's {@code local://<account>/<container>/<blob>} becomes
     * the blob's URL below the storage endpoint; an http(s) location, or any without an endpoint given, is kept.
     */
    protected String logUri(String location) {
        if (location == null || storageEndpoint == null || location.startsWith("http://") || location.startsWith("https://")) {
            return location;
        }
        String path = URI.create(location).getRawPath();
        return storageEndpoint.toString().replaceAll("/+$", "") + (path.startsWith("/") ? path : "/" + path);
    }

    /** Keeps the return address and return shipping a request gives (either may be absent). */
    protected static void keepReturn(JobBook.Entry entry, JsonNode address, JsonNode shipping) {
        if (address.isObject()) {
            entry.returnAddress = (ObjectNode) address.deepCopy();
        }
        if (shipping.isObject()) {
            entry.returnShipping = (ObjectNode) shipping.deepCopy();
        }
    }

    protected static String accountName(String storageAccountId) {
        String id = storageAccountId == null ? "" : storageAccountId.replaceAll("/+$", "");
        return id.substring(id.lastIndexOf('/') + 1);
    }

    protected static String jobId(String subscription, String resourceGroup, String provider, String job) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup + "/providers/" + provider + "/jobs/" + job;
    }

    protected static String createdAt(CloudJobStatus status) {
        return status.created() == null ? null : status.created().toString();
    }

    protected static String container(JsonNode tags) throws Failure {
        String container = tags.path(CONTAINER_TAG).asText("");
        if (container.isBlank()) {
            throw new Failure(Answer.error(400, "InvalidRequestContent", "tags." + CONTAINER_TAG
                    + " is required: the simulated datacenter writes the blobs to that container"));
        }
        return container;
    }
}
