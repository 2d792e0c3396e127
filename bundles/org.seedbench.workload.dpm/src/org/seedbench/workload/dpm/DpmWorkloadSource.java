package org.seedbench.workload.dpm;

import org.osgi.service.component.annotations.Component;
import org.seedbench.core.spi.WorkloadSource;
import org.seedbench.workload.inventory.InventoryWorkloadSource;
import org.seedbench.workload.inventory.Product;

/**
 * The {@code dpm} workload source: a System Center Data Protection Manager protection group, read from the
 * replicas its inventory names ({@code dpm:C:\inventory\pg-sql.json}, or with datasources:
 * {@code dpm:C:\inventory\pg-sql.json::SQL01\db1::D:\}). Volumes, SQL Server, Exchange and SharePoint
 * databases and Hyper-V virtual machines are seeded, one snapshot per datasource; system state and bare-metal
 * recovery are refused. The inventory's schema and the script that exports it are in the bundle
 * {@code org.seedbench.workload.inventory}.
 */
@Component(service = WorkloadSource.class)
public class DpmWorkloadSource extends InventoryWorkloadSource {

    public DpmWorkloadSource() {
        super(Product.DPM);
    }
}
