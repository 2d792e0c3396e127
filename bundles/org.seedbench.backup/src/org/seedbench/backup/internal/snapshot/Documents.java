package org.seedbench.backup.internal.snapshot;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.seedbench.backup.BackupStatistics;
import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.DamagedException;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.spi.WorkloadItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON documents of a repository: tree blobs and snapshot files (FORMAT.md, "Trees" and "Snapshots").
 * Encoding is deterministic (fields in a fixed order, attributes sorted), so an unchanged part of a tree
 * encodes to the same blob and is stored once.
 */
public final class Documents {
    static final int VERSION = 1;
    private final ObjectMapper json;

    public Documents(ObjectMapper json) {
        this.json = json;
    }

    /** The JSON mapper the repository's documents are read and written with. */
    public ObjectMapper json() {
        return json;
    }

    /** A tree blob's plaintext. */
    public byte[] encodeTree(List<TreeEntry> entries) {
        ObjectNode root = json.createObjectNode();
        root.put("version", VERSION);
        ArrayNode list = root.putArray("entries");
        for (TreeEntry e : entries) {
            ObjectNode n = list.addObject();
            n.put("path", e.path());
            n.put("type", typeName(e.type()));
            if (e.type() == WorkloadItem.Type.FILE) {
                n.put("size", e.size());
            }
            if (e.modified() != null) {
                n.put("mtime", e.modified().toString());
            }
            if (!e.attributes().isEmpty()) {
                ObjectNode a = n.putObject("attributes");
                new TreeMap<>(e.attributes()).forEach(a::put);
            }
            if (e.linkTarget() != null) {
                n.put("target", e.linkTarget());
            }
            if (e.changed() != null) {
                n.put("ctime", e.changed().toString());
            }
            if (e.fileId() != null) {
                n.put("inode", e.fileId());
            }
            if (e.type() == WorkloadItem.Type.FILE) {
                ArrayNode c = n.putArray("chunks");
                e.chunks().forEach(id -> c.add(id.hex()));
            }
        }
        try {
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The entries of a tree blob's plaintext. */
    public List<TreeEntry> decodeTree(byte[] plain, String what) throws DamagedException {
        JsonNode root = parse(plain, what);
        if (root.path("version").asInt() != VERSION || !root.path("entries").isArray()) {
            throw new DamagedException(what + " is not a version " + VERSION + " tree");
        }
        List<TreeEntry> entries = new ArrayList<>(root.path("entries").size());
        for (JsonNode n : root.path("entries")) {
            JsonNode path = n.get("path");
            if (path == null || !path.isTextual()) {
                throw new DamagedException(what + " has an entry without a path");
            }
            WorkloadItem.Type type = type(n.path("type").asText(), what);
            Instant mtime = n.hasNonNull("mtime") ? instant(n.get("mtime").asText(), what) : null;
            Map<String, String> attributes = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("attributes").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> a = it.next();
                attributes.put(a.getKey(), a.getValue().asText());
            }
            List<BlobId> chunks = new ArrayList<>();
            for (JsonNode c : n.path("chunks")) {
                chunks.add(blobId(c.asText(), what));
            }
            long size = n.path("size").asLong(0);
            if (size < 0) {
                throw new DamagedException(what + " has a negative size for " + path.asText());
            }
            String target = n.hasNonNull("target") ? n.get("target").asText() : null;
            if (type == WorkloadItem.Type.SYMLINK && target == null) {
                throw new DamagedException(what + " has a link without target: " + path.asText());
            }
            Instant ctime = n.hasNonNull("ctime") ? instant(n.get("ctime").asText(), what) : null;
            String inode = n.hasNonNull("inode") ? n.get("inode").asText() : null;
            entries.add(new TreeEntry(path.asText(), type, size, mtime, attributes, target, chunks, ctime, inode));
        }
        return entries;
    }

    /** A snapshot file's plaintext. */
    public byte[] encodeSnapshot(SnapshotRecord s) {
        ObjectNode root = json.createObjectNode();
        root.put("version", VERSION);
        root.put("time", s.time().toString());
        root.put("host", s.host());
        ObjectNode w = root.putObject("workload");
        w.put("source", s.workload().sourceId());
        w.put("target", s.workload().target());
        ObjectNode o = w.putObject("options");
        s.workload().options().forEach(o::put);
        ArrayNode trees = root.putArray("trees");
        s.trees().forEach(id -> trees.add(id.hex()));
        BackupStatistics st = s.statistics();
        ObjectNode n = root.putObject("statistics");
        n.put("files", st.files());
        n.put("directories", st.directories());
        n.put("symlinks", st.symlinks());
        n.put("bytesRead", st.bytesRead());
        n.put("bytesNew", st.bytesNew());
        n.put("bytesStored", st.bytesStored());
        n.put("chunks", st.chunks());
        n.put("newChunks", st.newChunks());
        n.put("durationMillis", st.duration().toMillis());
        n.put("filesUnchanged", st.filesUnchanged());
        n.put("treesReused", st.treesReused());
        ArrayNode warnings = root.putArray("warnings");
        s.warnings().forEach(warnings::add);
        try {
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A snapshot file's content. */
    public SnapshotRecord decodeSnapshot(byte[] plain, String what) throws DamagedException {
        JsonNode root = parse(plain, what);
        if (root.path("version").asInt() != VERSION) {
            throw new DamagedException(what + " is not a version " + VERSION + " snapshot");
        }
        JsonNode w = root.path("workload");
        Map<String, String> options = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = w.path("options").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> a = it.next();
            options.put(a.getKey(), a.getValue().asText());
        }
        if (!w.path("source").isTextual() || !w.path("target").isTextual()) {
            throw new DamagedException(what + " names no workload");
        }
        WorkloadSpec spec = new WorkloadSpec(w.path("source").asText(), w.path("target").asText(), options);
        List<BlobId> trees = new ArrayList<>();
        for (JsonNode t : root.path("trees")) {
            trees.add(blobId(t.asText(), what));
        }
        JsonNode n = root.path("statistics");
        BackupStatistics st = new BackupStatistics(n.path("files").asLong(), n.path("directories").asLong(),
                n.path("symlinks").asLong(), n.path("bytesRead").asLong(), n.path("bytesNew").asLong(),
                n.path("bytesStored").asLong(), n.path("chunks").asLong(), n.path("newChunks").asLong(),
                Duration.ofMillis(n.path("durationMillis").asLong()), n.path("filesUnchanged").asLong(),
                n.path("treesReused").asLong());
        List<String> warnings = new ArrayList<>();
        root.path("warnings").forEach(x -> warnings.add(x.asText()));
        return new SnapshotRecord(instant(root.path("time").asText(), what), root.path("host").asText(""), spec,
                trees, st, warnings);
    }

    private JsonNode parse(byte[] plain, String what) throws DamagedException {
        try {
            JsonNode root = json.readTree(plain);
            if (root == null || !root.isObject()) {
                throw new DamagedException(what + " is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new DamagedException(what + " is not readable JSON: " + e.getMessage(), e);
        }
    }

    private static Instant instant(String text, String what) throws DamagedException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new DamagedException(what + " has a time that is not ISO-8601: " + text, e);
        }
    }

    private static BlobId blobId(String hex, String what) throws DamagedException {
        try {
            return BlobId.parse(hex);
        } catch (IllegalArgumentException e) {
            throw new DamagedException(what + " has an id that is not 64 hex digits", e);
        }
    }

    static String typeName(WorkloadItem.Type type) {
        return switch (type) {
            case FILE -> "file";
            case DIRECTORY -> "dir";
            case SYMLINK -> "symlink";
        };
    }

    private static WorkloadItem.Type type(String name, String what) throws DamagedException {
        return switch (name) {
            case "file" -> WorkloadItem.Type.FILE;
            case "dir" -> WorkloadItem.Type.DIRECTORY;
            case "symlink" -> WorkloadItem.Type.SYMLINK;
            default -> throw new DamagedException(what + " has an item of unknown type '" + name + "'");
        };
    }
}
