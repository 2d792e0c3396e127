package org.seedbench.workload.inventory.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.workload.inventory.DatasourceType;
import org.seedbench.workload.inventory.InventoryWorkloadSource;
import org.seedbench.workload.inventory.Product;

/** Which datasources a workload names, and the one line that refuses a name the group does not have. */
class SelectionTest {
    private final InventoryWorkloadSource dpm = new InventoryWorkloadSource(Product.DPM) {
    };

    @TempDir
    Path tmp;

    private Path twoOnOneName() throws Exception {
        return new Group(tmp, Product.DPM)
                .add("D:\\", DatasourceType.VOLUME, "FS01.contoso.com", "a.txt", 10)
                .add("D:\\", DatasourceType.VOLUME, "FS02.contoso.com", "b.txt", 20)
                .add("SQL01\\db1", DatasourceType.SQL_DATABASE, "SQL01.contoso.com", "db1.mdf", 30)
                .write();
    }

    @Test
    void anUnknownDatasourceIsRefusedNamingTheOnesThatExist() throws Exception {
        Path inv = twoOnOneName();
        List<Problem> problems = dpm.validate(new WorkloadSpec("dpm", inv + "::SQL01\\db9"));
        assertEquals(1, problems.size());
        assertEquals("workload 'dpm:" + inv + "::SQL01\\db9': protection group 'PG-Everything' has no datasource "
                + "'SQL01\\db9' (allowed: FS01.contoso.com\\D:\\, FS02.contoso.com\\D:\\, SQL01\\db1)",
                problems.get(0).message());
    }

    @Test
    void aSharedNameIsAmbiguousAndTheComputerTellsThemApart() throws Exception {
        Path inv = twoOnOneName();
        assertEquals(1, dpm.validate(new WorkloadSpec("dpm", inv + "::D:\\")).size());
        assertEquals(List.of(), dpm.validate(new WorkloadSpec("dpm", inv + "::FS02.contoso.com\\D:\\::SQL01\\db1")));
    }

    @Test
    void eachDatasourceIsAUnitOfItsOwn() throws Exception {
        Path inv = twoOnOneName();
        List<WorkloadSpec> units = dpm.units(new WorkloadSpec("dpm", inv.toString()));
        assertEquals(List.of("dpm:" + inv + "::FS01.contoso.com\\D:\\", "dpm:" + inv + "::FS02.contoso.com\\D:\\",
                "dpm:" + inv + "::SQL01\\db1"), units.stream().map(WorkloadSpec::toString).toList());
        for (WorkloadSpec unit : units) {
            assertEquals(List.of(), dpm.validate(unit));
        }
    }

    @Test
    void systemStateNamedAmongOthersIsRefusedSuggestingTheRest() throws Exception {
        Path inv = new Group(tmp, Product.DPM)
                .add("D:\\", DatasourceType.VOLUME, "FS01", "a.txt", 10)
                .add("System Protection", DatasourceType.SYSTEM_STATE, "FS01", "s.vhdx", 20)
                .add("SQL01\\db1", DatasourceType.SQL_DATABASE, "SQL01", "db1.mdf", 30)
                .write();
        List<Problem> problems = dpm.validate(new WorkloadSpec("dpm", inv + "::System Protection::SQL01\\db1"));
        assertEquals(1, problems.size());
        assertEquals("workload 'dpm:" + inv + "::System Protection::SQL01\\db1': datasource 'System Protection' is "
                + "system state / bare-metal recovery: system state backups can't be seeded offline; back up system "
                + "state over the network after the seed (allowed: name the others: dpm:" + inv + "::SQL01\\db1)",
                problems.get(0).message());
    }

    @Test
    void aRelativeInventoryPathOrABlankNameIsRefused() throws Exception {
        Path inv = twoOnOneName();
        assertTrue(dpm.validate(new WorkloadSpec("dpm", "inventory.json")).get(0).message()
                .contains("the inventory is not an absolute path"));
        assertTrue(dpm.validate(new WorkloadSpec("dpm", inv + "::")).get(0).message()
                .contains("has no datasource ''"));
    }

    @Test
    void aMissingReplicaFolderIsRefused() throws Exception {
        Path inv = twoOnOneName();
        java.nio.file.Files.delete(tmp.resolve("replicas/ds2/db1.mdf"));
        java.nio.file.Files.delete(tmp.resolve("replicas/ds2"));
        List<Problem> problems = dpm.validate(new WorkloadSpec("dpm", inv.toString()));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("datasource 'SQL01\\db1': its replica folder " + tmp.resolve("replicas/ds2")
                + " does not exist"), problems.get(0).message());
    }
}
