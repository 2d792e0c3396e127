package org.seedbench.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.seedbench.core.model.Drive;

/**
 * The import service's rules for drives: 2.5" SSD, or 2.5"/3.5" SATA II/III HDD, at most 10 TB each and
 * at most 10 drives per job. A SATA drive in a USB adaptor is allowed; NVMe drives and USB sticks are not.
 * Folder drives (transport {@code FOLDER}) stand in for real drives in rehearsals and obey the same limits.
 */
public final class DriveRules {
    public static final String FIELD = "drive";
    /** 10 TB, in the decimal units drives are sold in. */
    public static final long MAX_CAPACITY_BYTES = 10_000_000_000_000L;
    public static final int MAX_DRIVES_PER_JOB = 10;

    private DriveRules() {
    }

    /** Checks one drive. Returns a note (not a problem) for a USB-attached SATA drive through {@code notes}. */
    public static List<Problem> checkDrive(Drive drive, List<String> notes) {
        List<Problem> problems = new ArrayList<>();
        String id = drive.serial();
        String transport = drive.transport() == null ? "" : drive.transport().toUpperCase(Locale.ROOT);
        String media = drive.mediaType() == null ? "" : drive.mediaType().toUpperCase(Locale.ROOT);
        if (drive.capacityBytes() > MAX_CAPACITY_BYTES) {
            problems.add(new Problem(FIELD, id, "holds " + Sizes.decimal(drive.capacityBytes()),
                    "at most 10 TB per drive"));
        }
        switch (transport) {
            case "SATA", "FOLDER" -> {
            }
            case "USB" -> {
                if (!media.equals("HDD") && !media.equals("SSD")) {
                    problems.add(new Problem(FIELD, id, "is a USB stick, not a SATA drive",
                            "2.5\" SSD or 2.5\"/3.5\" SATA II/III HDD, also through a USB adaptor"));
                } else if (notes != null) {
                    notes.add("drive " + id + " is attached through a USB adaptor; the datacenter receives it "
                            + "without the adaptor, as a SATA drive");
                }
            }
            case "NVME" -> problems.add(new Problem(FIELD, id, "is an NVMe drive",
                    "2.5\" SSD or 2.5\"/3.5\" SATA II/III HDD"));
            default -> problems.add(new Problem(FIELD, id, "is attached through " + (transport.isEmpty()
                    ? "an unknown transport" : transport), "2.5\" SSD or 2.5\"/3.5\" SATA II/III HDD"));
        }
        return problems;
    }

    /** Checks the count of drives a job would have. */
    public static List<Problem> checkDriveCount(int count) {
        if (count > MAX_DRIVES_PER_JOB) {
            return List.of(new Problem(FIELD, null, count + " drives for one job",
                    "at most " + MAX_DRIVES_PER_JOB + " drives per import job"));
        }
        return List.of();
    }
}
