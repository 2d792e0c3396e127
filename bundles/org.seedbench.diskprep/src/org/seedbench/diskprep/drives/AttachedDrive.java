package org.seedbench.diskprep.drives;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.seedbench.core.model.Drive;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.DriveTarget;

/**
 * A drive as this computer sees it: what the import job will record about it (serial, model, transport, media
 * type, capacity), what the operating system says of it (rotational, removable, form factor when known) and
 * where an encryptor finds it ({@link DriveTarget}: device such as {@code /dev/sdb} or {@code E:}, mount point
 * of its first mounted partition or {@code null}).
 *
 * @param serial      the drive's serial number, as the import job names it; {@code null} when the drive reports
 *                    none (such a drive cannot be shipped)
 * @param transport   one of the {@code TRANSPORT_} constants, or another bus in capitals (e.g. {@code VIRTIO})
 * @param mediaType   {@link #MEDIA_HDD}, {@link #MEDIA_SSD}, or {@link #MEDIA_FLASH} for a USB stick
 * @param rotational  the operating system counts it as spinning
 * @param removable   removable media or hot-pluggable (USB, eSATA, hot-swap bay)
 * @param formFactor  {@code 2.5"}, {@code 3.5"}, … or {@code null} when unknown: neither {@code lsblk} nor
 *                    Get-Disk reports it
 * @param notes       what discovery decided and why, for the admin (e.g. how a USB drive was told from a stick)
 */
public record AttachedDrive(
        String serial,
        String model,
        String transport,
        String mediaType,
        long capacityBytes,
        boolean rotational,
        boolean removable,
        String formFactor,
        DriveTarget target,
        List<String> notes) {

    public static final String TRANSPORT_SATA = "SATA";
    public static final String TRANSPORT_SAS = "SAS";
    public static final String TRANSPORT_USB = "USB";
    public static final String TRANSPORT_NVME = "NVME";
    public static final String TRANSPORT_FOLDER = "FOLDER";
    public static final String TRANSPORT_VIRTIO = "VIRTIO";
    public static final String TRANSPORT_UNKNOWN = "UNKNOWN";

    public static final String MEDIA_HDD = "HDD";
    public static final String MEDIA_SSD = "SSD";
    /** A USB flash stick; the drive rules refuse it. */
    public static final String MEDIA_FLASH = "FLASH";

    public AttachedDrive {
        serial = blankToNull(serial);
        model = blankToNull(model);
        transport = transport == null || transport.isBlank() ? TRANSPORT_UNKNOWN
                : transport.trim().toUpperCase(Locale.ROOT);
        notes = notes == null ? List.of() : List.copyOf(notes);
        if (target == null) {
            throw new IllegalArgumentException("an attached drive needs a device");
        }
    }

    /** The drive as a seeding job records it, in state Specified, nothing copied yet. */
    public Drive toDrive(String jobName) {
        return new Drive(jobName, serial, model, transport, mediaType, capacityBytes, 0, null, null, null, null,
                DriveState.SPECIFIED, 0);
    }

    /** {@code /dev/sdb}, {@code E:}, {@code \\.\PHYSICALDRIVE3} or, for a folder drive, the folder. */
    public String device() {
        return target.device();
    }

    /** Where its (first) file system is mounted, or {@code null}. */
    public Path mountPoint() {
        return target.mountPoint();
    }

    public boolean isFolder() {
        return TRANSPORT_FOLDER.equals(transport);
    }

    /** e.g. {@code WDC WD80EFZX-68UW8N0, 8.0 TB SATA HDD, serial VK0ABCDE, /dev/sdb}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (model != null) {
            b.append(model).append(", ");
        }
        b.append(Sizes.decimal(capacityBytes)).append(' ').append(transport);
        if (mediaType != null) {
            b.append(' ').append(mediaType);
        }
        b.append(", serial ").append(serial == null ? "unknown" : serial).append(", ").append(device());
        return b.toString();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
