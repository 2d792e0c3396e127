package org.seedbench.diskprep.drives;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.CommandRunner;
import org.seedbench.core.spi.DriveTarget;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds drives on Windows with two PowerShell commands (Storage module, Windows 8 / Server 2012 and later):
 * <ul>
 * <li>{@link #DISKS}: {@code Get-Disk | Select-Object Number,SerialNumber,FriendlyName,BusType,MediaType,
 * Removable,Size,IsBoot,IsSystem | ConvertTo-Json}. Get-Disk has no media type, so {@code MediaType} (HDD, SSD,
 * Unspecified) is taken from Get-PhysicalDisk with the same device number, and {@code Removable} from
 * Win32_DiskDrive ("Removable Media", which USB sticks report and USB-SATA bridges do not);</li>
 * <li>{@link #PARTITIONS}: {@code Get-Partition | Select-Object DiskNumber,PartitionNumber,DriveLetter |
 * ConvertTo-Json}, partitions with a drive letter only.</li>
 * </ul>
 * A drive's device is its first drive letter ({@code E:}, what BitLocker works on) or
 * {@code \\.\PHYSICALDRIVEn} when it has none. The disk Windows boots from or runs from ({@code IsBoot},
 * {@code IsSystem}) is left out, as are virtual hard disk files, Storage Spaces and disks without media.
 * Bus types and media types are read as names or as their numeric codes. USB drives are told apart as in
 * {@link UsbSticks}; a USB drive in an adaptor that reports no media type is counted as HDD (both are
 * allowed).
 */
public final class GetDiskDiscovery implements DriveDiscovery {
    public static final String DISKS = "$pd = @{}; Get-PhysicalDisk | ForEach-Object { $pd[[string]$_.DeviceId] = $_ }; "
            + "$dd = @{}; Get-CimInstance Win32_DiskDrive | ForEach-Object { $dd[[string]$_.Index] = $_ }; "
            + "Get-Disk | Select-Object Number,SerialNumber,FriendlyName,"
            + "@{n='BusType';e={[string]$_.BusType}},"
            + "@{n='MediaType';e={[string]$pd[[string]$_.Number].MediaType}},"
            + "@{n='Removable';e={$dd[[string]$_.Number].MediaType -eq 'Removable Media'}},"
            + "Size,IsBoot,IsSystem | ConvertTo-Json";
    public static final String PARTITIONS = "Get-Partition | Where-Object { [string]$_.DriveLetter -match '^[A-Za-z]$' } | "
            + "Select-Object DiskNumber,PartitionNumber,@{n='DriveLetter';e={[string]$_.DriveLetter}} | ConvertTo-Json";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String[] BUS_TYPES = { "UNKNOWN", "SCSI", "ATAPI", "ATA", "IEEE1394", "SSA", "FIBRE CHANNEL",
            "USB", "RAID", "ISCSI", "SAS", "SATA", "SD", "MMC", "VIRTUAL", "FILE BACKED VIRTUAL", "STORAGE SPACES",
            "NVME", "SCM", "UFS" };

    private final CommandRunner runner;

    public GetDiskDiscovery(CommandRunner runner) {
        this.runner = runner;
    }

    /** The command line that runs {@code script}. */
    public static List<String> powershell(String script) {
        return List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-Command", script);
    }

    @Override
    public DiscoveredDrives discover() throws IOException {
        return parse(run("Get-Disk", DISKS), run("Get-Partition", PARTITIONS));
    }

    private String run(String what, String script) throws IOException {
        CommandRunner.Result result;
        try {
            result = runner.run(powershell(script), TIMEOUT);
        } catch (IOException e) {
            throw new IOException("cannot list this computer's drives: PowerShell " + what + " did not run ("
                    + e.getMessage() + ")", e);
        }
        if (result.exitCode() != 0) {
            throw new IOException("cannot list this computer's drives: PowerShell " + what + " ended with exit code "
                    + result.exitCode() + ": " + JsonValues.firstLine(result.stderr()));
        }
        return result.stdout();
    }

    /** Reads what {@link #DISKS} and {@link #PARTITIONS} printed. */
    public static DiscoveredDrives parse(String disksJson, String partitionsJson) throws IOException {
        Map<Long, TreeMap<Long, String>> letters = new LinkedHashMap<>();
        for (JsonNode p : JsonValues.elements(JsonValues.read(partitionsJson, "Get-Partition"))) {
            String letter = letter(p.get("DriveLetter"));
            if (letter != null) {
                letters.computeIfAbsent(JsonValues.number(p, "DiskNumber"), k -> new TreeMap<>())
                        .put(JsonValues.number(p, "PartitionNumber"), letter);
            }
        }
        List<AttachedDrive> drives = new ArrayList<>();
        List<DiscoveredDrives.Skipped> skipped = new ArrayList<>();
        Map<String, String> partitions = new LinkedHashMap<>();
        for (JsonNode d : JsonValues.elements(JsonValues.read(disksJson, "Get-Disk"))) {
            long number = JsonValues.number(d, "Number");
            List<String> own = new ArrayList<>(letters.getOrDefault(number, new TreeMap<>()).values());
            String device = own.isEmpty() ? "\\\\.\\PHYSICALDRIVE" + number : own.get(0);
            own.stream().skip(1).forEach(l -> partitions.put(l, device));
            String model = model(JsonValues.text(d, "FriendlyName"));
            long size = JsonValues.number(d, "Size");
            String bus = busType(d.get("BusType"));
            String reason = skipReason(d, bus, size);
            if (reason != null) {
                skipped.add(new DiscoveredDrives.Skipped(device,
                        (model == null ? "" : model + ", ") + Sizes.decimal(size), reason));
                continue;
            }
            drives.add(drive(d, device, own.isEmpty() ? null : Path.of(device + "\\"), model, bus, size));
        }
        return new DiscoveredDrives(drives, skipped, partitions);
    }

    private static String skipReason(JsonNode d, String bus, long size) {
        if (JsonValues.bool(d, "IsBoot") || JsonValues.bool(d, "IsSystem")) {
            return "is this computer's system disk (Windows starts from it)";
        }
        if (bus.equals("FILE BACKED VIRTUAL")) {
            return "is a virtual hard disk file (VHD), not a drive";
        }
        if (bus.equals("STORAGE SPACES")) {
            return "is a Storage Spaces virtual disk, not a drive";
        }
        if (size <= 0) {
            return "reports no media (size 0), e.g. an empty card reader";
        }
        return null;
    }

    private static AttachedDrive drive(JsonNode d, String device, Path mount, String model, String bus, long size) {
        String transport = switch (bus) {
            case "SATA" -> AttachedDrive.TRANSPORT_SATA;
            case "SAS" -> AttachedDrive.TRANSPORT_SAS;
            case "USB" -> AttachedDrive.TRANSPORT_USB;
            case "NVME" -> AttachedDrive.TRANSPORT_NVME;
            default -> bus.replace(" ", "");
        };
        String reported = mediaType(d.get("MediaType"));
        Boolean removableMedia = JsonValues.optionalBool(d, "Removable");
        List<String> notes = new ArrayList<>();
        String media;
        if (transport.equals(AttachedDrive.TRANSPORT_NVME)) {
            media = AttachedDrive.MEDIA_SSD;
        } else if (transport.equals(AttachedDrive.TRANSPORT_USB)) {
            UsbSticks.Verdict v = UsbSticks.classify(null, model, removableMedia, reported, size);
            media = v.stick() ? AttachedDrive.MEDIA_FLASH : reported != null ? reported : AttachedDrive.MEDIA_HDD;
            notes.add(device + " is taken for " + (v.stick() ? "a USB flash stick" : "a SATA " + media
                    + " in a USB adaptor") + ": " + v.reason());
            if (!v.stick() && reported == null) {
                notes.add(device + " reports no media type through its USB adaptor; it is counted as HDD");
            }
        } else if (reported != null) {
            media = reported;
        } else {
            media = AttachedDrive.MEDIA_HDD;
            notes.add(device + " reports no media type; it is counted as HDD");
        }
        String serial = JsonValues.text(d, "SerialNumber");
        return new AttachedDrive(serial, model, transport, media, size, media.equals(AttachedDrive.MEDIA_HDD),
                Boolean.TRUE.equals(removableMedia) || transport.equals(AttachedDrive.TRANSPORT_USB), null,
                new DriveTarget(AttachedDrive.blankToNull(serial), device, mount, size), notes);
    }

    private static String busType(JsonNode v) {
        if (v == null || v.isNull()) {
            return "UNKNOWN";
        }
        if (v.isNumber()) {
            int code = v.intValue();
            return code >= 0 && code < BUS_TYPES.length ? BUS_TYPES[code] : "UNKNOWN";
        }
        String s = v.asText().trim().toUpperCase(Locale.ROOT);
        return s.isEmpty() ? "UNKNOWN" : s;
    }

    /** HDD or SSD, or {@code null} for Unspecified, SCM or absent (MSFT_PhysicalDisk codes 3 = HDD, 4 = SSD). */
    private static String mediaType(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.isNumber() ? (v.intValue() == 3 ? "HDD" : v.intValue() == 4 ? "SSD" : "")
                : v.asText().trim().toUpperCase(Locale.ROOT);
        return s.equals("HDD") || s.equals("SSD") ? s : null;
    }

    /** PowerShell prints a drive letter as a string, or as a character code when not cast. */
    private static String letter(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.isNumber() ? String.valueOf((char) v.intValue()) : v.asText().trim();
        return s.length() == 1 && Character.isLetter(s.charAt(0)) ? s.toUpperCase(Locale.ROOT) + ":" : null;
    }

    private static String model(String friendlyName) {
        String m = AttachedDrive.blankToNull(friendlyName);
        return m != null && m.endsWith(" USB Device") ? m.substring(0, m.length() - " USB Device".length()) : m;
    }
}
