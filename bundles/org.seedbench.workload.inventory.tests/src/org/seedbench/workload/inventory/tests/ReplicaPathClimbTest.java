package org.seedbench.workload.inventory.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.WorkloadSource;

/**
 * An inventory whose replica path climbs out of its folder with {@code ..} (to {@code /etc/ssh}, say) is refused
 * by the registered {@code dpm} source when the job is created, naming the datasource, even when the folder it
 * reaches exists and can be read: nothing of it is ever staged or restored.
 */
@ExtendWith(ServiceExtension.class)
class ReplicaPathClimbTest {

    @InjectService(filter = "(component.name=org.seedbench.workload.dpm.DpmWorkloadSource)", timeout = 10_000)
    WorkloadSource dpm;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = { "../../../../../../../../etc", "replicas/../../outside", "replicas\\\\..\\\\..\\\\outside",
            "/srv/replicas/../../etc" })
    void aReplicaPathWithDotDotIsRefusedNamingTheDatasource(String replicaPath) throws IOException {
        Path inventoryDir = Files.createDirectories(tmp.resolve("exports/pg"));
        Files.createDirectories(tmp.resolve("exports/outside"));
        Files.createDirectories(inventoryDir.resolve("replicas/db1"));
        Path inventory = Files.writeString(inventoryDir.resolve("inv.json"),
                InventoryReaderTest.GOOD.replace("\"replicaPath\": \"replicas/db1\"",
                        "\"replicaPath\": \"" + replicaPath + "\""));

        List<Problem> problems = dpm.validate(new WorkloadSpec("dpm", inventory.toString()));
        assertEquals(1, problems.size(), problems.toString());
        String message = problems.get(0).message();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("datasource 1 (SQL01\\db1): replicaPath '" + replicaPath.replace("\\\\", "\\")
                + "' climbs out with '..'"), message);
    }
}
