package org.seedbench.workload.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads an inventory in the schema of {@code INVENTORY.md} ({@value #SCHEMA}, version {@value #VERSION}) and
 * refuses, with one line that says what to fix, a file that is not JSON, misses or misspells a field, has a
 * value of the wrong kind, is another product's, or names a datasource type the product does not protect.
 */
public final class InventoryReader {
    /** The value of the inventory's {@code schema} field. */
    public static final String SCHEMA = "seedbench.protection-group-inventory";
    /** The schema version this reader reads. */
    public static final int VERSION = 1;

    private static final Set<String> TOP = Set.of("schema", "schemaVersion", "product", "productVersion", "server",
            "exported", "protectionGroup");
    private static final Set<String> GROUP = Set.of("name", "datasources");
    private static final Set<String> DATASOURCE = Set.of("name", "type", "computer", "sizeBytes", "replicaPath",
            "latestRecoveryPoint");

    /** Made on the first read, not with the workload sources: a command line that reads none loads no Jackson. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private final Product product;

    /** A reader of {@code product}'s inventories. */
    public InventoryReader(Product product) {
        this.product = product;
    }

    /** Reads the inventory file. */
    public Inventory read(Path file) throws InventoryException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = Json.MAPPER.readTree(in);
        } catch (NoSuchFileException e) {
            throw new InventoryException("inventory " + file + " does not exist; export it on the " + product.name()
                    + " server with Export-ProtectionGroupInventory.ps1 and give its path");
        } catch (AccessDeniedException e) {
            throw new InventoryException("inventory " + file + " cannot be read: permission denied");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InventoryException("inventory " + file + " is not valid JSON" + where + " ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        } catch (IOException e) {
            throw new InventoryException("inventory " + file + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InventoryException("inventory " + file + " is not a JSON object; export it with "
                    + "Export-ProtectionGroupInventory.ps1");
        }
        return new Fields(file).inventory(root);
    }

    /** The checks of one file, so that every message names it. */
    private final class Fields {
        private final Path file;

        Fields(Path file) {
            this.file = file;
        }

        Inventory inventory(JsonNode root) throws InventoryException {
            onlyKnown(root, TOP, "");
            String schema = text(root, "schema", "");
            if (!SCHEMA.equals(schema)) {
                throw fail("", "schema is '" + schema + "', not " + SCHEMA + "; this is not a Seedbench inventory");
            }
            JsonNode version = required(root, "schemaVersion", "");
            if (!version.isInt() || version.intValue() != VERSION) {
                throw fail("", "schemaVersion is " + version + "; this Seedbench reads version " + VERSION);
            }
            String name = text(root, "product", "");
            if (!product.name().equals(name)) {
                throw fail("", "is a " + name + " inventory, not a " + product.name() + " one; name it as "
                        + sourceOf(name) + ":INVENTORY");
            }
            String productVersion = text(root, "productVersion", "");
            String server = text(root, "server", "");
            Instant exported = instant(root, "exported", "", false);
            JsonNode group = required(root, "protectionGroup", "");
            if (!group.isObject()) {
                throw fail("", "protectionGroup is not an object with a name and datasources");
            }
            onlyKnown(group, GROUP, "protectionGroup: ");
            String groupName = text(group, "name", "protectionGroup: ");
            JsonNode list = required(group, "datasources", "protectionGroup: ");
            if (!list.isArray() || list.isEmpty()) {
                throw fail("protectionGroup: ", "datasources is not a list of at least one datasource");
            }
            List<Datasource> datasources = new ArrayList<>();
            Map<String, String> folders = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                Datasource d = datasource(list.get(i), "datasource " + (i + 1) + ": ");
                String where = "datasource " + (i + 1) + " (" + d.name() + "): ";
                String other = folders.putIfAbsent(d.folder(), d.qualifiedName());
                if (other != null) {
                    throw fail(where, other.equals(d.qualifiedName()) ? "is listed twice"
                            : "is stored under the same folder " + d.folder() + " as " + other
                                    + "; export each datasource once");
                }
                datasources.add(d);
            }
            return new Inventory(file, name, productVersion, server, exported, groupName, datasources);
        }

        private Datasource datasource(JsonNode node, String where) throws InventoryException {
            if (!node.isObject()) {
                throw fail(where, "is not an object");
            }
            String name = text(node, "name", where);
            String context = where.substring(0, where.length() - 2) + " (" + name + "): ";
            onlyKnown(node, DATASOURCE, context);
            String typeName = text(node, "type", context);
            DatasourceType type = DatasourceType.of(typeName).filter(product.types()::contains)
                    .orElseThrow(() -> fail(context, "type '" + typeName + "' is not one a " + product.name()
                            + " inventory holds (allowed: " + product.typeNames() + ")"
                            + (DatasourceType.of(typeName).isPresent() ? "; VMware virtual machines are read by "
                                    + "the mabs source" : "")));
            String computer = text(node, "computer", context);
            JsonNode size = required(node, "sizeBytes", context);
            if (!size.canConvertToLong() || !size.isIntegralNumber() || size.longValue() < 0) {
                throw fail(context, "sizeBytes is " + size + "; write the bytes the replica uses, a whole number "
                        + "of at least 0");
            }
            String replica = text(node, "replicaPath", context);
            if (Arrays.asList(replica.split("[/\\\\]")).contains("..")) {
                throw fail(context, "replicaPath '" + replica + "' climbs out with '..'; write the replica folder "
                        + "itself, absolute or relative to the inventory's folder without '..'");
            }
            Instant point = instant(node, "latestRecoveryPoint", context, true);
            return new Datasource(name, type, computer, size.longValue(), replica, point);
        }

        private void onlyKnown(JsonNode node, Set<String> known, String where) throws InventoryException {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String field = it.next();
                if (!known.contains(field)) {
                    throw fail(where, "has an unknown field '" + field + "' (known: "
                            + known.stream().sorted().toList().toString().replaceAll("[\\[\\]]", "") + ")");
                }
            }
        }

        private JsonNode required(JsonNode node, String field, String where) throws InventoryException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw fail(where, "has no " + field);
            }
            return value;
        }

        private String text(JsonNode node, String field, String where) throws InventoryException {
            JsonNode value = required(node, field, where);
            if (!value.isTextual() || value.textValue().isBlank()) {
                throw fail(where, field + " is " + (value.isTextual() ? "empty" : value.toString())
                        + "; it must be a non-empty string");
            }
            return value.textValue();
        }

        private Instant instant(JsonNode node, String field, String where, boolean optional)
                throws InventoryException {
            JsonNode value = node.get(field);
            if (optional && (value == null || value.isNull())) {
                return null;
            }
            String text = text(node, field, where);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw fail(where, field + " '" + text + "' is not a UTC time such as 2026-12-01T22:00:00Z");
            }
        }

        private InventoryException fail(String where, String what) {
            return new InventoryException("inventory " + file + ": " + where + what);
        }
    }

    private static String sourceOf(String productName) {
        return Product.MABS.name().equals(productName) ? Product.MABS.sourceId()
                : Product.DPM.name().equals(productName) ? Product.DPM.sourceId() : "the matching source";
    }
}
