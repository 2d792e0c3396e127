package org.seedbench.workload.command.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.spi.WorkloadSource;
import org.seedbench.testsupport.WorkloadSourceContract;

/**
 * The command workload, as registered, keeps the contract of every workload source; its commands are
 * defined through the real ConfigurationAdmin.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class CommandWorkloadSourceContractTest extends WorkloadSourceContract {

    @InjectService(filter = "(component.name=org.seedbench.workload.command.CommandWorkloadSource)", timeout = 10_000)
    WorkloadSource source;

    @InjectService(timeout = 10_000)
    ConfigurationAdmin admin;

    private final List<Configuration> created = new ArrayList<>();
    private int count;

    @BeforeAll
    static void startConfigAdmin() throws Exception {
        ConfigAdmin.start();
    }

    @AfterEach
    void deleteConfigurations() throws IOException {
        for (Configuration c : created) {
            c.delete();
        }
    }

    @Override
    protected WorkloadSource source() {
        return source;
    }

    @Override
    protected WorkloadSpec createWorkload(Path dir) throws IOException {
        String name = "contract-" + dir.getFileName() + "-" + (++count);
        created.add(ConfigAdmin.define(admin, name,
                new String[] { "sh", "-c", "printf 'CREATE TABLE shop (id int);\\n'; seq 1 5000" }, "dumps/shop.sql"));
        return new WorkloadSpec("command", name);
    }

    @Override
    protected WorkloadSpec invalidWorkload(Path dir) {
        return new WorkloadSpec("command", "no-such-command");
    }
}
