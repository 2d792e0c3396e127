package org.seedbench.cloud.local.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.RehearsalRules;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.spi.ImportJobRequest;
import org.seedbench.core.spi.ImportJobRequest.DriveEntry;

/** The service's checks of an import job request, each problem one line naming the field and the rule. */
public final class Requests {
    /** Drives one import job may carry. */
    public static final int MAX_DRIVES = 10;
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-fA-F]{32}");

    private Requests() {
    }

    public static List<Problem> check(ImportJobRequest r, Set<String> knownLocations) {
        List<Problem> problems = new ArrayList<>();
        problems.addAll(SeedRules.checkSubscriptionId(r.subscriptionId()));
        problems.addAll(SeedRules.checkImportJobName(r.jobName()));
        problems.addAll(SeedRules.checkStorageAccount(r.storageAccount()));
        problems.addAll(SeedRules.checkContainer(r.container()));
        List<Problem> location = SeedRules.checkLocation(r.location());
        problems.addAll(location);
        if (location.isEmpty() && !knownLocations.contains(r.location())) {
            problems.add(new Problem(SeedRules.LOCATION, r.location(), "is not a location of the simulated datacenter",
                    String.join(", ", knownLocations.stream().sorted().toList())));
        }
        problems.addAll(checkDrives(r.drives()));
        String rehearsal = r.options().get(ImportJobRequest.REHEARSAL_DAYS_PER_SECOND);
        if (rehearsal != null) {
            problems.addAll(RehearsalRules.checkDaysPerSecond(rehearsal));
        }
        String readRate = r.options().get(ImportJobRequest.DRIVE_READ_BYTES_PER_SECOND);
        if (readRate != null && !(parsePositive(readRate) > 0)) {
            problems.add(new Problem("drive read speed", readRate, "is not a speed",
                    "bytes a second the simulated datacenter reads a drive at, a number above 0"));
        }
        return problems;
    }

    private static double parsePositive(String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A rehearsal job's clock speed (simulated days per real second), as {@link #check}ed; null for a real job. */
    public static Double daysPerSecond(ImportJobRequest r) {
        String value = r.options().get(ImportJobRequest.REHEARSAL_DAYS_PER_SECOND);
        return value == null ? null : Double.parseDouble(value.strip());
    }

    private static List<Problem> checkDrives(List<DriveEntry> drives) {
        List<Problem> problems = new ArrayList<>();
        if (drives.isEmpty()) {
            problems.add(new Problem("drives", null, "are missing", "1 to " + MAX_DRIVES + " drives per import job"));
        } else if (drives.size() > MAX_DRIVES) {
            problems.add(new Problem("drives", String.valueOf(drives.size()), "are too many",
                    "at most " + MAX_DRIVES + " drives per import job"));
        }
        Set<String> ids = new HashSet<>();
        for (DriveEntry d : drives) {
            if (d.driveId() == null || d.driveId().isBlank()) {
                problems.add(new Problem("drive id", null, "is missing", "the drive's serial number"));
            } else if (!ids.add(d.driveId())) {
                problems.add(new Problem("drive id", d.driveId(), "is given twice", "each drive once per job"));
            }
            if (d.keyProtector() == null || d.keyProtector().recoveryPassword() == null) {
                problems.add(new Problem("key protector", null, "is missing for drive " + d.driveId(),
                        "the drive's recovery password"));
            }
            if (d.manifestFile() == null || d.manifestFile().isBlank()) {
                problems.add(new Problem("manifest file", null, "is missing for drive " + d.driveId(),
                        "the manifest's path on the drive, e.g. \\drive-manifest.xml"));
            }
            if (d.manifestHash() == null || !MD5_HEX.matcher(d.manifestHash()).matches()) {
                problems.add(new Problem("manifest hash", d.manifestHash(), "is not an MD5 of drive " + d.driveId(),
                        "32 hexadecimal digits"));
            }
        }
        return problems;
    }

    /** An IOException (as the SPI throws) whose cause carries every problem; its message is the first one. */
    public static IOException invalid(List<Problem> problems) {
        InvalidInputException cause = new InvalidInputException(problems);
        return new IOException(cause.getMessage(), cause);
    }

    public static IOException invalid(Problem problem) {
        return invalid(List.of(problem));
    }
}
