package org.seedbench.diskprep.tests.drives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.seedbench.diskprep.drives.AttachedDrive;
import org.seedbench.diskprep.drives.DiscoveredDrives;
import org.seedbench.diskprep.drives.GetDiskDiscovery;

class GetDiskDiscoveryTest {

    static DiscoveredDrives windowsCopyComputer() throws IOException {
        return GetDiskDiscovery.parse(Fixtures.text("windows/get-disk.json"), Fixtures.text("windows/get-partition.json"));
    }

    private static AttachedDrive drive(DiscoveredDrives found, String device) {
        return found.drives().stream().filter(d -> d.device().equals(device)).findFirst().orElseThrow();
    }

    @Test
    void drivesAreNamedByTheirFirstDriveLetterAndTheSystemDiskIsLeftOut() throws IOException {
        DiscoveredDrives found = windowsCopyComputer();
        assertEquals(List.of("E:", "G:", "H:", "\\\\.\\PHYSICALDRIVE4", "I:", "J:"),
                found.drives().stream().map(AttachedDrive::device).toList());
        assertEquals("is this computer's system disk (Windows starts from it)",
                found.skippedDevice("C:").orElseThrow().reason());
        assertEquals("is a virtual hard disk file (VHD), not a drive",
                found.skippedDevice("\\\\.\\PHYSICALDRIVE7").orElseThrow().reason());
        assertEquals("G:", found.partitions().get("F:"), "F: is a second volume of the disk whose first is G:");
    }

    @Test
    void sataDrivesKeepSerialMediaTypeAndVolume() throws IOException {
        DiscoveredDrives found = windowsCopyComputer();
        AttachedDrive wd = drive(found, "E:");
        assertEquals("VK0ABCDE", wd.serial(), "Windows pads some serials with spaces");
        assertEquals("SATA", wd.transport());
        assertEquals("HDD", wd.mediaType());
        assertEquals(8_001_563_222_016L, wd.capacityBytes());
        assertEquals(Path.of("E:\\"), wd.mountPoint());
        assertEquals("SSD", drive(found, "G:").mediaType());
        AttachedDrive nvme = drive(found, "\\\\.\\PHYSICALDRIVE4");
        assertEquals("NVME", nvme.transport());
        assertNull(nvme.mountPoint(), "no drive letter");
    }

    @Test
    void aUsbStickReportsRemovableMediaAUsbHardDiskDoesNot() throws IOException {
        DiscoveredDrives found = windowsCopyComputer();
        AttachedDrive stick = drive(found, "I:");
        assertEquals("USB", stick.transport());
        assertEquals("FLASH", stick.mediaType());
        AttachedDrive elements = drive(found, "J:");
        assertEquals("HDD", elements.mediaType());
        assertEquals(List.of("J: is taken for a SATA HDD in a USB adaptor: its name 'WD Elements 25A3' is that of "
                + "an external SATA drive or a USB-SATA bridge",
                "J: reports no media type through its USB adaptor; it is counted as HDD"), elements.notes());
    }

    @Test
    void oneDiskPrintedAsAnObjectWithNumericCodesIsRead() throws IOException {
        DiscoveredDrives found = GetDiskDiscovery.parse(Fixtures.text("windows/get-disk-one-drive-codes.json"),
                Fixtures.text("windows/get-partition-one-drive-codes.json"));
        assertEquals(1, found.drives().size());
        AttachedDrive d = found.drives().get(0);
        assertEquals("E:", d.device());
        assertEquals("SATA", d.transport());
        assertEquals("HDD", d.mediaType());
        assertEquals("WD-WX12A3456789", d.serial());
    }

    @Test
    void discoveryRunsBothPowerShellCommandsAndSaysWhenItCannot() throws IOException {
        Fixtures.Replay runner = new Fixtures.Replay()
                .record(GetDiskDiscovery.powershell(GetDiskDiscovery.DISKS), 0, Fixtures.text("windows/get-disk.json"), "")
                .record(GetDiskDiscovery.powershell(GetDiskDiscovery.PARTITIONS), 0,
                        Fixtures.text("windows/get-partition.json"), "");
        assertEquals(6, new GetDiskDiscovery(runner).discover().drives().size());
        assertEquals("powershell.exe", runner.ran.get(0).get(0));

        IOException e = assertThrows(IOException.class, () -> new GetDiskDiscovery(new Fixtures.Replay()).discover());
        assertTrue(e.getMessage().startsWith("cannot list this computer's drives: PowerShell Get-Disk did not run"),
                e.getMessage());
    }
}
