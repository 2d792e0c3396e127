package org.seedbench.workload.inventory.tests;

import java.io.IOException;
import java.nio.file.Path;

import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.spi.WorkloadSource;
import org.seedbench.testsupport.WorkloadSourceContract;
import org.seedbench.workload.inventory.DatasourceType;
import org.seedbench.workload.inventory.Product;

/**
 * The workload source contract for a protection-group source as registered: a group of a volume, a SQL Server
 * database and a Hyper-V virtual machine. Subclasses inject the registered {@code dpm} or {@code mabs} service.
 */
abstract class GroupContract extends WorkloadSourceContract {

    abstract Product product();

    @Override
    protected WorkloadSpec createWorkload(Path dir) throws IOException {
        Path inventory = new Group(dir, product())
                .add("D:\\", DatasourceType.VOLUME, "FS01.contoso.com", "Shares/a.txt", 10, "Shares/sub/b.bin", 2_000)
                .add("SQL01\\db1", DatasourceType.SQL_DATABASE, "SQL01.contoso.com", "db1.mdf", 5_000, "db1_log.ldf",
                        700)
                .add("Backup Using Child Partition Snapshot\\VM01", DatasourceType.HYPERV_VIRTUAL_MACHINE,
                        "HV01.contoso.com", "Virtual Hard Disks/VM01.vhdx", 9_000)
                .write();
        return new WorkloadSpec(product().sourceId(), inventory.toString());
    }

    @Override
    protected WorkloadSpec invalidWorkload(Path dir) {
        return new WorkloadSpec(product().sourceId(), dir.resolve("no-such-inventory.json").toString());
    }

    /** The registered service, checked to be the product's. */
    static WorkloadSource checked(WorkloadSource source, Product product) {
        if (!source.id().equals(product.sourceId()) || source.kind() != product.kind()) {
            throw new AssertionError("the registered service is " + source.id() + ", not " + product.sourceId());
        }
        return source;
    }
}
