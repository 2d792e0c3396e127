package org.seedbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.Progress;

/**
 * {@code prepare} ends by creating the import job, in the service the CLI and the wizard both call; drives too few
 * for the seed create none. Each step runs in a workspace of its own that opens the catalog once.
 */
@ExtendWith(ServiceExtension.class)
class PrepareCreatesImportJobTest {

    @InjectService(timeout = 10_000)
    JobService jobs;

    @InjectService(timeout = 10_000)
    StageService stage;

    @InjectService(timeout = 10_000)
    DrivePreparationService preparation;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @TempDir
    Path tmp;

    private void staged(Path data, String name) throws Exception {
        try (Workspace workspace = workspaces.open(data); Secret passphrase = Secret.of(Seeds.PASSPHRASE)) {
            jobs.create(workspace, Seeds.job(tmp, name, "contosobackup", 3));
            stage.stage(workspace, name, passphrase, Progress.NONE, w -> {
            });
            assertEquals(1, workspace.catalogOpens(), "one verb, one catalog session");
        }
    }

    /** Prepares one folder drive of this capacity for the job, every format confirmed. */
    private PrepareOutcome prepare(Workspace workspace, String job, String serial, String capacity) throws Exception {
        return preparation.prepare(workspace, job, List.of("dir:" + tmp.resolve("drives").resolve(serial)
                + ",capacity=" + capacity + ",serial=" + serial), "portable", (s, description) -> true,
                Progress.NONE, note -> {
                });
    }

    @Test
    void drivesThatHoldTheSeedEndWithTheImportJobCreated() throws Exception {
        Path data = tmp.resolve("data");
        staged(data, "seed-fs01");
        try (Workspace workspace = workspaces.open(data)) {
            PrepareOutcome outcome = prepare(workspace, "seed-fs01", "SB-0001", "50M");

            assertEquals(JobState.DRIVES_READY, outcome.state(), "what the preparation left");
            assertFalse(outcome.needsMoreDrives());
            assertEquals(1, outcome.drives().size());
            assertTrue(outcome.drives().get(0).complete());
            assertNotNull(outcome.importJob(), "prepare ended by creating the import job");
            assertTrue(outcome.importJob().created());
            assertFalse(outcome.importJob().location().shippingAddress().isBlank());
            try (Catalog catalog = workspace.catalog()) {
                assertEquals(JobState.CREATING, catalog.job("seed-fs01").orElseThrow().state());
            }
            assertEquals(1, workspace.catalogOpens(), "prepare and the import job share the verb's catalog session");
        }
    }

    @Test
    void drivesTooFewForTheSeedCreateNoImportJob() throws Exception {
        Path data = tmp.resolve("data");
        staged(data, "seed-fs02");
        try (Workspace workspace = workspaces.open(data)) {
            PrepareOutcome outcome = prepare(workspace, "seed-fs02", "SB-0002", "150K");

            assertTrue(outcome.needsMoreDrives(), "300 kB of random data do not fit on 150 kB");
            assertTrue(outcome.drivesNeeded() > 0);
            assertNull(outcome.importJob());
            try (Catalog catalog = workspace.catalog()) {
                assertEquals(JobState.PREPARING_DRIVES, catalog.job("seed-fs02").orElseThrow().state());
            }
        }
    }

    /**
     * The wizard's path: an attached drive given by serial is found among the drives the front end listed, without
     * asking this computer again (where no such drive is attached); folder drives read the same either way.
     */
    @Test
    void anAttachedDriveIsFoundAmongTheDrivesTheFrontEndListed() throws Exception {
        Path data = tmp.resolve("data");
        staged(data, "seed-fs03");
        Path mount = Files.createDirectories(tmp.resolve("mnt/sata"));
        AttachedDrives.Listed sata = new AttachedDrives.Listed("SB-SATA1", "Samsung SSD 870 EVO", "SATA", "SSD",
                100_000_000L, false, false, "2.5\"", new DriveTarget("SB-SATA1", "/dev/sdx", mount, 100_000_000L),
                List.of());
        try (Workspace workspace = workspaces.open(data)) {
            PrepareOutcome outcome = preparation.prepare(workspace, "seed-fs03", new AttachedDrives(List.of(sata)),
                    List.of("SB-SATA1"), "portable", Set.of(), (s, description) -> true, Progress.NONE, note -> {
                    });

            assertEquals(JobState.DRIVES_READY, outcome.state());
            assertEquals(List.of("SB-SATA1"), outcome.drives().stream().map(PrepareOutcome.DriveCopy::serial).toList());
            assertNotNull(outcome.importJob());
        }
        String spec = AttachedDrives.folderSpec(tmp.resolve("drives/f1").toString(), "50M", "SB-F1");
        assertTrue(AttachedDrives.isFolderSpec(spec));
        AttachedDrives.Listed folder = AttachedDrives.folder(spec);
        assertEquals("SB-F1", folder.serial());
        assertEquals("FOLDER", folder.transport());
        assertFalse(Files.exists(tmp.resolve("drives/f1")), "reading a folder drive creates no folder");
        assertEquals(folder.toDrive("seed-fs03").capacityBytes(),
                AttachedDrives.folderDrive("seed-fs03", "SB-F1", 50_000_000L).capacityBytes());
    }
}
