package org.seedbench.workload.inventory.tests;

import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.spi.WorkloadSource;
import org.seedbench.workload.inventory.Product;

/** The registered {@code dpm} source keeps the workload source contract. */
@ExtendWith(ServiceExtension.class)
class DpmContractTest extends GroupContract {

    @InjectService(filter = "(component.name=org.seedbench.workload.dpm.DpmWorkloadSource)", timeout = 10_000)
    WorkloadSource dpm;

    @Override
    Product product() {
        return Product.DPM;
    }

    @Override
    protected WorkloadSource source() {
        return checked(dpm, Product.DPM);
    }
}
