package org.seedbench.backup.internal.prune;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.seedbench.backup.internal.blob.DamagedException;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.core.spi.ObjectStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a prune will free, written to the repository (object {@value #OBJECT}, a sealed envelope) before it
 * writes or deletes anything else, and deleted when it is done (FORMAT.md, "Prune plan"). A plan found at the
 * start of a prune says an earlier one was interrupted; the new prune works out its own plan from the snapshots
 * that are there now and finishes the work.
 *
 * @param time         when the plan was made
 * @param deletePacks  packs no snapshot needs (object names)
 * @param rewritePacks packs partly needed, whose needed blobs go into new packs (object names)
 * @param indexFiles   the index files the new index files replace (object names)
 * @param bytesFreed   the bytes the packs to delete and rewrite hold, less the needed blobs' bytes
 */
public record PrunePlan(Instant time, List<String> deletePacks, List<String> rewritePacks, List<String> indexFiles,
        long bytesFreed) {
    /** The plan's object name, at the top of the repository. */
    public static final String OBJECT = "prune-plan";
    static final String LABEL = "seedbench:prune-plan:v1";
    private static final int VERSION = 1;

    public PrunePlan {
        deletePacks = List.copyOf(deletePacks);
        rewritePacks = List.copyOf(rewritePacks);
        indexFiles = List.copyOf(indexFiles);
    }

    /** Seals and writes the plan (replacing an earlier one). */
    void write(ObjectStore storage, BlobCodec codec, ObjectMapper json) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("version", VERSION);
        root.put("time", time.toString());
        deletePacks.forEach(root.putArray("delete")::add);
        rewritePacks.forEach(root.putArray("rewrite")::add);
        indexFiles.forEach(root.putArray("indexFiles")::add);
        root.put("bytesFreed", bytesFreed);
        storage.put(OBJECT, codec.seal(LABEL, json.writeValueAsBytes(root), true));
    }

    /** The plan an interrupted prune left, or {@code null} when there is none. */
    static PrunePlan read(ObjectStore storage, BlobCodec codec, ObjectMapper json) throws IOException {
        if (!storage.exists(OBJECT)) {
            return null;
        }
        JsonNode root = json.readTree(codec.open(LABEL, storage.get(OBJECT)));
        if (root.path("version").asInt() != VERSION) {
            throw new DamagedException("the prune plan " + OBJECT + " has an unknown version");
        }
        return new PrunePlan(Instant.parse(root.path("time").asText()), strings(root.path("delete")),
                strings(root.path("rewrite")), strings(root.path("indexFiles")), root.path("bytesFreed").asLong());
    }

    /** The plan an interrupted prune left in the repository, or {@code null} when there is none. */
    public static PrunePlan readFrom(org.seedbench.backup.Repository repository) throws IOException {
        org.seedbench.backup.internal.repository.OpenRepository repo =
                org.seedbench.backup.internal.repository.OpenRepository.of(repository);
        try (BlobCodec codec = repo.newCodec()) {
            return read(repo.storage(), codec, repo.documents().json());
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
