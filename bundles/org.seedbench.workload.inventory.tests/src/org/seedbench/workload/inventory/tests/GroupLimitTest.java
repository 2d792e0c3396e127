package org.seedbench.workload.inventory.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.CatalogService;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.Progress;
import org.seedbench.workflow.StageService;
import org.seedbench.workflow.Workspaces;
import org.seedbench.workload.inventory.DatasourceType;
import org.seedbench.workload.inventory.Product;

/**
 * A protection group over 80 TB (what one import job's 10 drives × 8 TB carry) is refused before any of its
 * bytes is read. The proof is the replica files' access times: set far before their modification times, any
 * read would move them (the file system here records reads, which the test checks first on a file of its own).
 */
@ExtendWith(ServiceExtension.class)
class GroupLimitTest {
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
    private static final FileTime MODIFIED = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    @InjectService(timeout = 10_000)
    StageService stage;

    @InjectService(timeout = 10_000)
    CatalogService catalogs;

    @TempDir
    Path tmp;

    private static void unread(Path file) throws IOException {
        Files.getFileAttributeView(file, BasicFileAttributeView.class).setTimes(MODIFIED, LONG_AGO, null);
    }

    private static FileTime accessed(Path file) throws IOException {
        return (FileTime) Files.getAttribute(file, "lastAccessTime");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dpm", "mabs" })
    void aGroupOverEightyTerabytesIsRefusedBeforeAnyByteIsRead(String id) throws Exception {
        Path control = Files.write(tmp.resolve("control.bin"), new byte[] { 1, 2, 3 });
        unread(control);
        Files.readAllBytes(control);
        assumeTrue(!accessed(control).equals(LONG_AGO), "this file system does not record reads in access times");

        Group group = new Group(tmp.resolve("group"), id.equals("dpm") ? Product.DPM : Product.MABS)
                .add("SQL01\\big", DatasourceType.SQL_DATABASE, "SQL01.contoso.com", "big.mdf", 5_000, "big_log.ldf",
                        1_000)
                .declaring(45_000_000_000_000L)
                .add("Backup Using Child Partition Snapshot\\VM07", DatasourceType.HYPERV_VIRTUAL_MACHINE,
                        "HV01.contoso.com", "VM07.vhdx", 8_000)
                .declaring(38_000_000_000_000L);
        Path inventory = group.write();
        List<Path> replicaFiles = new ArrayList<>(files(group.replica(0)));
        replicaFiles.addAll(files(group.replica(1)));
        assertEquals(3, replicaFiles.size());
        for (Path f : replicaFiles) {
            unread(f);
        }

        Path data = tmp.resolve("data");
        Path staging = tmp.resolve("staging");
        Jobs.create(catalogs, data, "too-big", staging, new WorkloadSpec(id, inventory.toString()));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> stage.stage(new Workspaces(catalogs).open(data), "too-big", Jobs.passphrase(), Progress.NONE, w -> {
                }));
        String line = e.getMessage();
        assertEquals(1, line.lines().count());
        assertTrue(line.contains("'PG-Everything' holds 83.0 TB"), line);
        assertTrue(line.contains("at most 80.0 TB per protection group (10 drives × 8 TB usable)"), line);

        for (Path f : replicaFiles) {
            assertEquals(LONG_AGO, accessed(f), "read although the group was refused: " + f);
        }
        assertFalse(Files.exists(staging.resolve("too-big")), "nothing is staged");
        assertEquals(JobState.DRAFT, Jobs.state(catalogs, data, "too-big"));

        Files.readAllBytes(replicaFiles.get(0));
        assertNotEquals(LONG_AGO, accessed(replicaFiles.get(0)), "a read of a replica file shows in its access time");
    }
}
