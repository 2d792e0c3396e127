/**
 * The protection-group inventory that DPM and MABS servers export (see {@code INVENTORY.md} and
 * {@code scripts/Export-ProtectionGroupInventory.ps1} in this bundle), its reader, and
 * {@link org.seedbench.workload.inventory.InventoryWorkloadSource}, the workload source both the {@code dpm}
 * and the {@code mabs} plugins are: they differ only in their {@link org.seedbench.workload.inventory.Product}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.workload.inventory;
