package org.seedbench.diskprep.drives;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What discovery found on this computer: the drives that could be prepared, the devices it left out (with
 * the reason, so that naming one gives a useful answer) and the partitions or extra volumes of each drive.
 *
 * @param drives     whole drives, in the order the operating system lists them
 * @param skipped    devices that are not drives one could ship: the system disk, loop, RAM and optical devices,
 *                   readers without media
 * @param partitions a partition's device ({@code /dev/sdb1}) or a further drive letter of a disk ({@code F:})
 *                   → the device of its whole drive, as listed in {@code drives} or {@code skipped}
 */
public record DiscoveredDrives(List<AttachedDrive> drives, List<Skipped> skipped, Map<String, String> partitions) {

    /** A device discovery left out, and why, e.g. {@code /dev/sda}: "is this computer's system disk (/ is on it)". */
    public record Skipped(String device, String description, String reason) {
    }

    public static final DiscoveredDrives NONE = new DiscoveredDrives(List.of(), List.of(), Map.of());

    public DiscoveredDrives {
        drives = List.copyOf(drives);
        skipped = List.copyOf(skipped);
        partitions = Map.copyOf(partitions);
    }

    public Optional<Skipped> skippedDevice(String device) {
        return skipped.stream().filter(s -> s.device().equalsIgnoreCase(device)).findFirst();
    }
}
