package org.seedbench.backup.internal;

import java.io.IOException;

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
 */
record RepositoryConfig(String id, RepositoryOptions options) {
    static final String NAME = "config";
    static final String FORMAT = "seedbench-repository";
    static final int VERSION = 1;

    byte[] toJson(ObjectMapper json) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
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

    static RepositoryConfig parse(ObjectMapper json, byte[] content, String location) throws RepositoryException {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (IOException e) {
            throw new RepositoryException("the config file of the repository at " + location
                    + " is not readable JSON; it is damaged", e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new RepositoryException(location + " does not hold a Seedbench repository (its config file is "
                    + "not one)");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new RepositoryException("the repository at " + location + " has format version " + version
                    + "; this Seedbench reads version " + VERSION);
        }
        String id = root.path("id").asText("");
        if (!id.matches("[0-9a-f]{64}")) {
            throw new RepositoryException("the config file of the repository at " + location
                    + " has no valid repository id; it is damaged");
        }
        JsonNode chunker = root.path("chunker");
        if (!"fastcdc-gear64-v1".equals(chunker.path("algorithm").asText())
                || !"zstd".equals(root.path("compression").path("algorithm").asText())) {
            throw new RepositoryException("the repository at " + location
                    + " uses a chunker or compression this Seedbench does not know");
        }
        try {
            RepositoryOptions options = new RepositoryOptions(chunker.path("minSize").asInt(),
                    chunker.path("averageSize").asInt(), chunker.path("maxSize").asInt(),
                    root.path("packSize").asLong(), root.path("compression").path("level").asInt(),
                    root.path("scryptLogN").asInt(RepositoryOptions.DEFAULT_SCRYPT_LOG_N));
            return new RepositoryConfig(id, options);
        } catch (IllegalArgumentException e) {
            throw new RepositoryException("the config file of the repository at " + location
                    + " has settings out of range: " + e.getMessage(), e);
        }
    }
}
