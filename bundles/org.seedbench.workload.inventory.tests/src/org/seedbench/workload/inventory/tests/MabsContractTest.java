package org.seedbench.workload.inventory.tests;

import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.spi.WorkloadSource;
import org.seedbench.workload.inventory.Product;

/** The registered {@code mabs} source keeps the workload source contract. */
@ExtendWith(ServiceExtension.class)
class MabsContractTest extends GroupContract {

    @InjectService(filter = "(component.name=org.seedbench.workload.mabs.MabsWorkloadSource)", timeout = 10_000)
    WorkloadSource mabs;

    @Override
    protected WorkloadSource source() {
        return checked(mabs, Product.MABS);
    }

    @Override
    Product product() {
        return Product.MABS;
    }
}
