package org.seedbench.core.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.seedbench.core.model.Shipment;

/**
 * The shipping rules: carrier and tracking number are given within 14 days of the import job's creation or
 * the service deletes the job; one package carries the drives of one job only; a tracking number belongs
 * to one job only.
 */
public final class ShippingRules {
    public static final String CARRIER = "carrier";
    public static final String TRACKING = "tracking number";
    public static final String DRIVES = "drives";
    public static final int DEADLINE_DAYS = 14;
    /** From this many days left, the user is warned. */
    public static final int WARN_DAYS_LEFT = 4;

    private ShippingRules() {
    }

    /** Where a job stands against the 14-day shipping deadline. */
    public record Deadline(Instant due, long daysLeft, boolean warn, boolean expired) {
        public String describe() {
            if (expired) {
                return "expired: no shipping details within " + DEADLINE_DAYS + " days";
            }
            return daysLeft + (daysLeft == 1 ? " day" : " days") + " left to enter shipping details"
                    + (warn ? " (the job is deleted when none are given)" : "");
        }
    }

    /**
     * @param importJobCreated when the import job was created at the service
     * @param now              the current time
     */
    public static Deadline deadline(Instant importJobCreated, Instant now) {
        Instant due = importJobCreated.plus(Duration.ofDays(DEADLINE_DAYS));
        Duration left = Duration.between(now, due);
        boolean expired = left.isNegative() || left.isZero();
        // a started day counts: 13 days and 2 hours left is 14 days left
        long days = expired ? 0 : (left.toSeconds() + 86_399) / 86_400;
        return new Deadline(due, days, !expired && days <= WARN_DAYS_LEFT, expired);
    }

    /**
     * Checks a shipment against the job's drives and the tracking numbers other jobs already use.
     *
     * @param jobDriveSerials      the serials of the job's drives
     * @param otherJobsTracking    tracking numbers of every other job
     * @param serialsOfOtherJobs   serials of drives that belong to other jobs
     */
    public static List<Problem> checkShipment(Shipment shipment, List<String> jobDriveSerials,
            List<String> otherJobsTracking, List<String> serialsOfOtherJobs) {
        List<Problem> problems = new ArrayList<>();
        if (shipment.carrier() == null || shipment.carrier().isBlank()) {
            problems.add(new Problem(CARRIER, null, "is missing", "the carrier's name, e.g. FedEx, UPS, DHL"));
        }
        String tracking = shipment.trackingNumber();
        if (tracking == null || tracking.isBlank()) {
            problems.add(new Problem(TRACKING, null, "is missing", "the carrier's tracking number"));
        } else if (otherJobsTracking.contains(tracking)) {
            problems.add(new Problem(TRACKING, tracking, "already belongs to another job",
                    "a tracking number that belongs to this job only"));
        }
        for (String serial : shipment.driveSerials()) {
            if (serialsOfOtherJobs.contains(serial)) {
                problems.add(new Problem(DRIVES, serial, "belongs to another job",
                        "one package carries the drives of one import job only"));
            } else if (!jobDriveSerials.contains(serial)) {
                problems.add(new Problem(DRIVES, serial, "is not a drive of job " + shipment.jobName(),
                        String.join(", ", jobDriveSerials)));
            }
        }
        return problems;
    }
}
