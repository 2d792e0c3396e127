package org.seedbench.backup.internal.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.seedbench.backup.RepositoryException;
import org.seedbench.backup.RepositoryOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code config} file: format version, repository id and how data is cut, compressed and packed
 * (FORMAT.md, "config"). Plain JSON, so tools can tell a repository and its version without a key.
 *
 * @param id      64 hex digits
 * @param options chunker, pack and compression settings
 * @param version the format version: 2 for new repositories; 1 (tree blobs in data packs, key files not named by
 *                their hash) is still read and written in its own layout
 */
public record RepositoryConfig(String id, RepositoryOptions options, int version) {
    public static final String NAME = "config";
    static final String FORMAT = "seedbench-repository";
    static final int VERSION = 2;
    static final int OLDEST_VERSION = 1;
    /** A config file is a few hundred bytes; a larger file named config is something else. */
    private static final long MAX_SIZE = 64 * 1024;

    public RepositoryConfig(String id, RepositoryOptions options) {
        this(id, options, VERSION);
    }

    /** Whether tree blobs go into packs of their own, under {@code treepacks/} (version 2 on). */
    public boolean treePacks() {
        return version >= 2;
    }

    /**
     * Whether key files are named by the SHA-256 of their bytes and record the SHA-256 of the config file, so that
     * damage to either is told from a wrong passphrase (version 2 on).
     */
    boolean checksummedKeys() {
        return version >= 2;
    }

    /** Whether a local folder holds a Seedbench repository: a {@code config} file of the repository format. */
    public static boolean isRepositoryFolder(Path folder) {
        Path file = folder.resolve(NAME);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_SIZE) {
                return false;
            }
            JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(file));
            return root != null && FORMAT.equals(root.path("format").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** The config file as a person finds it, e.g. {@code /srv/stage/fs01/config}, for messages. */
    public static String file(String location) {
        return location + (location.endsWith("/") ? "" : "/") + NAME;
    }

    public byte[] toJson(ObjectMapper json) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", version);
        root.put("id", id);
        ObjectNode chunker = root.putObject("chunker");
        chunker.put("algorithm", "fastcdc-gear64-v1");
        chunker.put("minSize", options.minChunkSize());
        chunker.put("averageSize", options.averageChunkSize());
        chunker.put("maxSize", options.maxChunkSize());
        ObjectNode compression = root.putObject("compression");
        compression.put("algorithm", "zstd");
        compression.put("level", options.compressionLevel());
        root.put("packSize", options.packSize());
        root.put("scryptLogN", options.scryptLogN());
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    public static RepositoryConfig parse(ObjectMapper json, byte[] content, String location)
            throws RepositoryException {
        String file = file(location);
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (IOException e) {
            throw new RepositoryException("the config file " + file + " is damaged: it is not readable JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new RepositoryException("the config file " + file + " is damaged: it is not a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new RepositoryException("the config file " + file + " is not a Seedbench repository's (format '"
                    + root.path("format").asText() + "'); it is damaged, or the folder holds something else");
        }
        int version = root.path("version").asInt(-1);
        if (version < OLDEST_VERSION || version > VERSION) {
            throw new RepositoryException("the config file " + file + " says format version "
                    + root.path("version").asText("none") + "; this Seedbench reads versions " + OLDEST_VERSION + " to "
                    + VERSION + " (a newer Seedbench wrote it, or the file is damaged)");
        }
        String id = root.path("id").asText("");
        if (!id.matches("[0-9a-f]{64}")) {
            throw new RepositoryException("the config file " + file + " is damaged: it has no valid repository id");
        }
        JsonNode chunker = root.path("chunker");
        if (!"fastcdc-gear64-v1".equals(chunker.path("algorithm").asText())
                || !"zstd".equals(root.path("compression").path("algorithm").asText())) {
            throw new RepositoryException("the config file " + file
                    + " names a chunker or compression this Seedbench does not know (damaged, or newer)");
        }
        try {
            RepositoryOptions options = new RepositoryOptions(chunker.path("minSize").asInt(),
                    chunker.path("averageSize").asInt(), chunker.path("maxSize").asInt(),
                    root.path("packSize").asLong(), root.path("compression").path("level").asInt(),
                    root.path("scryptLogN").asInt(RepositoryOptions.DEFAULT_SCRYPT_LOG_N));
            return new RepositoryConfig(id, options, version);
        } catch (IllegalArgumentException e) {
            throw new RepositoryException("the config file " + file + " is damaged: its settings are out of range ("
                    + e.getMessage() + ")", e);
        }
    }
}
