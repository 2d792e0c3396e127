package org.seedbench.cloud.simulator.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the REST side knows of a job beyond the backend's status: the route it came by, its resource group,
 * location, tags and storage account, the drives' manifests and keys as given, and the shipping details. Kept in
 * memory for the simulator's lifetime; a job the backend has that the book does not know is an Import/Export job.
 */
public final class JobBook {
    public static final String IMPORT_EXPORT = "importexport";
    public static final String DATA_BOX = "databox";
    /**
     * Simulated days per real second of the jobs this simulator creates (a rehearsal: they run on a compressed
     * clock of their own at the backend), or null for jobs on the real clock.
     */
    public volatile Double rehearsalDaysPerSecond;

    /** One job as the REST side saw it. */
    public static final class Entry {
        public final String route;
        public final String resourceGroup;
        public final String location;
        public final JsonNode tags;
        public final String storageAccountId;
        /** Per drive id: manifestFile, manifestHash and bitLockerKey as the request gave them. */
        public final Map<String, JsonNode> drives = new LinkedHashMap<>();
        public volatile ObjectNode returnAddress;
        /** Data Box's contactDetails (the return address's recipient, phone and email); null on Import/Export. */
        public volatile JsonNode contact;
        public volatile ObjectNode returnShipping;
        public volatile ObjectNode deliveryPackage;
        public volatile boolean cancelRequested;
        public volatile boolean deleted;

        public Entry(String route, String resourceGroup, String location, JsonNode tags, String storageAccountId) {
            this.route = route;
            this.resourceGroup = resourceGroup;
            this.location = location;
            this.tags = tags;
            this.storageAccountId = storageAccountId;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private static String key(String subscription, String job) {
        return subscription + "/" + job;
    }

    public Optional<Entry> find(String subscription, String job) {
        return Optional.ofNullable(entries.get(key(subscription, job)));
    }

    public void put(String subscription, String job, Entry entry) {
        entries.put(key(subscription, job), entry);
    }

    /** The route of a job: as recorded, or Import/Export for a job only the backend knows. */
    public String routeOf(String subscription, String job) {
        return find(subscription, job).map(e -> e.route).orElse(IMPORT_EXPORT);
    }

    public boolean isDeleted(String subscription, String job) {
        return find(subscription, job).map(e -> e.deleted).orElse(false);
    }
}
