package org.seedbench.workload.inventory;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of datasource a protection group holds, as the inventory's {@code type} field names them. */
public enum DatasourceType {
    /** A file/folder volume (or a share or folder on it). */
    VOLUME("Volume", "file/folder volume"),
    /** A SQL Server database: its MDF and LDF files. */
    SQL_DATABASE("SqlDatabase", "SQL Server database"),
    /** An Exchange mailbox database: its EDB file and logs. */
    EXCHANGE_DATABASE("ExchangeDatabase", "Exchange database"),
    /** A SharePoint farm: its content and configuration databases. */
    SHAREPOINT_FARM("SharePointFarm", "SharePoint farm"),
    /** A Hyper-V virtual machine: its VHDX files and configuration. */
    HYPERV_VIRTUAL_MACHINE("HyperVVirtualMachine", "Hyper-V virtual machine"),
    /** A VMware virtual machine (MABS): its VMDK files and configuration. */
    VMWARE_VIRTUAL_MACHINE("VMwareVirtualMachine", "VMware virtual machine"),
    /** System state or bare-metal recovery, which cannot be seeded offline. */
    SYSTEM_STATE("SystemState", "system state / bare-metal recovery");

    private final String json;
    private final String label;

    DatasourceType(String json, String label) {
        this.json = json;
        this.label = label;
    }

    /** The name the inventory's {@code type} field uses, e.g. {@code SqlDatabase}. */
    public String json() {
        return json;
    }

    /** A name for people, e.g. "SQL Server database". */
    public String label() {
        return label;
    }

    /** The type an inventory names, matched exactly. */
    public static Optional<DatasourceType> of(String json) {
        return Arrays.stream(values()).filter(t -> t.json.equals(json)).findFirst();
    }
}
