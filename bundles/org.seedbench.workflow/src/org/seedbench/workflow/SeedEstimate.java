package org.seedbench.workflow;

import java.util.Locale;

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
}
