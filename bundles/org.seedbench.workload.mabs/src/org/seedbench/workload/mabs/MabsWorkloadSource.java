package org.seedbench.workload.mabs;

import org.osgi.service.component.annotations.Component;
import org.seedbench.core.spi.WorkloadSource;
import org.seedbench.workload.inventory.InventoryWorkloadSource;
import org.seedbench.workload.inventory.Product;

/**
 * The {@code mabs} workload source: a protection group of Microsoft Azure Backup Server, whose inventory
 * says {@code "product": "MABS"} ({@code mabs:D:\inventory\pg-vms.json::vcenter01\Web01}). It reads what the
 * {@code dpm} source reads and VMware virtual machines, which MABS protects through vCenter or ESXi.
 */
@Component(service = WorkloadSource.class)
public class MabsWorkloadSource extends InventoryWorkloadSource {

    public MabsWorkloadSource() {
        super(Product.MABS);
    }
}
