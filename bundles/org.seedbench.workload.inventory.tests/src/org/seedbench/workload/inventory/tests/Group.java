package org.seedbench.workload.inventory.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.seedbench.workload.inventory.DatasourceType;
import org.seedbench.workload.inventory.InventoryReader;
import org.seedbench.workload.inventory.Product;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A protection group generated on disk, as a DPM or MABS server would export it: replica folders holding
 * files of known content (VHDX, MDF/LDF, EDB…) and the inventory, in the schema of INVENTORY.md, that names
 * them.
 */
final class Group {
    /** One datasource and the files of its replica, by path inside the replica folder. */
    record Source(String name, DatasourceType type, String computer, Map<String, byte[]> files, long sizeBytes) {
    }

    private final Path dir;
    private final Product product;
    private final List<Source> sources = new ArrayList<>();
    private final Random random = new Random(42);

    Group(Path dir, Product product) {
        this.dir = dir;
        this.product = product;
    }

    /** A group with one datasource of each type the product protects, system state included. */
    static Group everyType(Path dir, Product product) {
        Group g = new Group(dir, product);
        g.add("D:\\", DatasourceType.VOLUME, "FS01.contoso.com", "Shares/Finance/budget.xlsx", 40_000,
                "Shares/Finance/Q4/report.docx", 12_000, "Users/alice/notes.txt", 300);
        g.add("SQL01\\db1", DatasourceType.SQL_DATABASE, "SQL01.contoso.com", "db1.mdf", 1_200_000, "db1_log.ldf",
                90_000);
        g.add("DB01", DatasourceType.EXCHANGE_DATABASE, "EX01.contoso.com", "DB01.edb", 700_000, "Logs/E00.log",
                1_024, "Logs/E0000000001.log", 1_024);
        g.add("SharePoint Farm\\SP01\\SharePoint_Config", DatasourceType.SHAREPOINT_FARM, "SP01.contoso.com",
                "SharePoint_Config.mdf", 300_000, "WSS_Content.mdf", 500_000, "WSS_Content_log.ldf", 20_000);
        g.add("Backup Using Child Partition Snapshot\\VM01", DatasourceType.HYPERV_VIRTUAL_MACHINE,
                "HV01.contoso.com", "Virtual Hard Disks/VM01.vhdx", 1_500_000, "Virtual Machines/VM01.vmcx", 4_000);
        if (product.types().contains(DatasourceType.VMWARE_VIRTUAL_MACHINE)) {
            g.add("Web01", DatasourceType.VMWARE_VIRTUAL_MACHINE, "vcenter01.contoso.com", "Web01.vmdk", 800_000,
                    "Web01.vmx", 3_000);
        }
        g.add("System Protection", DatasourceType.SYSTEM_STATE, "FS01.contoso.com", "WindowsImageBackup/FS01.vhdx",
                50_000);
        return g;
    }

    /** Adds a datasource whose replica holds the given files (path, size, path, size…) of random content. */
    Group add(String name, DatasourceType type, String computer, Object... pathsAndSizes) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        for (int i = 0; i < pathsAndSizes.length; i += 2) {
            byte[] content = new byte[(Integer) pathsAndSizes[i + 1]];
            random.nextBytes(content);
            files.put((String) pathsAndSizes[i], content);
            total += content.length;
        }
        sources.add(new Source(name, type, computer, files, total));
        return this;
    }

    /** Says the datasource added last holds {@code bytes}, whatever its files are. */
    Group declaring(long bytes) {
        Source last = sources.remove(sources.size() - 1);
        sources.add(new Source(last.name(), last.type(), last.computer(), last.files(), bytes));
        return this;
    }

    List<Source> sources() {
        return sources;
    }

    /** The replica folder of the n-th datasource (0-based). */
    Path replica(int n) {
        return dir.resolve("replicas").resolve("ds" + n);
    }

    /** Writes the replicas and the inventory; returns the inventory file. */
    Path write() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", InventoryReader.SCHEMA);
        root.put("schemaVersion", InventoryReader.VERSION);
        root.put("product", product.name());
        root.put("productVersion", "10.22.123.0");
        root.put("server", "BACKUP01.contoso.com");
        root.put("exported", "2026-12-01T22:00:00Z");
        ObjectNode group = root.putObject("protectionGroup");
        group.put("name", "PG-Everything");
        ArrayNode list = group.putArray("datasources");
        for (int n = 0; n < sources.size(); n++) {
            Source s = sources.get(n);
            Path replica = Files.createDirectories(replica(n));
            for (Map.Entry<String, byte[]> f : s.files().entrySet()) {
                Path file = replica.resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, f.getValue());
            }
            ObjectNode d = list.addObject();
            d.put("name", s.name());
            d.put("type", s.type().json());
            d.put("computer", s.computer());
            d.put("sizeBytes", s.sizeBytes());
            d.put("replicaPath", n % 2 == 0 ? replica.toString() : dir.relativize(replica).toString());
            d.put("latestRecoveryPoint", "2026-12-01T21:30:00Z");
        }
        Path file = dir.resolve("inventory.json");
        Files.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root),
                StandardCharsets.UTF_8);
        return file;
    }
}
