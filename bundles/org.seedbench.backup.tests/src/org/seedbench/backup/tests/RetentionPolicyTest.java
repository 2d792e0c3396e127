package org.seedbench.backup.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.seedbench.backup.ForgetResult;
import org.seedbench.backup.RetentionPolicy;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.backup.internal.prune.KeepPolicy;
import org.seedbench.core.model.WorkloadSpec;

/**
 * Which snapshots a keep-policy keeps, with restic's semantics ({@code restic forget --keep-…}): newest first, per
 * host and workload; a time rule keeps the newest snapshot of each of its n most recent periods that have one; a
 * time rule that finds fewer periods keeps the oldest snapshot too.
 */
class RetentionPolicyTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final WorkloadSpec FILES = new WorkloadSpec("files", "/srv/data", Map.of());

    private static SnapshotInfo at(String localTime) {
        return at(localTime, "fs01", FILES);
    }

    private static SnapshotInfo at(String localTime, String host, WorkloadSpec workload) {
        Instant time = LocalDateTime.parse(localTime).toInstant(ZoneOffset.UTC);
        return new SnapshotInfo(String.format("%064x", time.getEpochSecond()), time, host, workload, null, List.of());
    }

    private static List<String> keptTimes(KeepPolicy.Decision d) {
        return d.kept().stream().map(k -> LocalDateTime.ofInstant(k.snapshot().time(), UTC).toString()).toList();
    }

    /** Four snapshots a day (00:00, 06:00, 12:00, 18:00) from 2024-12-01 to 2025-01-31. */
    private static List<SnapshotInfo> fourADay() {
        List<SnapshotInfo> list = new ArrayList<>();
        for (LocalDateTime t = LocalDateTime.parse("2024-12-01T00:00"); t.isBefore(LocalDateTime.parse("2025-02-01T00:00"));
                t = t.plusHours(6)) {
            list.add(at(t.toString()));
        }
        return list;
    }

    @Test
    void keepLastKeepsTheNewestN() {
        KeepPolicy.Decision d = KeepPolicy.apply(RetentionPolicy.none().withLast(3), fourADay(), UTC);
        assertEquals(List.of("2025-01-31T18:00", "2025-01-31T12:00", "2025-01-31T06:00"), keptTimes(d));
        assertEquals(fourADay().size() - 3, d.removed().size());
        assertEquals(List.of("last snapshot"), d.kept().get(0).reasons());
    }

    @Test
    void keepDailyKeepsTheNewestOfEachOfTheLastNDaysThatHaveASnapshot() {
        List<SnapshotInfo> list = new ArrayList<>(List.of(at("2025-01-10T09:00"), at("2025-01-10T17:00"),
                at("2025-01-08T23:59"), at("2025-01-08T01:00"), at("2025-01-03T12:00"), at("2025-01-01T12:00")));
        // days without a snapshot (9, 4 to 7) do not count: the last 3 days with one are the 10th, 8th and 3rd
        KeepPolicy.Decision d = KeepPolicy.apply(RetentionPolicy.none().withDaily(3), list, UTC);
        assertEquals(List.of("2025-01-10T17:00", "2025-01-08T23:59", "2025-01-03T12:00"), keptTimes(d));
        assertEquals(3, d.removed().size());
    }

    @Test
    void daysAreTakenInTheGivenTimeZone() {
        List<SnapshotInfo> list = List.of(at("2025-01-10T23:30"), at("2025-01-10T22:00"), at("2025-01-09T12:00"));
        RetentionPolicy twoDays = RetentionPolicy.none().withDaily(2);
        assertEquals(List.of("2025-01-10T23:30", "2025-01-09T12:00"), keptTimes(KeepPolicy.apply(twoDays, list, UTC)));
        // in UTC+1, 23:30 UTC is already the 11th and 22:00 UTC the 10th
        assertEquals(List.of("2025-01-10T23:30", "2025-01-10T22:00"),
                keptTimes(KeepPolicy.apply(twoDays, list, ZoneOffset.ofHours(1))));
    }

    @Test
    void weeksAreIsoWeeksAcrossTheYearsEnd() {
        // 2024-12-30 (Monday) and 2025-01-05 (Sunday) are both ISO week 1 of 2025; 2024-12-29 is week 52 of 2024
        List<SnapshotInfo> list = List.of(at("2025-01-05T10:00"), at("2024-12-30T10:00"), at("2024-12-29T10:00"),
                at("2024-12-23T10:00"));
        KeepPolicy.Decision d = KeepPolicy.apply(RetentionPolicy.none().withWeekly(2), list, UTC);
        assertEquals(List.of("2025-01-05T10:00", "2024-12-29T10:00"), keptTimes(d));
    }

    @Test
    void rulesCombineAndASnapshotKeptByManyRulesSaysSo() {
        // restic's documented example policy, scaled down: --keep-last 2 --keep-daily 3 --keep-weekly 2 --keep-monthly 2
        RetentionPolicy policy = RetentionPolicy.none().withLast(2).withDaily(3).withWeekly(2).withMonthly(2);
        KeepPolicy.Decision d = KeepPolicy.apply(policy, fourADay(), UTC);
        assertEquals(List.of("2025-01-31T18:00", "2025-01-31T12:00", "2025-01-30T18:00", "2025-01-29T18:00",
                "2025-01-26T18:00", "2024-12-31T18:00"), keptTimes(d));
        assertEquals(List.of("last snapshot", "daily snapshot", "weekly snapshot", "monthly snapshot"),
                d.kept().get(0).reasons());
        assertEquals(List.of("weekly snapshot"), d.kept().get(4).reasons(), "Sunday 26 January ends ISO week 4");
        assertEquals(List.of("monthly snapshot"), d.kept().get(5).reasons());
        assertEquals(fourADay().size() - 6, d.removed().size());
    }

    @Test
    void yearlyAndUnlimited() {
        List<SnapshotInfo> list = List.of(at("2025-03-01T00:00"), at("2024-06-01T00:00"), at("2024-02-01T00:00"),
                at("2023-01-01T00:00"));
        KeepPolicy.Decision d = KeepPolicy.apply(RetentionPolicy.none().withYearly(RetentionPolicy.UNLIMITED), list,
                UTC);
        assertEquals(List.of("2025-03-01T00:00", "2024-06-01T00:00", "2023-01-01T00:00"), keptTimes(d));
        assertEquals(List.of("2024-02-01T00:00"), d.removed().stream()
                .map(s -> LocalDateTime.ofInstant(s.time(), UTC).toString()).toList());
    }

    @Test
    void aTimeRuleWithFewerPeriodsThanItMayKeepAlsoKeepsTheOldestSnapshot() {
        // restic 0.17: "If there are not enough snapshots to keep one for each duration related --keep-{within-,}
        // option, the oldest snapshot in the group is kept additionally."
        List<SnapshotInfo> list = List.of(at("2025-01-03T12:00"), at("2025-01-02T12:00"), at("2025-01-01T18:00"),
                at("2025-01-01T06:00"));
        KeepPolicy.Decision d = KeepPolicy.apply(RetentionPolicy.none().withDaily(7), list, UTC);
        assertEquals(List.of("2025-01-03T12:00", "2025-01-02T12:00", "2025-01-01T18:00", "2025-01-01T06:00"),
                keptTimes(d));
        assertEquals(List.of("oldest daily snapshot"), d.kept().get(3).reasons());
        // keep-last is no time rule: it keeps the newest 7 only
        assertEquals(4, KeepPolicy.apply(RetentionPolicy.none().withLast(7), list, UTC).kept().size());
        assertEquals(List.of("2025-01-03T12:00", "2025-01-02T12:00"),
                keptTimes(KeepPolicy.apply(RetentionPolicy.none().withLast(2), list, UTC)));
    }

    @Test
    void eachHostAndWorkloadIsDecidedOnItsOwn() {
        WorkloadSpec other = new WorkloadSpec("files", "/srv/other", Map.of());
        List<SnapshotInfo> list = List.of(at("2025-01-03T12:00", "fs01", FILES), at("2025-01-02T12:00", "fs01", FILES),
                at("2025-01-01T12:00", "fs01", other), at("2024-12-01T12:00", "fs02", FILES),
                at("2024-11-01T12:00", "fs02", FILES));
        KeepPolicy.Decision d = KeepPolicy.apply(RetentionPolicy.none().withLast(1), list, UTC);
        assertEquals(List.of("2025-01-03T12:00", "2025-01-01T12:00", "2024-12-01T12:00"), keptTimes(d));
        assertEquals(2, d.removed().size());
    }

    @Test
    void aPolicyWithoutARuleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeepPolicy.apply(RetentionPolicy.none(), fourADay(), UTC));
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(-2, 0, 0, 0, 0, 0));
        assertEquals("last 3, daily 7, yearly unlimited",
                RetentionPolicy.none().withLast(3).withDaily(7).withYearly(-1).toString());
    }

    @Test
    void keptAndRemovedTogetherAreEverySnapshotOnce() {
        List<SnapshotInfo> all = fourADay();
        KeepPolicy.Decision d = KeepPolicy.apply(RetentionPolicy.none().withDaily(10).withMonthly(-1), all, UTC);
        List<String> ids = new ArrayList<>(d.kept().stream().map(ForgetResult.Kept::snapshot).map(SnapshotInfo::id)
                .toList());
        d.removed().forEach(s -> ids.add(s.id()));
        assertEquals(all.stream().map(SnapshotInfo::id).sorted().toList(), ids.stream().sorted().toList());
        assertEquals(11, d.kept().size(), "10 days and December's last snapshot");
    }
}
