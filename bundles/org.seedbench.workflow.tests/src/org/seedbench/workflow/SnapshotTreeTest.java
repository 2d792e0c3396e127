package org.seedbench.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.backup.RestoreResult;
import org.seedbench.backup.SnapshotEntry;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;

/**
 * A staged snapshot's tree as the workbench's restore browser reads it (folders with their total sizes, a search by
 * name), and a restore of a selection of its paths: exactly those, even when a name holds glob characters.
 */
@ExtendWith(ServiceExtension.class)
class SnapshotTreeTest {
    @InjectService(timeout = 10_000)
    JobService jobs;
    @InjectService(timeout = 10_000)
    StageService stage;
    @InjectService(timeout = 10_000)
    RepositoryService repositories;
    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @TempDir
    Path tmp;

    @Test
    void theTreeListsFoldersWithSizesAndASelectionRestoresExactlyItsPaths() throws Exception {
        Path data = tmp.resolve("data");
        SeedingJob job = Seeds.job(tmp, "tree-01", "contosobackup", 2);
        Path source = Path.of(job.workloads().get(0).target());
        Files.createDirectories(source.resolve("docs/old"));
        Files.writeString(source.resolve("docs/plan.txt"), "the plan\n".repeat(1000));
        Files.writeString(source.resolve("docs/old/plan-2025.txt"), "last year's plan\n");
        Files.writeString(source.resolve("report [draft].txt"), "not final\n");
        Files.writeString(source.resolve("report d.txt"), "what a glob [draft] would match too\n");

        try (Workspace workspace = workspaces.open(data); Secret passphrase = Secret.of(Seeds.PASSPHRASE)) {
            jobs.create(workspace, job);
            stage.stage(workspace, job.name(), passphrase, Progress.NONE, w -> {
            });
            List<SnapshotInfo> snapshots = repositories.snapshots(workspace, job.name(), passphrase);
            assertEquals(1, snapshots.size());
            SnapshotTree tree = repositories.tree(workspace, job.name(), passphrase, RepositoryLocation.STAGING,
                    snapshots.get(0).id());

            List<String> top = tree.children("").stream().map(SnapshotEntry::name).toList();
            assertEquals(List.of("docs", "file-0.bin", "file-1.bin", "report [draft].txt", "report d.txt"), top,
                    "folders first, then files by name");
            assertEquals(List.of("old", "plan.txt"), tree.children("docs").stream().map(SnapshotEntry::name).toList());
            assertEquals(9000 + 17, tree.size("docs"), "a folder's size is what its files hold");
            assertEquals(200_000 + 9000 + 17 + 10 + 36, tree.size(""));
            assertEquals(WorkloadItem.Type.DIRECTORY, tree.entry("docs/old").orElseThrow().type());
            assertEquals(List.of("docs/plan.txt", "docs/old/plan-2025.txt"), tree.find("PLAN", 10).stream()
                    .map(SnapshotEntry::path).sorted(java.util.Comparator.reverseOrder()).toList());
            assertEquals(Optional.of(source), repositories.originalPlace(snapshots.get(0)));

            Path target = tmp.resolve("restored");
            RestoreResult r = repositories.restore(workspace, job.name(), passphrase, RepositoryLocation.STAGING,
                    snapshots.get(0).id(), target, RepositoryService.includesOf(List.of("docs/old",
                            "report [draft].txt")), false, Progress.NONE);
            assertEquals(2, r.files());
            assertArrayEquals(Files.readAllBytes(source.resolve("docs/old/plan-2025.txt")),
                    Files.readAllBytes(target.resolve("docs/old/plan-2025.txt")));
            assertArrayEquals(Files.readAllBytes(source.resolve("report [draft].txt")),
                    Files.readAllBytes(target.resolve("report [draft].txt")));
            assertFalse(Files.exists(target.resolve("docs/plan.txt")), "only the selected folder of docs");
            assertFalse(Files.exists(target.resolve("report d.txt")), "the name's brackets are no glob class");
            assertTrue(Files.notExists(target.resolve("file-0.bin")));
        }
    }

    @Test
    void aDatasourceFolderIsNamedAndFoldersTheListingLacksAreShown() {
        // as a DPM source lists a datasource: COMPUTER, COMPUTER/NAME (with the datasource's attributes), its files
        SnapshotTree tree = new SnapshotTree(List.of(
                new SnapshotEntry("SQL01.contoso.com", WorkloadItem.Type.DIRECTORY, 0, null, Map.of()),
                new SnapshotEntry("SQL01.contoso.com/SQL01_db1", WorkloadItem.Type.DIRECTORY, 0, null,
                        Map.of(SnapshotTree.DATASOURCE_ATTRIBUTE, "SQL01\\db1", "datasource.type", "SqlDatabase")),
                new SnapshotEntry("SQL01.contoso.com/SQL01_db1/db1.mdf", WorkloadItem.Type.FILE, 5000, null, Map.of()),
                new SnapshotEntry("loose/a/b.txt", WorkloadItem.Type.FILE, 7, null, Map.of())));
        SnapshotEntry datasource = tree.children("SQL01.contoso.com").get(0);
        assertEquals(Optional.of("SQL01\\db1"), SnapshotTree.datasource(datasource));
        assertEquals(5000, tree.size(datasource.path()));
        assertEquals(Optional.empty(), SnapshotTree.datasource(tree.children("SQL01.contoso.com/SQL01_db1").get(0)));
        assertEquals(List.of("loose", "SQL01.contoso.com"), tree.children("").stream().map(SnapshotEntry::name)
                .toList(), "a folder only the paths of its items name is shown as a folder");
        assertEquals(WorkloadItem.Type.DIRECTORY, tree.entry("loose/a").orElseThrow().type());
        assertEquals(7, tree.size("loose"));
        assertEquals(6, tree.count());
    }
}
