package org.seedbench.cloud.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.ImportJobRequest;

/**
 * The local cloud reaches the workflow as a Declarative Services component, the default connector of a job,
 * with the registered encryptors to unlock the drives its simulated datacenter receives.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class RegisteredConnectorTest {
    private static final String SUBSCRIPTION = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    @InjectService(filter = "(component.name=org.seedbench.cloud.local.LocalCloudConnector)", timeout = 10_000)
    CloudConnector connector;

    @InjectService(filter = "(component.name=org.seedbench.crypto.portable.*)", timeout = 10_000)
    DiskEncryptor portable;

    @TempDir
    Path data;

    @Test
    void theRegisteredConnectorIsTheDefaultLocalCloud() throws Exception {
        assertEquals(SeedingJob.DEFAULT_CONNECTOR, connector.id());
        CloudSession session = connector.signIn(ConnectorSettings.of(data));
        assertTrue(session.location("westeurope").orElseThrow().shippingAddress().contains("simulated"));
    }

    @Test
    void itsDatacenterUnlocksDrivesWithTheRegisteredEncryptors() throws Exception {
        PreparedDrive d = PreparedDrive.prepare(portable, data.resolve("drive"), "SB-0001", "seed", "job-1",
                PreparedDrive.seedFiles(1, PreparedDrive.MIB));
        CloudSession session = connector.signIn(ConnectorSettings.of(data.resolve("data")).withDock(d.dock()));
        session.createImportJob(new ImportJobRequest(SUBSCRIPTION, "westeurope", "job-1", "contosobackup", "seed",
                "1 Main St", List.of(d.entry())));
        session.updateShipping(SUBSCRIPTION, new Shipment("job-1", "UPS", "1Z-REG", LocalDate.now(),
                List.of("SB-0001"), "1 Main St", null));
        ((LocalSession) session).advanceClock(Duration.ofDays(2));
        assertEquals(DriveState.COMPLETED,
                session.getImportJob(SUBSCRIPTION, "job-1").orElseThrow().drives().get(0).state());
    }
}
