package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.testsupport.RealDatacenterRulesConnector;

/**
 * {@code prepare-drives --encryptor portable} on a job whose datacenter unlocks BitLocker drives only (the local
 * cloud's simulated datacenter given Azure's rule, {@link RealDatacenterRulesConnector}) exits 3 with one line
 * saying why and what to do, and formats nothing. (Portable on the local cloud itself: {@link PrepareDrivesCliTest}.)
 */
@ExtendWith({ServiceExtension.class, BundleContextExtension.class})
class EncryptorGateWithSimulatedAzureRulesCliTest {

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @InjectService(filter = "(component.name=org.seedbench.cloud.local.*)", timeout = 10_000)
    CloudConnector local;

    @TempDir
    Path tmp;

    @Test
    void portableDrivesForADatacenterThatUnlocksBitLockerOnlyExit3WithOneLineAndNothingFormatted(
            @InjectBundleContext BundleContext context) throws IOException {
        ServiceRegistration<CloudConnector> reg = context.registerService(CloudConnector.class,
                new RealDatacenterRulesConnector("azure-rules", local, List.of("bitlocker"), null), null);
        try {
            Path data = tmp.resolve("data");
            Path source = Files.createDirectories(tmp.resolve("source"));
            Files.write(source.resolve("a.bin"), new byte[100_000]);
            Path passFile = Files.writeString(tmp.resolve("pass.txt"), PrepareDrivesCliTest.PASSPHRASE + "\n");
            CliRun init = CliRun.run(cli, data, "init", "--name", "seed-az01", "--staging",
                    tmp.resolve("staging").toString(), "--storage-account", "contosobackup", "--container", "seed",
                    "--subscription", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location", "westeurope",
                    "--workload", "files:" + source, "--connector", "azure-rules");
            assertEquals(0, init.exitCode(), init.err());
            CliRun stage = CliRun.run(cli, data, "stage", "seed-az01", "--passphrase-file", passFile.toString());
            assertEquals(0, stage.exitCode(), stage.err());

            CliRun prepare = CliRun.run(cli, data, "prepare-drives", "seed-az01", "--yes-format", "--encryptor",
                    "portable", "--drive", "dir:" + tmp.resolve("drives/SB-0001") + ",capacity=50M,serial=SB-0001");

            assertEquals(3, prepare.exitCode(), prepare.out() + prepare.err());
            assertEquals(List.of("seedbench prepare-drives: encryptor 'portable': the azure-rules connector's datacenter "
                    + "unlocks BitLocker drives only; prepare on a Windows copy computer with --encryptor bitlocker "
                    + "(portable drives are for rehearsals on the simulator or the local cloud)"), prepare.errLines());
            assertEquals("", prepare.out());
            assertFalse(Files.exists(tmp.resolve("drives/SB-0001")), "nothing formatted");
            assertFalse(Files.exists(data.resolve("drives/seed-az01")), "no key, journal or DriveInfo written");
        } finally {
            reg.unregister();
        }
    }
}
