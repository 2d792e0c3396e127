package org.seedbench.diskprep.tests.drives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.seedbench.core.spi.CommandRunner;
import org.seedbench.core.support.commands.SystemCommandRunner;
import org.seedbench.diskprep.drives.AttachedDrive;
import org.seedbench.diskprep.drives.DiscoveredDrives;
import org.seedbench.diskprep.drives.LsblkDiscovery;

class LsblkDiscoveryTest {

    private static DiscoveredDrives copyComputer() throws IOException {
        return LsblkDiscovery.parse(Fixtures.text("lsblk/copy-computer.json"));
    }

    private static AttachedDrive drive(DiscoveredDrives found, String device) {
        return found.drives().stream().filter(d -> d.device().equals(device)).findFirst().orElseThrow();
    }

    private static String reason(DiscoveredDrives found, String device) {
        return found.skippedDevice(device).orElseThrow().reason();
    }

    @Test
    void thisMachineOffersNoDriveItsVirtioDiskHoldsTheSystem() throws IOException {
        DiscoveredDrives found = LsblkDiscovery.parse(Fixtures.text("lsblk/this-machine-bhyve-virtio.json"));
        assertEquals(List.of(), found.drives());
        assertEquals("is this computer's system disk (/ is on it)", reason(found, "/dev/vda"));
        assertEquals("is compressed RAM (zram), not a drive", reason(found, "/dev/zram0"));
    }

    @Test
    void copyComputerListsEveryWholeDriveButTheSystemDisk() throws IOException {
        DiscoveredDrives found = copyComputer();
        assertEquals(List.of("/dev/sdb", "/dev/sdc", "/dev/sdd", "/dev/sde", "/dev/sdf", "/dev/nvme0n1"),
                found.drives().stream().map(AttachedDrive::device).toList());
        assertEquals(List.of("/dev/loop0", "/dev/sda", "/dev/sdg", "/dev/sr0", "/dev/zram0"),
                found.skipped().stream().map(DiscoveredDrives.Skipped::device).toList());
        assertEquals("is this computer's system disk (/ is on it)", reason(found, "/dev/sda"));
        assertEquals("CT500MX500SSD1, 500 GB", found.skippedDevice("/dev/sda").orElseThrow().description());
        assertEquals("reports no media (size 0), e.g. an empty card reader", reason(found, "/dev/sdg"));
        assertEquals("is an optical drive, not a disk drive", reason(found, "/dev/sr0"));
        assertTrue(reason(found, "/dev/loop0").startsWith("is a loop device"));
        assertEquals("/dev/sdb", found.partitions().get("/dev/sdb1"));
        assertEquals("/dev/nvme0n1", found.partitions().get("/dev/nvme0n1p1"));
    }

    @Test
    void sataDrivesKeepTheirSerialModelSizeAndMountPoint() throws IOException {
        DiscoveredDrives found = copyComputer();
        AttachedDrive hdd = drive(found, "/dev/sdb");
        assertEquals("VK0ABCDE", hdd.serial());
        assertEquals("WDC WD80EFZX-68UW8N0", hdd.model());
        assertEquals("SATA", hdd.transport());
        assertEquals("HDD", hdd.mediaType());
        assertEquals(8_001_563_222_016L, hdd.capacityBytes());
        assertTrue(hdd.rotational());
        assertTrue(hdd.removable(), "it sits in a hot-swap bay");
        assertEquals(Path.of("/media/seed/WD80"), hdd.mountPoint());
        assertEquals("VK0ABCDE", hdd.target().serial());
        assertEquals("WDC WD80EFZX-68UW8N0, 8.0 TB SATA HDD, serial VK0ABCDE, /dev/sdb", hdd.describe());

        AttachedDrive ssd = drive(found, "/dev/sdc");
        assertEquals("SSD", ssd.mediaType());
        assertFalse(ssd.rotational());
        assertNull(ssd.mountPoint(), "nothing of it is mounted");
        assertEquals(12_000_138_625_024L, drive(found, "/dev/sdd").capacityBytes());

        AttachedDrive nvme = drive(found, "/dev/nvme0n1");
        assertEquals("NVME", nvme.transport());
        assertEquals("SSD", nvme.mediaType());
        assertEquals(Path.of("/srv/scratch"), nvme.mountPoint());
    }

    @Test
    void aUsbStickIsToldFromASataDriveInAUsbAdaptor() throws IOException {
        DiscoveredDrives found = copyComputer();
        AttachedDrive stick = drive(found, "/dev/sde");
        assertEquals("USB", stick.transport());
        assertEquals("FLASH", stick.mediaType());
        assertEquals("SanDisk Cruzer Blade", stick.model());
        assertEquals(Path.of("/media/seed/CRUZER"), stick.mountPoint());
        assertEquals(List.of("/dev/sde is taken for a USB flash stick: its name 'SanDisk Cruzer Blade' is that of "
                + "a USB flash stick"), stick.notes());

        AttachedDrive elements = drive(found, "/dev/sdf");
        assertEquals("USB", elements.transport());
        assertEquals("HDD", elements.mediaType());
        assertEquals("WD Elements 25A3", elements.model());
        assertEquals("575836314141394C4B4C3130", elements.serial());
        assertTrue(elements.notes().get(0).startsWith("/dev/sdf is taken for a SATA HDD in a USB adaptor"),
                elements.notes().toString());
    }

    @Test
    void olderLsblkPrintsStringsAndRootOnLvmStillMarksTheSystemDisk() throws IOException {
        DiscoveredDrives found = LsblkDiscovery.parse(Fixtures.text("lsblk/rhel8-util-linux-2.32.json"));
        assertEquals(List.of("/dev/sdb", "/dev/sdc"), found.drives().stream().map(AttachedDrive::device).toList());
        assertEquals("is this computer's system disk (/ is on it)", reason(found, "/dev/sda"));
        AttachedDrive toshiba = drive(found, "/dev/sdb");
        assertEquals(6_001_175_126_016L, toshiba.capacityBytes());
        assertEquals("HDD", toshiba.mediaType());
        assertFalse(toshiba.removable());
        AttachedDrive bridged = drive(found, "/dev/sdc");
        assertEquals("USB", bridged.transport());
        assertEquals("HDD", bridged.mediaType());
        assertEquals("ST4000LM024-2AN17V", bridged.model(), "the bridge's ATA vendor is not part of the model");
        assertTrue(bridged.notes().get(0).endsWith("its USB bridge passes an ATA (SATA) drive's identity through"));
    }

    @Test
    void discoveryRunsLsblkAndSaysWhenItCannot() throws IOException {
        Fixtures.Replay runner = new Fixtures.Replay().record(LsblkDiscovery.COMMAND, 0,
                Fixtures.text("lsblk/copy-computer.json"), "");
        assertEquals(6, new LsblkDiscovery(runner).discover().drives().size());
        assertEquals(List.of(List.of("lsblk", "-J", "-b", "-O")), runner.ran);

        IOException missing = assertThrows(IOException.class, () -> new LsblkDiscovery(new Fixtures.Replay()).discover());
        assertTrue(missing.getMessage().startsWith("cannot list this computer's drives: lsblk did not run"),
                missing.getMessage());

        Fixtures.Replay failing = new Fixtures.Replay().record(LsblkDiscovery.COMMAND, 1, "",
                "lsblk: unknown column: SUBSYSTEMS\n");
        assertEquals("cannot list this computer's drives: lsblk -J -b -O ended with exit code 1: "
                + "lsblk: unknown column: SUBSYSTEMS",
                assertThrows(IOException.class, () -> new LsblkDiscovery(failing).discover()).getMessage());

        IOException garbage = assertThrows(IOException.class, () -> LsblkDiscovery.parse("NAME MAJ:MIN RM SIZE"));
        assertTrue(garbage.getMessage().startsWith("lsblk printed something that is not JSON"), garbage.getMessage());
    }

    @Test
    void onTheComputerRunningTheTestsTheDiskHoldingRootIsNeverOffered() throws IOException {
        CommandRunner.Result r;
        try {
            r = new SystemCommandRunner().run(LsblkDiscovery.COMMAND, Duration.ofSeconds(30));
        } catch (IOException e) {
            r = null;
        }
        assumeTrue(r != null && r.exitCode() == 0, "lsblk runs here");
        DiscoveredDrives found = LsblkDiscovery.parse(r.stdout());
        assertTrue(found.drives().stream().noneMatch(d -> Path.of("/").equals(d.mountPoint())), found.toString());
    }
}
