package org.seedbench.diskprep.drives;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.CommandRunner;
import org.seedbench.core.spi.DriveTarget;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds drives on Linux with {@code lsblk -J -b -O} (every column, sizes in bytes, as JSON).
 *
 * <p>Top-level devices of type {@code disk} are drives, except: the disk holding this computer's system
 * ({@code /}, {@code /boot}, {@code /boot/efi}, {@code /usr}, {@code /var}, {@code /home} or swap on it or on any
 * of its partitions and volumes), compressed-RAM ({@code zram}, which lsblk lists as a disk) and RAM disks,
 * and devices without media (size 0, e.g. an empty card reader). Loop, optical ({@code rom}) and other types
 * are left out too; each left-out device carries its reason.
 *
 * <p>Transport comes from {@code tran} ({@code sata}, {@code sas}, {@code usb}, {@code nvme}; empty for virtio
 * disks, told by their {@code subsystems}). Media type is HDD when {@code rota} is set, else SSD; NVMe is SSD;
 * a USB device is a SATA drive in an adaptor or a flash stick as {@link UsbSticks} decides from {@code vendor},
 * {@code model}, {@code rm} and {@code size}. The mount point is the first mounted file system found on the
 * disk itself or, depth first, on its partitions.
 */
public final class LsblkDiscovery implements DriveDiscovery {
    public static final List<String> COMMAND = List.of("lsblk", "-J", "-b", "-O");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> SYSTEM_MOUNTS = Set.of("/", "/boot", "/boot/efi", "/efi", "/usr", "/var",
            "/home", "[SWAP]");

    private final CommandRunner runner;

    public LsblkDiscovery(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public DiscoveredDrives discover() throws IOException {
        CommandRunner.Result result;
        try {
            result = runner.run(COMMAND, TIMEOUT);
        } catch (IOException e) {
            throw new IOException("cannot list this computer's drives: lsblk did not run (" + e.getMessage()
                    + "); install util-linux or give folder drives", e);
        }
        if (result.exitCode() != 0) {
            throw new IOException("cannot list this computer's drives: lsblk -J -b -O ended with exit code "
                    + result.exitCode() + ": " + JsonValues.firstLine(result.stderr()));
        }
        return parse(result.stdout());
    }

    /** Reads what {@code lsblk -J -b -O} printed. */
    public static DiscoveredDrives parse(String json) throws IOException {
        JsonNode root = JsonValues.read(json, "lsblk");
        List<AttachedDrive> drives = new ArrayList<>();
        List<DiscoveredDrives.Skipped> skipped = new ArrayList<>();
        Map<String, String> partitions = new LinkedHashMap<>();
        for (JsonNode dev : JsonValues.elements(root.get("blockdevices"))) {
            String name = JsonValues.text(dev, "name");
            if (name == null) {
                continue;
            }
            String path = JsonValues.text(dev, "path");
            String device = path != null ? path : "/dev/" + name;
            List<String> mounts = new ArrayList<>();
            collect(dev, device, true, mounts, partitions);
            String description = description(dev);
            String reason = skipReason(dev, name, mounts);
            if (reason != null) {
                skipped.add(new DiscoveredDrives.Skipped(device, description, reason));
            } else {
                drives.add(drive(dev, device, mounts));
            }
        }
        return new DiscoveredDrives(drives, skipped, partitions);
    }

    private static void collect(JsonNode node, String disk, boolean top, List<String> mounts,
            Map<String, String> partitions) {
        if (!top) {
            String name = JsonValues.text(node, "name");
            String path = JsonValues.text(node, "path");
            if (path != null || name != null) {
                partitions.putIfAbsent(path != null ? path : "/dev/" + name, disk);
            }
        }
        JsonNode many = node.get("mountpoints");
        if (many != null && many.isArray()) {
            for (JsonNode m : many) {
                if (m != null && !m.isNull() && !m.asText().isBlank() && !mounts.contains(m.asText())) {
                    mounts.add(m.asText());
                }
            }
        }
        String one = JsonValues.text(node, "mountpoint");
        if (one != null && !mounts.contains(one)) {
            mounts.add(one);
        }
        for (JsonNode child : JsonValues.elements(node.get("children"))) {
            collect(child, disk, false, mounts, partitions);
        }
    }

    private static String skipReason(JsonNode dev, String name, List<String> mounts) {
        String type = String.valueOf(JsonValues.text(dev, "type")).toLowerCase(Locale.ROOT);
        switch (type) {
            case "disk" -> {
            }
            case "loop" -> {
                return "is a loop device (a file presented as a disk), not a drive";
            }
            case "rom" -> {
                return "is an optical drive, not a disk drive";
            }
            default -> {
                return "is a " + type + " device, not a whole drive";
            }
        }
        if (name.startsWith("zram")) {
            return "is compressed RAM (zram), not a drive";
        }
        if (name.startsWith("ram")) {
            return "is a RAM disk, not a drive";
        }
        if (mounts.contains("/")) {
            return "is this computer's system disk (/ is on it)";
        }
        for (String m : mounts) {
            if (SYSTEM_MOUNTS.contains(m)) {
                return "is in use by this computer's system (" + (m.equals("[SWAP]") ? "swap" : m) + " is on it)";
            }
        }
        if (JsonValues.number(dev, "size") <= 0) {
            return "reports no media (size 0), e.g. an empty card reader";
        }
        return null;
    }

    private static AttachedDrive drive(JsonNode dev, String device, List<String> mounts) {
        String name = JsonValues.text(dev, "name");
        String vendor = JsonValues.text(dev, "vendor");
        String rawModel = JsonValues.text(dev, "model");
        String subsystems = String.valueOf(JsonValues.text(dev, "subsystems")).toLowerCase(Locale.ROOT);
        long size = JsonValues.number(dev, "size");
        boolean rota = JsonValues.bool(dev, "rota");
        boolean rm = JsonValues.bool(dev, "rm");
        boolean hotplug = JsonValues.bool(dev, "hotplug");
        String transport = transport(JsonValues.text(dev, "tran"), name, subsystems);
        List<String> notes = new ArrayList<>();
        String media;
        switch (transport) {
            case AttachedDrive.TRANSPORT_NVME -> media = AttachedDrive.MEDIA_SSD;
            case AttachedDrive.TRANSPORT_USB -> {
                UsbSticks.Verdict v = UsbSticks.classify(vendor, rawModel, rm, null, size);
                media = v.stick() ? AttachedDrive.MEDIA_FLASH
                        : rota ? AttachedDrive.MEDIA_HDD : AttachedDrive.MEDIA_SSD;
                notes.add(device + " is taken for " + (v.stick() ? "a USB flash stick" : "a SATA " + media
                        + " in a USB adaptor") + ": " + v.reason());
            }
            default -> media = rota ? AttachedDrive.MEDIA_HDD : AttachedDrive.MEDIA_SSD;
        }
        if (transport.equals(AttachedDrive.TRANSPORT_VIRTIO)) {
            notes.add(device + " is a virtual disk of this virtual machine, not a drive one can ship");
        }
        Path mount = mounts.stream().filter(m -> m.startsWith("/")).findFirst().map(Path::of).orElse(null);
        String serial = JsonValues.text(dev, "serial");
        return new AttachedDrive(serial, model(vendor, rawModel), transport, media, size, rota, rm || hotplug,
                null, new DriveTarget(AttachedDrive.blankToNull(serial), device, mount, size), notes);
    }

    private static String transport(String tran, String name, String subsystems) {
        String t = tran == null ? "" : tran.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "sata" -> AttachedDrive.TRANSPORT_SATA;
            case "sas" -> AttachedDrive.TRANSPORT_SAS;
            case "usb" -> AttachedDrive.TRANSPORT_USB;
            case "nvme" -> AttachedDrive.TRANSPORT_NVME;
            case "" -> subsystems.contains("virtio") ? AttachedDrive.TRANSPORT_VIRTIO
                    : name.startsWith("nvme") || subsystems.contains("nvme") ? AttachedDrive.TRANSPORT_NVME
                    : subsystems.contains("usb") ? AttachedDrive.TRANSPORT_USB
                    : AttachedDrive.TRANSPORT_UNKNOWN;
            default -> t.toUpperCase(Locale.ROOT);
        };
    }

    /** Vendor and model as one name, leaving out the {@code ATA} a SATA host reports and PCI vendor ids. */
    static String model(String vendor, String model) {
        if (vendor == null || vendor.equalsIgnoreCase("ATA") || vendor.startsWith("0x")) {
            return model;
        }
        if (model == null) {
            return vendor;
        }
        return model.toLowerCase(Locale.ROOT).startsWith(vendor.toLowerCase(Locale.ROOT)) ? model
                : vendor + " " + model;
    }

    private static String description(JsonNode dev) {
        String model = model(JsonValues.text(dev, "vendor"), JsonValues.text(dev, "model"));
        String size = Sizes.decimal(JsonValues.number(dev, "size"));
        return model == null ? size : model + ", " + size;
    }
}
