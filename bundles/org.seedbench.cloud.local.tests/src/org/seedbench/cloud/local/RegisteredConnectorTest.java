package org.seedbench.cloud.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.spi.CloudConnector;

/** The local cloud reaches the workflow as a Declarative Services component, the default connector of a job. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class RegisteredConnectorTest {

    @InjectService(filter = "(component.name=org.seedbench.cloud.local.LocalCloudConnector)", timeout = 10_000)
    CloudConnector connector;

    @TempDir
    Path data;

    @Test
    void theRegisteredConnectorIsTheDefaultLocalCloud() throws Exception {
        assertEquals(SeedingJob.DEFAULT_CONNECTOR, connector.id());
        connector.signIn(Map.of(LocalCloudConnector.DATA_DIRECTORY, data));
        connector.signIn(Map.of(LocalCloudConnector.DATA_DIRECTORY, data.toString()));
        assertTrue(connector.location("westeurope").orElseThrow().shippingAddress().contains("simulated"));
    }
}
