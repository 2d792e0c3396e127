package org.seedbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.seedbench.core.rules.InvalidInputException;

/** The schedule math: when the next run is, daily at a local time across summer time, every so long, missed runs. */
class ScheduleTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void dailyRunsAtTheLocalTimeTodayOrTomorrow() throws Exception {
        Schedule s = Schedule.daily("22:00");
        assertEquals(berlin("2026-12-07T22:00"), s.next(berlin("2026-12-07T10:00"), BERLIN));
        assertEquals(berlin("2026-12-08T22:00"), s.next(berlin("2026-12-07T22:00"), BERLIN), "strictly after");
        assertEquals(berlin("2026-12-08T22:00"), s.next(berlin("2026-12-07T23:30"), BERLIN));
        assertEquals("daily 22:00", s.toString());
        assertEquals("daily 07:05", Schedule.daily("7:05").toString());
    }

    @Test
    void dailyKeepsTheLocalTimeAcrossSummerTimeAndRunsOnceOnTheDaysOfTheChange() throws Exception {
        Schedule evening = Schedule.daily("22:00");
        // the night of 2026-03-29 has 23 hours; 22:00 stays 22:00 local, 23 hours after the day before
        Instant before = berlin("2026-03-28T22:00");
        Instant after = evening.next(before, BERLIN);
        assertEquals(berlin("2026-03-29T22:00"), after);
        assertEquals(23, java.time.Duration.between(before, after).toHours());

        Schedule inTheGap = Schedule.daily("02:30");
        Instant sunday = inTheGap.next(berlin("2026-03-28T12:00"), BERLIN);
        assertEquals(ZonedDateTime.of(LocalDateTime.parse("2026-03-29T03:30"), BERLIN).toInstant(), sunday,
                "02:30 does not happen that night: the run is at 03:30 summer time");
        assertEquals(berlin("2026-03-30T02:30"), inTheGap.next(sunday, BERLIN), "and at 02:30 the next day");

        Schedule inTheOverlap = Schedule.daily("02:30");
        Instant first = inTheOverlap.next(berlin("2026-10-24T12:00"), BERLIN);
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"), first, "02:30 happens twice: the run is at the first");
        assertEquals(berlin("2026-10-26T02:30"), inTheOverlap.next(first, BERLIN), "and not again at the second");
    }

    @Test
    void everyCountsFromTheLastRun() throws Exception {
        Schedule s = Schedule.every("6h");
        Instant last = Instant.parse("2026-12-07T10:00:00Z");
        assertEquals(Instant.parse("2026-12-07T16:00:00Z"), s.next(last, BERLIN));
        assertFalse(s.due(last, Instant.parse("2026-12-07T15:59:59Z"), BERLIN));
        assertTrue(s.due(last, Instant.parse("2026-12-07T16:00:00Z"), BERLIN));
        assertEquals("every 6h", s.toString());
        assertEquals("every 30m", Schedule.every("30m").toString());
        assertEquals("every 2d", Schedule.every("2d").toString());
        assertEquals("every 90m", Schedule.every("90m").toString());
        assertEquals(s, Schedule.parse(s.toString()));
        assertEquals(Schedule.daily("22:00"), Schedule.parse("daily 22:00"));
        assertNull(Schedule.parse("weekly"));
    }

    @Test
    void runsMissedWhileTheComputerWasOffAreOneRunAndTheNextIsCountedFromIt() {
        Map<String, String> p = Map.of(ScheduleService.PROP_SCHEDULE, "daily 22:00",
                ScheduleService.PROP_SINCE, berlin("2026-12-01T12:00").toString(),
                ScheduleService.PROP_LAST_TIME, berlin("2026-12-02T22:05").toString(),
                ScheduleService.PROP_LAST_OUTCOME, ScheduledRun.DONE);
        ScheduleView v = ScheduleService.view("sched-fs01", p, BERLIN);
        assertEquals(berlin("2026-12-03T22:00"), v.next(), "due since the 3rd; off until the 7th");
        assertEquals(ScheduledRun.DONE, v.last().outcome());

        Map<String, String> afterTheRun = new java.util.HashMap<>(p);
        afterTheRun.put(ScheduleService.PROP_LAST_TIME, berlin("2026-12-07T09:00").toString());
        assertEquals(berlin("2026-12-07T22:00"), ScheduleService.view("sched-fs01", afterTheRun, BERLIN).next(),
                "one run on the 7th in the morning covers the four missed evenings");

        Map<String, String> newer = new java.util.HashMap<>(afterTheRun);
        newer.put(ScheduleService.PROP_SINCE, berlin("2026-12-07T23:00").toString());
        assertEquals(berlin("2026-12-08T22:00"), ScheduleService.view("sched-fs01", newer, BERLIN).next(),
                "a schedule set after the last run counts from when it was set");
        assertNull(ScheduleService.view("sched-fs01", Map.of(), BERLIN).next(), "no schedule, no next run");
    }

    @Test
    void badSchedulesAreRefusedSayingWhatIsAllowed() {
        InvalidInputException t = assertThrows(InvalidInputException.class, () -> Schedule.daily("25:00"));
        assertEquals("--daily '25:00': is not a time of day (allowed: HH:MM on a 24-hour clock, e.g. 22:00)",
                t.problems().get(0).message());
        assertThrows(InvalidInputException.class, () -> Schedule.daily("22.00"));
        assertThrows(InvalidInputException.class, () -> Schedule.every("5m"));
        assertThrows(InvalidInputException.class, () -> Schedule.every("6 hours"));
        assertThrows(InvalidInputException.class, () -> Schedule.instant("tomorrow", BERLIN));
        assertEquals(berlin("2026-12-08T22:05"), assertDoesNotThrowInstant("2026-12-08T22:05"));
    }

    private static Instant assertDoesNotThrowInstant(String text) {
        try {
            return Schedule.instant(text, BERLIN);
        } catch (InvalidInputException e) {
            throw new AssertionError(e);
        }
    }
}
