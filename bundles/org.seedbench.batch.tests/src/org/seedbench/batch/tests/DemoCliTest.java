package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;

/**
 * {@code seedbench demo}: the whole flow on 200 MB of generated data, through the simulated datacenter on a
 * compressed clock into the vault, then an incremental backup; the restore from the vault is identical to the
 * changed source, and cleanup ends the trip.
 */
@ExtendWith(ServiceExtension.class)
class DemoCliTest {

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void theDemoShipsItsDrivesThroughTheSimulatedDatacenterAndRestoresIdenticalBytes() {
        CliRun demo = CliRun.run(cli, tmp.resolve("demo"), "demo");
        assertEquals(0, demo.exitCode(), demo.out() + demo.err());
        assertTrue(demo.out().contains("Ship the drives to West Europe (simulated):"), demo.out());
        assertTrue(demo.out().lines().anyMatch(l -> l.matches("Job demo-\\d+: Shipping\\. .* with Demo Carrier.*")),
                demo.out());
        assertTrue(demo.out().contains("Transferring → Packaging"), demo.out());
        assertTrue(demo.out().lines().anyMatch(l -> l.matches("Seeded demo-\\d+: \\d+ packs verified in .*")),
                demo.out());
        assertTrue(demo.out().lines().anyMatch(l -> l.matches("Backed up demo-\\d+ into .* sent")), demo.out());
        assertTrue(demo.out().lines().anyMatch(l -> l.startsWith("Cleaned up demo-")), demo.out());
        assertTrue(demo.out().lines().anyMatch(l -> l.startsWith("Byte-identical: ")), demo.out());
        assertTrue(demo.out().lines().anyMatch(l -> l.startsWith("Demo succeeded in ")), demo.out());
    }
}
