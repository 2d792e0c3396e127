package org.seedbench.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.seedbench.core.rules.DriveRules;
import org.seedbench.core.rules.Sizes;

/**
 * What {@link EstimateService} found: the seed's size after deduplication and compression, the drives it needs,
 * the measured speeds and the two ways to get the seed into the cloud, door to door.
 *
 * @param sourceBytes       bytes of the job's sources (from a listing)
 * @param sourceFiles       files of the job's sources
 * @param sampledBytes      bytes read, chunked and encoded as a stage would
 * @param sampledFiles      files the sample read from
 * @param storedBytes       estimated bytes of the staging repository (the seed)
 * @param driveSize         the capacity of one drive, in bytes
 * @param drives            drives the seed needs
 * @param readRate          bytes a second the sample was read at
 * @param encodeRate        bytes a second the sample was chunked, compressed and encrypted at, on all cores
 * @param driveCopyRate     bytes a second a file was written and flushed to the staging location at
 * @param stageDays         estimated time to stage, in days
 * @param driveCopyDays     estimated time to copy the seed onto the drives, in days
 * @param transitDays       shipping to the datacenter, in days
 * @param processingDays    the service's processing at the datacenter, in days
 * @param networkRate       bytes a second of the upload (bandwidth × utilisation)
 * @param uploadDays        estimated time to upload the seed over the network, in days
 */
public record SeedEstimate(long sourceBytes, long sourceFiles, long sampledBytes, long sampledFiles,
        long storedBytes, long driveSize, int drives, double readRate, double encodeRate, double driveCopyRate,
        double stageDays, double driveCopyDays, double transitDays, double processingDays, double networkRate,
        double uploadDays) {

    /** Staging, drive preparation, shipping and the service's processing. */
    public double driveDays() {
        return stageDays + driveCopyDays + transitDays + processingDays;
    }

    /** Whether shipping drives gets the seed into the cloud sooner than uploading it. */
    public boolean shipDrives() {
        return driveDays() < uploadDays;
    }

    /** The seed's size against the sources': how many times smaller dedup and compression make it. */
    public double reduction() {
        return storedBytes == 0 ? 1 : (double) sourceBytes / storedBytes;
    }

    /** The one line that says what to do, e.g. "Upload instead: 3.1 days over the network vs about 12 days by drive". */
    public String recommendation() {
        String network = days(uploadDays) + " over the network";
        String drive = "about " + days(driveDays()) + " by drive";
        return shipDrives() ? "Ship drives: " + drive + " vs " + network
                : "Upload instead: " + network + " vs " + drive;
    }

    /** Days with one decimal below 10 and none above, e.g. {@code 3.1 days}, {@code 12 days}. */
    public static String days(double days) {
        if (days < 1.0 / 24) {
            return "under an hour";
        }
        if (days < 1) {
            return String.format(Locale.ROOT, "%.1f hours", days * 24);
        }
        return String.format(Locale.ROOT, days < 10 ? "%.1f days" : "%.0f days", days);
    }

    /** The estimate as {@code seedbench estimate} and the Initiate wizard show it; the recommendation last. */
    public List<String> lines(String job) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Estimate for %s: %s in %,d files; sampled %s of %,d files", job,
                Sizes.decimal(sourceBytes), sourceFiles, Sizes.decimal(sampledBytes), sampledFiles));
        lines.add(String.format(Locale.ROOT, "  seed        about %s after dedup and compression (%.2fx smaller)",
                Sizes.decimal(storedBytes), reduction()));
        lines.add(String.format(Locale.ROOT, "  drives      %d of %s%s", drives, Sizes.decimal(driveSize),
                drives > DriveRules.MAX_DRIVES_PER_JOB ? " (more than one import job takes: split the workloads)"
                        : ""));
        lines.add(String.format(Locale.ROOT, "  stage       %s (read %s/s, encode %s/s)", days(stageDays),
                Sizes.decimal((long) readRate), Sizes.decimal((long) encodeRate)));
        lines.add(String.format(Locale.ROOT, "  drive copy  %s (%s/s, a flushed write to the staging location)",
                days(driveCopyDays), Sizes.decimal((long) driveCopyRate)));
        lines.add(String.format(Locale.ROOT, "  by drive    %s: staging, copy, %s transit, %s processing",
                days(driveDays()), days(transitDays), days(processingDays)));
        lines.add(String.format(Locale.ROOT, "  by network  %s at %s/s", days(uploadDays),
                Sizes.decimal((long) networkRate)));
        lines.add(recommendation());
        return lines;
    }
}
