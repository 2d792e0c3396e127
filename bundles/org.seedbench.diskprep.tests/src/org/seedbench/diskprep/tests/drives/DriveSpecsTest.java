package org.seedbench.diskprep.tests.drives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.diskprep.drives.AttachedDrive;
import org.seedbench.diskprep.drives.DiscoveredDrives;
import org.seedbench.diskprep.drives.DriveDiscovery;
import org.seedbench.diskprep.drives.DriveSpecs;
import org.seedbench.diskprep.drives.LsblkDiscovery;

class DriveSpecsTest {
    private static final String SATA_ONLY = "2.5\" SSD or 2.5\"/3.5\" SATA II/III HDD";

    @TempDir
    Path tmp;

    private static DriveDiscovery linux() {
        return () -> LsblkDiscovery.parse(Fixtures.text("lsblk/copy-computer.json"));
    }

    private static List<String> refused(List<String> specs, DriveDiscovery discovery) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DriveSpecs.resolve(specs, discovery));
        return e.problems().stream().map(Problem::message).toList();
    }

    private String folder(String name, String serial) {
        return "dir:" + tmp.resolve(name) + ",capacity=1G,serial=" + serial;
    }

    @Test
    void sataDrivesAndASataDriveInAUsbAdaptorAreAcceptedWithNotes() throws Exception {
        DriveSpecs.Resolved r = DriveSpecs.resolve(List.of("/dev/sdb", "s6pnns0t612345k", "sdf"), linux());
        assertEquals(List.of("VK0ABCDE", "S6PNNS0T612345K", "575836314141394C4B4C3130"),
                r.drives().stream().map(AttachedDrive::serial).toList());
        assertTrue(r.notes().contains("drive 575836314141394C4B4C3130 is attached through a USB adaptor; the datacenter "
                + "receives it without the adaptor, as a SATA drive"), r.notes().toString());
        assertTrue(r.notes().contains("drive S6PNNS0T612345K is a SATA SSD: the import service takes 2.5\" SSDs only; "
                + "make sure it is not an M.2 or mSATA one"), r.notes().toString());
    }

    @Test
    void aTwelveTerabyteDriveAnNvmeDriveAndAUsbStickAreEachRefusedInOneException() {
        assertEquals(List.of(
                "drive '/dev/sdd': ST12000NM001G-2MV103, serial ZL2ABCD1, holds 12.0 TB (allowed: at most 10 TB per drive)",
                "drive '/dev/nvme0n1': Samsung SSD 980 PRO 1TB, serial S5GXNF0R123456H, is an NVMe drive (allowed: "
                        + SATA_ONLY + ")",
                "drive '4C530001230318109152': SanDisk Cruzer Blade at /dev/sde is a USB stick, not a SATA drive "
                        + "(allowed: " + SATA_ONLY + ", also through a USB adaptor)"),
                refused(List.of("/dev/sdd", "/dev/nvme0n1", "4C530001230318109152"), linux()));
    }

    @Test
    void theSystemDiskAPartitionAndAnUnknownNameSayWhatToGiveInstead() {
        List<String> m = refused(List.of("/dev/sda", "/dev/sdb1", "WD-NOPE"), linux());
        String available = "one of the attached drives: /dev/sdb (serial VK0ABCDE), /dev/sdc (serial S6PNNS0T612345K), "
                + "/dev/sdd (serial ZL2ABCD1), /dev/sde (serial 4C530001230318109152), /dev/sdf (serial "
                + "575836314141394C4B4C3130), /dev/nvme0n1 (serial S5GXNF0R123456H)";
        assertEquals("drive '/dev/sda': CT500MX500SSD1, 500 GB, is this computer's system disk (/ is on it) "
                + "(allowed: " + available + ")", m.get(0));
        assertEquals("drive '/dev/sdb1': is a partition of /dev/sdb, not a whole drive (allowed: the whole drive, "
                + "/dev/sdb)", m.get(1));
        assertTrue(m.get(2).startsWith("drive 'WD-NOPE': is neither a folder drive nor the device or serial number of "
                + "an attached drive (allowed: dir:PATH,capacity=SIZE,serial=ID"), m.get(2));
        assertTrue(m.get(2).endsWith(available + ")"), m.get(2));
        assertEquals(3, m.size());
    }

    @Test
    void aDriveGivenTwiceOrASerialUsedTwiceIsRefused() {
        assertEquals(List.of("drive 'VK0ABCDE': is the same drive as '/dev/sdb' (allowed: each drive once, each serial "
                + "once)"), refused(List.of("/dev/sdb", "VK0ABCDE"), linux()));
        String folder = folder("d1", "ZL2ABCD1");
        assertEquals(List.of("drive '" + folder + "': has serial ZL2ABCD1, as 'ZL2ABCD1' has (allowed: each drive once, "
                + "each serial once)"), refused(List.of("ZL2ABCD1", folder), () -> new DiscoveredDrives(
                        List.of(TestDrives.sata("ZL2ABCD1", "/dev/sdd")), List.of(), Map.of())));
    }

    @Test
    void elevenDrivesAreRefusedAndNoFolderIsCreated() throws Exception {
        List<String> specs = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            specs.add(folder("d" + i, "SB-" + i));
        }
        assertEquals(List.of("drive: 11 drives for one job (allowed: at most 10 drives per import job)"),
                refused(specs, DriveDiscovery.NONE));
        assertFalse(Files.exists(tmp.resolve("d1")));

        DriveSpecs.Resolved ten = DriveSpecs.resolve(specs.subList(0, 10), DriveDiscovery.NONE);
        assertEquals(10, ten.drives().size());
        assertTrue(Files.isDirectory(tmp.resolve("d10")));
    }

    @Test
    void folderDrivesNeedNoDiscoveryAndDevicesAreDiscoveredOnce() throws Exception {
        DriveDiscovery failing = () -> {
            throw new IOException("lsblk must not run for folder drives");
        };
        assertEquals(1, DriveSpecs.resolve(List.of(folder("d1", "SB-1")), failing).drives().size());

        AtomicInteger runs = new AtomicInteger();
        DriveDiscovery counting = () -> {
            runs.incrementAndGet();
            return linux().discover();
        };
        DriveSpecs.Resolved mixed = DriveSpecs.resolve(List.of("/dev/sdb", folder("d2", "SB-2"), "/dev/sdc"), counting);
        assertEquals(List.of("SATA", "FOLDER", "SATA"), mixed.drives().stream().map(AttachedDrive::transport).toList());
        assertEquals(1, runs.get());
    }

    @Test
    void badFolderSpecsAndDeviceProblemsComeTogether() {
        String bad = "dir:" + tmp.resolve("x") + ",capacity=2Q,serial=SB-1";
        List<String> m = refused(List.of(bad, "/dev/nvme0n1"), linux());
        assertEquals(2, m.size(), m.toString());
        assertEquals("drive '" + bad + "': capacity '2Q' is not a size (allowed: a number with K, M, G or T, e.g. 1.2G)",
                m.get(0));
        assertTrue(m.get(1).contains("is an NVMe drive"), m.get(1));
    }

    @Test
    void windowsDriveLettersNameDrives() throws Exception {
        DriveDiscovery windows = GetDiskDiscoveryTest::windowsCopyComputer;
        DriveSpecs.Resolved r = DriveSpecs.resolve(List.of("e:", "G:\\", "J:"), windows);
        assertEquals(List.of("VK0ABCDE", "S6PNNS0T612345K", "575836314141394C4B4C3130"),
                r.drives().stream().map(AttachedDrive::serial).toList());
        List<String> m = refused(List.of("C:", "F:", "\\\\.\\PHYSICALDRIVE4", "I:"), windows);
        assertTrue(m.get(0).startsWith("drive 'C:': Samsung SSD 970 EVO Plus 500GB, 500 GB, is this computer's system "
                + "disk (Windows starts from it)"), m.get(0));
        assertEquals("drive 'F:': is a partition of G:, not a whole drive (allowed: the whole drive, G:)", m.get(1));
        assertTrue(m.get(2).contains("is an NVMe drive"), m.get(2));
        assertTrue(m.get(3).contains("is a USB stick, not a SATA drive"), m.get(3));
    }

    @Test
    void aDriveWithoutSerialOrOfAWrongFormFactorIsRefused() {
        AttachedDrive virtio = new AttachedDrive(null, null, "VIRTIO", "HDD", 100_000_000_000L, true, false, null,
                new DriveTarget(null, "/dev/vdb", null, 100_000_000_000L), List.of());
        AttachedDrive m2 = new AttachedDrive("M2-SATA-1", "WD Blue SA510 M.2", "SATA", "SSD", 1_000_000_000_000L, false,
                false, "M.2", new DriveTarget("M2-SATA-1", "/dev/sdh", null, 1_000_000_000_000L), List.of());
        DriveDiscovery found = () -> new DiscoveredDrives(List.of(virtio, m2), List.of(), Map.of());
        assertEquals(List.of(
                "drive '/dev/vdb': the drive reports no serial number (allowed: a drive with a serial number; the import "
                        + "job names each drive by it)",
                "drive '/dev/vdb': the drive is attached through VIRTIO (allowed: " + SATA_ONLY + ")",
                "drive '/dev/sdh': WD Blue SA510 M.2, serial M2-SATA-1, has form factor M.2 (allowed: " + SATA_ONLY + ")"),
                refused(List.of("/dev/vdb", "/dev/sdh"), found));
    }

    @Test
    void noDriveAtAllIsAProblem() {
        assertTrue(refused(List.of(), DriveDiscovery.NONE).get(0).startsWith("drive: none given (allowed: at least one "
                + "drive: dir:PATH,capacity=SIZE,serial=ID"));
    }
}
