package org.seedbench.workload.inventory.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.backup.RestoreResult;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.catalog.CatalogService;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.spi.Progress;
import org.seedbench.workflow.RepositoryService;
import org.seedbench.workflow.StageService;
import org.seedbench.workflow.Workspaces;
import org.seedbench.workload.inventory.Datasource;
import org.seedbench.workload.inventory.DatasourceType;
import org.seedbench.workload.inventory.InventoryTarget;
import org.seedbench.workload.inventory.Product;

/**
 * A generated protection group with one datasource of each type, through the real stage and restore services
 * (DPM and MABS sources as registered, local staging, the backup engine, the H2 catalog): system state is
 * refused with the service's reason and nothing is written; every other datasource is staged as a snapshot of
 * its own and restores alone, byte for byte.
 */
@ExtendWith(ServiceExtension.class)
class StageRestoreTest {

    @InjectService(timeout = 10_000)
    StageService stage;

    @InjectService(timeout = 10_000)
    RepositoryService repositories;

    @InjectService(timeout = 10_000)
    CatalogService catalogs;

    @TempDir
    Path tmp;

    private static Product product(String id) {
        return id.equals("dpm") ? Product.DPM : Product.MABS;
    }

    @ParameterizedTest
    @ValueSource(strings = { "dpm", "mabs" })
    void systemStateIsRefusedAndEveryOtherDatasourceRestoresAlone(String id) throws Exception {
        Product product = product(id);
        Group group = Group.everyType(tmp.resolve("group"), product);
        Path inventory = group.write();
        Path data = tmp.resolve("data");
        Path staging = tmp.resolve("staging");

        Jobs.create(catalogs, data, "whole-group", staging, new WorkloadSpec(id, inventory.toString()));
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> stage.stage(new Workspaces(catalogs).open(data), "whole-group", Jobs.passphrase(), Progress.NONE, w -> {
                }));
        assertTrue(refused.getMessage().contains("'System Protection'"), refused.getMessage());
        assertTrue(refused.getMessage().contains(SeedRules.SYSTEM_STATE_REFUSED), refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count());
        assertFalse(Files.exists(staging.resolve("whole-group")), "nothing is staged for a refused job");
        assertEquals(JobState.DRAFT, Jobs.state(catalogs, data, "whole-group"));

        List<Group.Source> seeded = group.sources().stream().filter(s -> s.type() != DatasourceType.SYSTEM_STATE)
                .toList();
        assertEquals(product == Product.MABS ? 6 : 5, seeded.size(), "one datasource of each type but system state");
        String target = new InventoryTarget(inventory.toString(), seeded.stream().map(Group.Source::name).toList())
                .format();
        Jobs.create(catalogs, data, "seed-" + id, staging, new WorkloadSpec(id, target));
        List<String> warnings = new ArrayList<>();
        stage.stage(new Workspaces(catalogs).open(data), "seed-" + id, Jobs.passphrase(), Progress.NONE, warnings::add);
        assertEquals(List.of(), warnings);
        assertEquals(JobState.STAGED, Jobs.state(catalogs, data, "seed-" + id));

        List<SnapshotInfo> snapshots = repositories.snapshots(new Workspaces(catalogs).open(data), "seed-" + id, Jobs.passphrase());
        assertEquals(seeded.size(), snapshots.size(), "one snapshot per datasource");
        for (Group.Source s : seeded) {
            SnapshotInfo snapshot = snapshots.stream()
                    .filter(i -> InventoryTarget.parse(i.workload().target()).datasources().equals(List.of(s.name())))
                    .findFirst().orElseThrow(() -> new AssertionError("no snapshot of " + s.name()));
            Path restored = tmp.resolve("restored").resolve(snapshot.shortId());
            RestoreResult r = repositories.restore(new Workspaces(catalogs).open(data), "seed-" + id, Jobs.passphrase(), snapshot.id(), restored,
                    List.of(), false, Progress.NONE);
            assertEquals(List.of(), r.failed());
            String folder = new Datasource(s.name(), s.type(), s.computer(), 0, "", null).folder();
            Map<String, byte[]> got = Jobs.files(restored);
            assertEquals(s.files().keySet().stream().map(f -> folder + "/" + f).sorted().toList(),
                    List.copyOf(got.keySet()), "the restore of " + s.name() + " holds its files and no other's");
            for (Map.Entry<String, byte[]> f : s.files().entrySet()) {
                assertArrayEquals(f.getValue(), got.get(folder + "/" + f.getKey()), s.name() + ": " + f.getKey());
            }
        }
    }
}
