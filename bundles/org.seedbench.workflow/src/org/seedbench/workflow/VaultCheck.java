package org.seedbench.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.seedbench.backup.RepositoryLayout;
import org.seedbench.core.spi.ObjectStore;

/**
 * Whether the vault holds a repository object as it should be: present, and its SHA-256 the one expected. Pack,
 * index and snapshot objects are named by the SHA-256 of their bytes, so they are checked without anything else;
 * the config and key files against their SHA-256 in staging or the import container.
 */
final class VaultCheck {
    private VaultCheck() {
    }

    /** Whether the object's name is the SHA-256 of its bytes (packs, tree packs, index files, snapshots…). */
    static boolean namedByHash(String name) {
        return RepositoryLayout.isNamedByHash(name);
    }

    /** The SHA-256 the object must have: its name's last segment when it is named by hash. */
    static String expected(String name, IoSupplier<InputStream> reference) throws IOException {
        if (namedByHash(name)) {
            return name.substring(name.lastIndexOf('/') + 1);
        }
        try (InputStream in = reference.get()) {
            return sha256(in);
        }
    }

    /** Whether the blob exists and its SHA-256 is {@code sha256}. */
    static boolean holds(ObjectStore container, String blob, String sha256) throws IOException {
        if (!container.exists(blob)) {
            return false;
        }
        try (InputStream in = container.open(blob)) {
            return sha256(in).equals(sha256);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        try (DigestInputStream digest = new DigestInputStream(in, sha)) {
            byte[] buffer = new byte[1 << 20];
            while (digest.read(buffer) >= 0) {
                // the digest sees every byte
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * What a list of objects is, for one line: e.g. {@code 3 packs (ab12…, cd34…, ef56…), 1 config}; at most
     * three names each.
     */
    static String describe(List<String> names) {
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        for (String name : names) {
            int slash = name.indexOf('/');
            String kind = slash < 0 ? name : name.substring(0, slash);
            String id = name.substring(name.lastIndexOf('/') + 1);
            kinds.computeIfAbsent(kind, k -> new ArrayList<>()).add(id.length() > 8 ? id.substring(0, 4) + "…" : id);
        }
        List<String> parts = new ArrayList<>();
        kinds.forEach((kind, ids) -> {
            String noun = ids.size() == 1 ? singular(kind) : plural(kind);
            String shown = slashless(kind) ? "" : " (" + String.join(", ", ids.subList(0, Math.min(3, ids.size())))
                    + (ids.size() > 3 ? ", …" : "") + ")";
            parts.add(ids.size() + " " + noun + shown);
        });
        return String.join(", ", parts);
    }

    private static boolean slashless(String kind) {
        return kind.equals("config");
    }

    private static String singular(String kind) {
        return switch (kind) {
        case "packs" -> "pack";
        case "index" -> "index file";
        case "snapshots" -> "snapshot";
        case "keys" -> "key file";
        default -> kind;
        };
    }

    private static String plural(String kind) {
        return switch (kind) {
        case "index" -> "index files";
        case "keys" -> "key files";
        default -> kind;
        };
    }

    /** A stream to compare against, opened only when needed. */
    interface IoSupplier<T> {
        T get() throws IOException;
    }
}
