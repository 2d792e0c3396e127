package org.seedbench.ui.tests.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.ui.wizards.DrivesReadyDialog;
import org.seedbench.ui.wizards.PrepareDrivesJob;
import org.seedbench.ui.wizards.PrepareDrivesWizard;
import org.seedbench.ui.wizards.WizardIds;
import org.seedbench.workflow.AttachedDrives;
import org.seedbench.workflow.DriveListing;
import org.seedbench.workflow.PrepareOutcome;
import org.seedbench.workflow.Workspaces;
import org.seedbench.core.spi.Progress;

/**
 * "Prepare drives" on folder drives with the real backup engine, portable encryptor, catalog and the embedded local
 * cloud: refused drives are explained and cannot be chosen, the format confirmation names the drives, the preparation
 * runs as a workflow job of the seeding job's family, and the shipping address is shown at the end.
 */
@ExtendWith({ ServiceExtension.class, OnUiThread.class })
class PrepareDrivesWizardTest extends WizardShellBase {
    @InjectService(timeout = 10_000, filter = "(component.name=org.seedbench.cloud.local.LocalCloudConnector)")
    CloudConnector local;
    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    /**
     * Test double of this computer's drive listing (lsblk): no NVMe drive or USB stick is attached here, so the
     * drives it reports are recorded ones.
     */
    static DriveListing recordedListingDouble() {
        AttachedDrives.Listed nvme = new AttachedDrives.Listed("S4EVNX0N123456", "Samsung SSD 970 EVO Plus 1TB", "NVME", "SSD",
                1_000_204_886_016L, false, false, null, new DriveTarget("S4EVNX0N123456", "/dev/nvme1n1", null,
                        1_000_204_886_016L), List.of());
        AttachedDrives.Listed stick = new AttachedDrives.Listed("4C530001230518", "SanDisk Cruzer", "USB", "FLASH", 32_000_000_000L,
                false, true, null, new DriveTarget("4C530001230518", "/dev/sdc", null, 32_000_000_000L), List.of());
        return () -> new AttachedDrives(List.of(nvme, stick));
    }

    @Test
    void preparesFolderDrivesExplainingRefusalsAndShowsTheShippingAddress() throws Exception {
        SeedingJob job = seeds.staged(seeds.name("seed-ui01"), stage);
        AtomicReference<DrivesReadyDialog> ready = new AtomicReference<>();
        PrepareDrivesWizard wizard = new PrepareDrivesWizard(seeds.data(), null, job, workspaces, preparation,
                recordedListingDouble(), display::asyncExec, done -> {
                    DrivesReadyDialog d = new DrivesReadyDialog(shell, done);
                    d.setBlockOnOpen(false);
                    d.open();
                    ready.set(d);
                });
        PrepareDrivesJob[] started = new PrepareDrivesJob[1];
        try (PrepareDrivesWizardBot bot = new PrepareDrivesWizardBot(shell, wizard)) {
            assertTrue(bot.rules().contains("at most 10 drives per job"), bot.rules());
            List<PrepareDrivesWizardBot.DriveRow> rows = bot.drives();
            assertEquals("refused: drive 'S4EVNX0N123456': is an NVMe drive (allowed: 2.5\" SSD or 2.5\"/3.5\" SATA II/III HDD)",
                    rows.get(0).verdict());
            assertTrue(rows.get(1).verdict().startsWith("refused: drive '4C530001230518': is a USB stick"),
                    rows.get(1).verdict());
            bot.check("S4EVNX0N123456", true);
            assertFalse(bot.drives().get(0).checked(), "a refused drive cannot be chosen");
            assertFalse(bot.canGoNext(), "no drive chosen");

            bot.addFolderDrive(tmp.resolve("drives/big").toString(), "11T", seeds.serial("SB-BIG"));
            PrepareDrivesWizardBot.DriveRow big = bot.drives().get(2);
            assertEquals("refused: drive '" + seeds.serial("SB-BIG") + "': holds 11.0 TB (allowed: at most 10 TB per drive)", big.verdict());
            assertFalse(big.checked());
            assertTrue(bot.message().contains(seeds.serial("SB-BIG")), "the page sums up the refusals: " + bot.message());

            bot.addFolderDrive(tmp.resolve("drives/d1").toString(), "50M", seeds.serial("SB-0001"));
            bot.addFolderDrive(tmp.resolve("drives/d2").toString(), "50M", seeds.serial("SB-0002"));
            assertEquals("allowed (rehearsal)", bot.drives().get(3).verdict());
            assertTrue(bot.canGoNext());
            assertFalse(bot.canFinish(), "the format is not confirmed yet");
            bot.next();
            List<String> toFormat = bot.drivesToFormat();
            assertEquals(2, toFormat.size(), toFormat.toString());
            assertTrue(toFormat.get(0).startsWith(seeds.serial("SB-0001") + ": ") && toFormat.get(1).startsWith(seeds.serial("SB-0002") + ": "),
                    toFormat.toString());
            assertFalse(bot.canFinish());
            bot.confirmFormat();
            assertTrue(bot.canFinish());
            bot.finish();
            started[0] = wizard.scheduled();
        }
        PrepareDrivesJob scheduled = started[0];
        assertNotNull(scheduled);
        assertTrue(scheduled.belongsTo(WorkflowJob.family(seeds.name("seed-ui01"))));
        // the event loop runs while the job works, as in the workbench (no join on the UI thread)
        Ui.waitUntil(display, () -> Job.getJobManager().find(WorkflowJob.family(seeds.name("seed-ui01"))).length == 0
                && scheduled.getResult() != null, 120, "the preparation job");
        assertEquals(IStatus.INFO, scheduled.getResult().getSeverity(), scheduled.getResult().toString());
        Ui.waitUntil(display, () -> ready.get() != null, 30, "the drives-ready dialog");
        DrivesReadyDialog dialog = ready.get();
        try {
            String address = Ui.text(dialog.getShell(), WizardIds.DRIVES_READY_ADDRESS);
            assertEquals(local.signIn(org.seedbench.core.spi.ConnectorSettings.of(seeds.data())).location("westeurope")
                    .orElseThrow().shippingAddress(), address);
            assertFalse(address.isBlank());
        } finally {
            dialog.close();
        }
        try (Catalog catalog = catalogs.open(seeds.data())) {
            assertEquals(JobState.CREATING, catalog.job(seeds.name("seed-ui01")).orElseThrow().state());
            assertTrue(catalog.drives(seeds.name("seed-ui01")).stream().map(Drive::serial).toList().contains(seeds.serial("SB-0001")));
        }
    }

    @Test
    void aDriveOfAnotherJobIsRefusedOnItsRowAndOneDriveIsNamedInTheSingular() throws Exception {
        String taken = seeds.serial("SB-OWN");
        SeedingJob owner = seeds.created(seeds.name("seed-ui03"), taken, stage, preparation, importJobs);
        SeedingJob job = seeds.staged(seeds.name("seed-ui04"), stage);
        PrepareDrivesWizard wizard = new PrepareDrivesWizard(seeds.data(), null, job, workspaces, preparation,
                DriveListing.NONE, display::asyncExec, null);
        try (PrepareDrivesWizardBot bot = new PrepareDrivesWizardBot(shell, wizard)) {
            bot.addFolderDrive(tmp.resolve("drives/" + taken).toString(), "50M", taken);
            PrepareDrivesWizardBot.DriveRow row = bot.drives().get(0);
            assertTrue(row.verdict().startsWith("refused: drive '" + taken + "': holds the seed of job " + owner.name()
                    + " (Creating)"), row.verdict());
            assertFalse(row.checked(), "another job's drive cannot be chosen");
            bot.check(taken, true);
            assertFalse(bot.drives().get(0).checked());

            bot.addFolderDrive(tmp.resolve("drives/fresh").toString(), "50M", seeds.serial("SB-NEW"));
            assertEquals("allowed (rehearsal)", bot.drives().get(1).verdict());
            bot.next();
            assertEquals("This drive is formatted and encrypted:", bot.formatIntro());
        }
        assertTrue(Files.list(tmp.resolve("drives/" + taken)).anyMatch(p -> p.getFileName().toString()
                .equals(owner.name())), "the other job's seed is still on its drive");
    }

    @Test
    void aRerunResumesWithTheDrivesOfTheEarlierRunWithoutFormattingThemAgain() throws Exception {
        SeedingJob job = seeds.staged(seeds.name("seed-ui02"), stage);
        String small = "dir:" + tmp.resolve("drives/r1") + ",capacity=300K,serial=" + seeds.serial("SB-R1");
        // an earlier run: the drive is formatted and filled, and the seed needs one more
        PrepareOutcome first = preparation.prepare(seeds.workspace(), job.name(), List.of(small), "portable", (s, d) -> true,
                Progress.NONE, n -> {
                });
        assertTrue(first.needsMoreDrives(), "the small drive does not hold the seed");
        job = seeds.job(seeds.name("seed-ui02"));
        assertEquals(JobState.PREPARING_DRIVES, job.state());

        PrepareDrivesWizard wizard = new PrepareDrivesWizard(seeds.data(), null, job, workspaces, preparation,
                DriveListing.NONE, display::asyncExec, null);
        PrepareDrivesJob[] started = new PrepareDrivesJob[1];
        try (PrepareDrivesWizardBot bot = new PrepareDrivesWizardBot(shell, wizard)) {
            PrepareDrivesWizardBot.DriveRow earlier = bot.drives().get(0);
            assertEquals(seeds.serial("SB-R1"), earlier.drive());
            assertTrue(earlier.checked() && earlier.verdict().contains("earlier run"), earlier.toString());
            bot.addFolderDrive(tmp.resolve("drives/r2").toString(), "50M", seeds.serial("SB-R2"));
            bot.next();
            assertEquals(1, bot.drivesToFormat().size(), "the drive of the earlier run is not formatted again");
            assertTrue(bot.drivesToFormat().get(0).startsWith(seeds.serial("SB-R2") + ": "));
            bot.confirmFormat().finish();
            started[0] = wizard.scheduled();
        }
        Ui.waitUntil(display, () -> started[0].getResult() != null, 120, "the preparation job");
        assertEquals(IStatus.INFO, started[0].getResult().getSeverity(), started[0].getResult().toString());
        assertEquals(JobState.CREATING, seeds.job(seeds.name("seed-ui02")).state());
    }

    /**
     * The wizard lists this computer's drives once and prepares the drive the admin chose among them: a drive given
     * by serial is found in that list, not by asking the computer again (where this stand-in drive is not attached).
     */
    @Test
    void preparesTheAttachedDriveItListedAndListsTheDrivesOnceARun() throws Exception {
        SeedingJob job = seeds.staged(seeds.name("seed-ui05"), stage);
        String serial = seeds.serial("SB-SATA");
        java.nio.file.Path mount = Files.createDirectories(tmp.resolve("drives/sata"));
        AttachedDrives.Listed sata = new AttachedDrives.Listed(serial, "Samsung SSD 870 EVO", "SATA", "SSD",
                100_000_000L, false, false, "2.5\"", new DriveTarget(serial, "/dev/sdx", mount, 100_000_000L),
                List.of());
        AtomicInteger listings = new AtomicInteger();
        DriveListing standIn = () -> {
            listings.incrementAndGet();
            return new AttachedDrives(List.of(sata));
        };
        PrepareDrivesWizard wizard = new PrepareDrivesWizard(seeds.data(), null, job, workspaces, preparation, standIn,
                display::asyncExec, null);
        PrepareDrivesJob[] started = new PrepareDrivesJob[1];
        try (PrepareDrivesWizardBot bot = new PrepareDrivesWizardBot(shell, wizard)) {
            assertTrue(bot.drives().get(0).verdict().startsWith("allowed"), bot.drives().get(0).toString());
            bot.check(serial, true);
            bot.next();
            assertEquals(1, bot.drivesToFormat().size(), bot.drivesToFormat().toString());
            bot.confirmFormat().finish();
            started[0] = wizard.scheduled();
        }
        Ui.waitUntil(display, () -> started[0].getResult() != null, 120, "the preparation job");
        assertEquals(IStatus.INFO, started[0].getResult().getSeverity(), started[0].getResult().toString());
        assertEquals(1, listings.get(), "the drives are listed once a wizard run");
        try (Catalog catalog = catalogs.open(seeds.data())) {
            assertEquals(JobState.CREATING, catalog.job(seeds.name("seed-ui05")).orElseThrow().state());
            assertEquals(List.of(serial), catalog.drives(seeds.name("seed-ui05")).stream().map(Drive::serial).toList());
        }
    }
}
