package org.seedbench.core.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
    public static final String SHIP_DATE = "ship date";
    public static final String PACKAGE = "package";
    /** A package may have left this many days before the shipping details are given, and not later than today. */
    public static final int SHIP_DATE_PAST_DAYS = 7;
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
        } else if (SeedRules.hasControlCharacter(shipment.carrier())) {
            problems.add(new Problem(CARRIER, printable(shipment.carrier()), "holds a line break or another control "
                    + "character", "the carrier's name on one line, e.g. FedEx, UPS, DHL"));
        }
        String tracking = shipment.trackingNumber();
        if (tracking == null || tracking.isBlank()) {
            problems.add(new Problem(TRACKING, null, "is missing", "the carrier's tracking number"));
        } else if (SeedRules.hasControlCharacter(tracking)) {
            problems.add(new Problem(TRACKING, printable(tracking), "holds a line break or another control character",
                    "letters, digits, spaces and punctuation on one line"));
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

    /**
     * The ship date against the window the service takes: not after today (a package that has not left has no
     * tracking number yet; today where the admin is, which may be a day ahead of UTC) and at most
     * {@value #SHIP_DATE_PAST_DAYS} days before it.
     *
     * @param today the real date today in UTC (never a rehearsal's compressed clock)
     */
    public static List<Problem> checkShipDate(LocalDate shipDate, LocalDate today) {
        if (shipDate == null) {
            return List.of();
        }
        LocalDate earliest = today.minusDays(SHIP_DATE_PAST_DAYS);
        LocalDate latest = today.plusDays(1);
        String allowed = "a date from " + earliest + " to today, " + today + " (UTC)";
        if (shipDate.isAfter(latest)) {
            return List.of(new Problem(SHIP_DATE, shipDate.toString(), "is in the future", allowed));
        }
        if (shipDate.isBefore(earliest)) {
            return List.of(new Problem(SHIP_DATE, shipDate.toString(), "is more than " + SHIP_DATE_PAST_DAYS
                    + " days ago", allowed));
        }
        return List.of();
    }

    /**
     * A shipment given again for a job that already has a package: the same package (a rerun) is fine, another one
     * replaces the first only when the admin says so.
     *
     * @param current the package the job already has, or null
     * @param replace whether the admin said the new package replaces it
     */
    public static List<Problem> checkReplace(Shipment current, Shipment next, boolean replace) {
        if (current == null || replace || samePackage(current, next)) {
            return List.of();
        }
        return List.of(new Problem(PACKAGE, null, "job " + next.jobName() + " already has a package: " + describe(current),
                "the same details again, or say that the new package replaces it (ship --replace)"));
    }

    /**
     * Whether two shipments describe the same package (carrier, tracking number, date and drives). The return
     * details are the job's, not the package's: they may change without replacing the package.
     */
    public static boolean samePackage(Shipment a, Shipment b) {
        return Objects.equals(a.carrier(), b.carrier()) && Objects.equals(a.trackingNumber(), b.trackingNumber())
                && Objects.equals(a.shipDate(), b.shipDate())
                && Objects.equals(List.copyOf(a.driveSerials()).stream().sorted().toList(),
                        List.copyOf(b.driveSerials()).stream().sorted().toList());
    }

    /** A package in a few words: its drives, carrier, tracking number and ship date. */
    public static String describe(Shipment s) {
        int n = s.driveSerials().size();
        return n + (n == 1 ? " drive" : " drives") + " (" + String.join(", ", s.driveSerials()) + ") with "
                + printable(s.carrier()) + ", tracking " + printable(s.trackingNumber()) + ", shipped " + s.shipDate();
    }

    private static String printable(String text) {
        return text == null ? null : Problem.escape(text);
    }
}
