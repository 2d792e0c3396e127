package org.seedbench.backup.internal.prune;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.seedbench.backup.ForgetResult;
import org.seedbench.backup.RetentionPolicy;
import org.seedbench.backup.SnapshotInfo;

/**
 * Applies a {@link RetentionPolicy} to a repository's snapshots the way restic's {@code forget} does: per group
 * (host and workload), newest first, each rule a bucket with a count and the period of the snapshot it last kept.
 */
public final class KeepPolicy {

    /** The snapshots kept, newest first with their reasons, and those removed, newest first. */
    public record Decision(List<ForgetResult.Kept> kept, List<SnapshotInfo> removed) {
    }

    /** One rule: a count left (or unlimited) and the period of the snapshot it last kept. */
    private static final class Bucket {
        final String reason;
        final Function<ZonedDateTime, Long> period;
        int count;
        Long last;

        Bucket(String reason, int count, Function<ZonedDateTime, Long> period) {
            this.reason = reason;
            this.count = count;
            this.period = period;
        }
    }

    private KeepPolicy() {
    }

    /** Decides every snapshot; periods are taken in {@code zone}. */
    public static Decision apply(RetentionPolicy policy, List<SnapshotInfo> snapshots, ZoneId zone) {
        if (policy.isEmpty()) {
            throw new IllegalArgumentException("a retention policy keeps at least one snapshot");
        }
        Map<String, List<SnapshotInfo>> groups = new LinkedHashMap<>();
        for (SnapshotInfo s : snapshots) {
            groups.computeIfAbsent(s.host() + "\u0000" + s.workload(), g -> new ArrayList<>()).add(s);
        }
        List<ForgetResult.Kept> kept = new ArrayList<>();
        List<SnapshotInfo> removed = new ArrayList<>();
        for (List<SnapshotInfo> group : groups.values()) {
            decideGroup(policy, group, zone, kept, removed);
        }
        Comparator<SnapshotInfo> newestFirst = Comparator.comparing(SnapshotInfo::time).thenComparing(SnapshotInfo::id)
                .reversed();
        kept.sort(Comparator.comparing(ForgetResult.Kept::snapshot, newestFirst));
        removed.sort(newestFirst);
        return new Decision(kept, removed);
    }

    private static void decideGroup(RetentionPolicy policy, List<SnapshotInfo> group, ZoneId zone,
            List<ForgetResult.Kept> kept, List<SnapshotInfo> removed) {
        group.sort(Comparator.comparing(SnapshotInfo::time).thenComparing(SnapshotInfo::id).reversed());
        long[] index = { 0 };
        List<Bucket> buckets = List.of(
                new Bucket("last snapshot", policy.last(), t -> index[0]),
                new Bucket("hourly snapshot", policy.hourly(),
                        t -> ((t.getYear() * 100L + t.getMonthValue()) * 100 + t.getDayOfMonth()) * 100 + t.getHour()),
                new Bucket("daily snapshot", policy.daily(),
                        t -> (t.getYear() * 100L + t.getMonthValue()) * 100 + t.getDayOfMonth()),
                new Bucket("weekly snapshot", policy.weekly(),
                        t -> t.get(IsoFields.WEEK_BASED_YEAR) * 100L + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                new Bucket("monthly snapshot", policy.monthly(), t -> t.getYear() * 100L + t.getMonthValue()),
                new Bucket("yearly snapshot", policy.yearly(), t -> (long) t.getYear()));
        Map<SnapshotInfo, List<String>> reasons = new LinkedHashMap<>();
        for (SnapshotInfo s : group) {
            ZonedDateTime t = s.time().atZone(zone);
            List<String> why = new ArrayList<>();
            for (Bucket b : buckets) {
                if (b.count == 0) {
                    continue;
                }
                Long period = b.period.apply(t);
                if (!period.equals(b.last)) {
                    b.last = period;
                    if (b.count > 0) {
                        b.count--;
                    }
                    why.add(b.reason);
                }
            }
            index[0]++;
            reasons.put(s, why);
        }
        // restic 0.17: a time rule that found fewer periods than it may keep also keeps the group's oldest snapshot
        SnapshotInfo oldest = group.get(group.size() - 1);
        for (Bucket b : buckets.subList(1, buckets.size())) {
            if (b.count > 0 && reasons.get(oldest).isEmpty()) {
                reasons.get(oldest).add("oldest " + b.reason);
            }
        }
        for (Map.Entry<SnapshotInfo, List<String>> e : reasons.entrySet()) {
            if (e.getValue().isEmpty()) {
                removed.add(e.getKey());
            } else {
                kept.add(new ForgetResult.Kept(e.getKey(), e.getValue()));
            }
        }
    }
}
