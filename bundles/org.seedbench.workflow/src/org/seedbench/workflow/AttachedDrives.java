package org.seedbench.workflow;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.seedbench.core.model.Drive;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.diskprep.drives.AttachedDrive;
import org.seedbench.diskprep.drives.DiscoveredDrives;
import org.seedbench.diskprep.drives.DriveDiscovery;
import org.seedbench.diskprep.drives.DriveSpecs;
import org.seedbench.diskprep.drives.FolderDrives;

/**
 * The drives this computer showed when it was asked once ({@link DriveListing}): those that could be prepared and
 * the devices left out, with the reason. A front end lists them and hands the same list to
 * {@link DrivePreparationService#prepare(Workspace, String, AttachedDrives, List, String, java.util.Set,
 * DrivePreparationService.FormatConfirmation, org.seedbench.core.spi.Progress, java.util.function.Consumer)}, so the
 * drives prepared are the drives the admin saw.
 *
 * @param drives     whole drives, in the order the operating system lists them
 * @param skipped    devices that are not drives one could ship (the system disk, loop and optical devices…)
 * @param partitions a partition's device or a further drive letter → the device of its whole drive
 */
public record AttachedDrives(List<Listed> drives, List<Skipped> skipped, Map<String, String> partitions) {

    /** The {@code --drive} value of a folder drive starts so: {@code dir:/seed/d1,capacity=2G,serial=SB-0001}. */
    public static final String FOLDER_PREFIX = FolderDrives.PREFIX;

    /** No drive attached: a computer whose drives could not be listed, or a rehearsal on folder drives only. */
    public static final AttachedDrives NONE = new AttachedDrives(List.of(), List.of(), Map.of());

    /**
     * A drive as this computer sees it: what the import job will record about it.
     *
     * @param transport  {@code SATA}, {@code SAS}, {@code USB}, {@code NVME}, {@code FOLDER}…
     * @param mediaType  {@code HDD}, {@code SSD}, or {@code FLASH} for a USB stick
     * @param formFactor {@code 2.5"}, {@code 3.5"}, … or null when unknown
     * @param notes      what discovery decided and why, for the admin
     */
    public record Listed(String serial, String model, String transport, String mediaType, long capacityBytes,
            boolean rotational, boolean removable, String formFactor, DriveTarget target, List<String> notes) {

        public Listed {
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        static Listed of(AttachedDrive d) {
            return new Listed(d.serial(), d.model(), d.transport(), d.mediaType(), d.capacityBytes(), d.rotational(),
                    d.removable(), d.formFactor(), d.target(), d.notes());
        }

        AttachedDrive attached() {
            return new AttachedDrive(serial, model, transport, mediaType, capacityBytes, rotational, removable,
                    formFactor, target, notes);
        }

        /** {@code /dev/sdb}, {@code E:} or, for a folder drive, the folder. */
        public String device() {
            return target.device();
        }

        /** e.g. {@code WDC WD80EFZX-68UW8N0, 8.0 TB SATA HDD, serial VK0ABCDE, /dev/sdb}. */
        public String describe() {
            return attached().describe();
        }

        /** The drive as a seeding job records it, in state Specified, nothing copied yet. */
        public Drive toDrive(String jobName) {
            return attached().toDrive(jobName);
        }
    }

    /** A device left out, and why, e.g. {@code /dev/sda}: "is this computer's system disk (/ is on it)". */
    public record Skipped(String device, String description, String reason) {
    }

    public AttachedDrives {
        drives = List.copyOf(drives);
        skipped = List.copyOf(skipped);
        partitions = Map.copyOf(partitions);
    }

    /** The drives, none left out. */
    public AttachedDrives(List<Listed> drives) {
        this(drives, List.of(), Map.of());
    }

    static AttachedDrives of(DiscoveredDrives found) {
        return new AttachedDrives(found.drives().stream().map(Listed::of).toList(), found.skipped().stream()
                .map(s -> new Skipped(s.device(), s.description(), s.reason())).toList(), found.partitions());
    }

    /** These drives as a discovery that lists them without asking the computer again. */
    DriveDiscovery discovery() {
        DiscoveredDrives found = new DiscoveredDrives(drives.stream().map(Listed::attached).toList(),
                skipped.stream().map(s -> new DiscoveredDrives.Skipped(s.device(), s.description(), s.reason()))
                        .toList(), partitions);
        return () -> found;
    }

    /** Whether a {@code --drive} value names a folder drive. */
    public static boolean isFolderSpec(String spec) {
        return FolderDrives.isFolderSpec(spec);
    }

    /** The {@code --drive} value of a folder drive. */
    public static String folderSpec(String folder, String capacity, String serial) {
        return FOLDER_PREFIX + folder + ",capacity=" + capacity + ",serial=" + serial;
    }

    /** A folder drive as a seeding job records it, in state Specified, for the drive rules. */
    public static Drive folderDrive(String jobName, String serial, long capacityBytes) {
        return new Drive(jobName, serial, FolderDrives.DEFAULT_MODEL, AttachedDrive.TRANSPORT_FOLDER,
                AttachedDrive.MEDIA_SSD, capacityBytes, 0, null, null, null, null, null, 0);
    }

    /**
     * The folder drive a {@code --drive} value names, checked without creating its folder.
     *
     * @throws InvalidInputException when the value is not a valid folder drive
     */
    public static Listed folder(String spec) throws InvalidInputException, IOException {
        return Listed.of(DriveSpecs.resolve(List.of(spec), DriveDiscovery.NONE, false).drives().get(0));
    }
}
