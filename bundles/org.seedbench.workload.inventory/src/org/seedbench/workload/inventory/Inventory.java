package org.seedbench.workload.inventory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A protection group as its server exported it: the server product and version, the group's name and its
 * datasources, in the inventory's order.
 *
 * @param file           the inventory file it was read from
 * @param product        the server product, {@code DPM} or {@code MABS}
 * @param productVersion the server's version, e.g. {@code 10.22.123.0}
 * @param server         the backup server's name
 * @param exported       when the inventory was exported
 * @param group          the protection group's name
 */
public record Inventory(Path file, String product, String productVersion, String server, Instant exported,
        String group, List<Datasource> datasources) {

    public Inventory {
        Objects.requireNonNull(file, "file");
        datasources = List.copyOf(datasources);
    }

    /**
     * The datasource a user names: by its name when that is unique in the group, else by
     * {@link Datasource#qualifiedName() COMPUTER\NAME}; {@code null} when none or several match.
     */
    public Datasource find(String name) {
        List<Datasource> byName = datasources.stream().filter(d -> d.name().equals(name)).toList();
        if (byName.size() == 1) {
            return byName.get(0);
        }
        List<Datasource> byQualified = datasources.stream().filter(d -> d.qualifiedName().equals(name)).toList();
        return byQualified.size() == 1 ? byQualified.get(0) : null;
    }

    /** The shortest name that {@link #find} resolves to this datasource. */
    public String nameOf(Datasource d) {
        return datasources.stream().filter(o -> o.name().equals(d.name())).count() == 1 ? d.name()
                : d.qualifiedName();
    }

    /** The names of the datasources, as {@link #nameOf} writes them, comma-separated. */
    public String names() {
        return datasources.stream().map(this::nameOf).collect(Collectors.joining(", "));
    }

    /** Where the datasource's replica folder is: its path, resolved against the inventory's folder. */
    public Path replicaFolder(Datasource d) {
        Path dir = file.toAbsolutePath().getParent();
        return dir.resolve(d.replicaPath());
    }
}
