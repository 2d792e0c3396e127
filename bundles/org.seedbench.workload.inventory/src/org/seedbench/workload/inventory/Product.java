package org.seedbench.workload.inventory;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.seedbench.core.model.WorkloadKind;

/**
 * What sets one backup server product apart for the inventory: its workload source id and label, the
 * {@code product} value its inventories carry, the {@link WorkloadKind} and the datasource types it protects.
 *
 * @param sourceId the workload source id, e.g. {@code dpm}
 * @param label    the workload source label, e.g. "System Center DPM protection group"
 * @param name     the inventory's {@code product} value, e.g. {@code DPM}
 * @param types    the datasource types this product's inventories may hold
 */
public record Product(String sourceId, String label, String name, WorkloadKind kind, Set<DatasourceType> types) {

    /** System Center Data Protection Manager. */
    public static final Product DPM = new Product("dpm", "System Center DPM protection group", "DPM",
            WorkloadKind.DPM, EnumSet.complementOf(EnumSet.of(DatasourceType.VMWARE_VIRTUAL_MACHINE)));

    /** Microsoft Azure Backup Server, which adds VMware virtual machines to DPM's datasources. */
    public static final Product MABS = new Product("mabs", "Azure Backup Server (MABS) protection group", "MABS",
            WorkloadKind.MABS, EnumSet.allOf(DatasourceType.class));

    public Product {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        types = Set.copyOf(types);
    }

    /** The {@code type} values this product's inventories may hold, in declaration order, comma-separated. */
    public String typeNames() {
        return EnumSet.copyOf(types).stream().map(DatasourceType::json).collect(Collectors.joining(", "));
    }
}
