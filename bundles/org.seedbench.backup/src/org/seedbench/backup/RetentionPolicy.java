package org.seedbench.backup;

import java.util.ArrayList;
import java.util.List;

/**
 * Which snapshots {@link BackupEngine#forget} keeps, with restic's semantics. Snapshots are grouped by host and
 * workload, and each group is decided on its own, newest first: {@code last} keeps the n newest snapshots; each of
 * {@code hourly}, {@code daily}, {@code weekly} (ISO weeks), {@code monthly} and {@code yearly} keeps the newest
 * snapshot of each of the n most recent hours, days, weeks, months or years that have a snapshot. A snapshot kept
 * by any rule is kept. When a time rule finds fewer periods than it may keep, the oldest snapshot of the group is
 * kept too (restic 0.17). Periods are taken in the time zone the caller gives (the computer's by default).
 *
 * @param last    how many of the newest snapshots to keep
 * @param hourly  how many hours to keep the newest snapshot of
 * @param daily   how many days likewise
 * @param weekly  how many weeks likewise
 * @param monthly how many months likewise
 * @param yearly  how many years likewise
 * @since 2.3
 */
public record RetentionPolicy(int last, int hourly, int daily, int weekly, int monthly, int yearly) {
    /** A count that keeps every period (restic's {@code unlimited}). */
    public static final int UNLIMITED = -1;

    public RetentionPolicy {
        for (int n : new int[] { last, hourly, daily, weekly, monthly, yearly }) {
            if (n < UNLIMITED) {
                throw new IllegalArgumentException("a keep count is 0 or more, or unlimited (-1): " + n);
            }
        }
    }

    /** A policy that keeps nothing by itself (every count 0); forget refuses it. */
    public static RetentionPolicy none() {
        return new RetentionPolicy(0, 0, 0, 0, 0, 0);
    }

    public RetentionPolicy withLast(int n) {
        return new RetentionPolicy(n, hourly, daily, weekly, monthly, yearly);
    }

    public RetentionPolicy withHourly(int n) {
        return new RetentionPolicy(last, n, daily, weekly, monthly, yearly);
    }

    public RetentionPolicy withDaily(int n) {
        return new RetentionPolicy(last, hourly, n, weekly, monthly, yearly);
    }

    public RetentionPolicy withWeekly(int n) {
        return new RetentionPolicy(last, hourly, daily, n, monthly, yearly);
    }

    public RetentionPolicy withMonthly(int n) {
        return new RetentionPolicy(last, hourly, daily, weekly, n, yearly);
    }

    public RetentionPolicy withYearly(int n) {
        return new RetentionPolicy(last, hourly, daily, weekly, monthly, n);
    }

    /** Whether no rule is set: such a policy would remove every snapshot, and forget refuses it. */
    public boolean isEmpty() {
        return last == 0 && hourly == 0 && daily == 0 && weekly == 0 && monthly == 0 && yearly == 0;
    }

    /** As a person reads it, e.g. {@code last 3, daily 7, weekly unlimited}; {@code nothing} when empty. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        add(parts, "last", last);
        add(parts, "hourly", hourly);
        add(parts, "daily", daily);
        add(parts, "weekly", weekly);
        add(parts, "monthly", monthly);
        add(parts, "yearly", yearly);
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    private static void add(List<String> parts, String name, int n) {
        if (n != 0) {
            parts.add(name + " " + (n == UNLIMITED ? "unlimited" : Integer.toString(n)));
        }
    }
}
