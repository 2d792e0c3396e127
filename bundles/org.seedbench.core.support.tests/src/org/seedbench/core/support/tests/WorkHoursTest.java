package org.seedbench.core.support.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.support.bandwidth.Bandwidth;
import org.seedbench.core.support.bandwidth.Rate;
import org.seedbench.core.support.bandwidth.WorkHours;

/** The work-hours schedule picks the rate in force at an instant, boundaries included. */
class WorkHoursTest {
    private static final Rate WORK = new Rate(2_000_000);
    private static final Rate OFF = new Rate(20_000_000);
    private static final WorkHours OFFICE = new WorkHours(LocalTime.of(8, 0), LocalTime.of(18, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), WORK, OFF);

    /** 2026-12-07 is a Monday. */
    private static ZonedDateTime at(String dayAndTime) {
        return LocalDateTime.parse(dayAndTime).atZone(ZoneId.of("Europe/Berlin"));
    }

    @ParameterizedTest
    @CsvSource({ "2026-12-07T09:00, work hours", "2026-12-12T09:00, off hours", "2026-12-13T12:00, off hours",
            "2026-12-07T08:00, work hours", "2026-12-07T07:59:59, off hours", "2026-12-07T17:59:59, work hours",
            "2026-12-07T18:00, off hours", "2026-12-11T17:00, work hours", "2026-12-11T18:30, off hours",
            "2026-12-07T00:00, off hours" })
    void picksTheRateInForce(String time, String expected) {
        Bandwidth.Limit limit = OFFICE.limitAt(at(time));
        assertEquals(expected, limit.source());
        assertEquals(expected.equals("work hours") ? WORK : OFF, limit.rate());
    }

    @Test
    void readsTheTimeInTheZoneOfTheClock() {
        // 07:30 UTC on a Monday is 08:30 in Berlin: work hours there, not in London
        Instant i = Instant.parse("2026-12-07T07:30:00Z");
        assertTrue(OFFICE.inWorkHours(i.atZone(ZoneId.of("Europe/Berlin"))));
        assertFalse(OFFICE.inWorkHours(i.atZone(ZoneOffset.UTC)));
    }

    @ParameterizedTest
    @CsvSource({ "2026-12-07T23:00, true", "2026-12-08T05:59, true", "2026-12-08T06:00, false",
            "2026-12-07T21:59, false", "2026-12-12T02:00, true", "2026-12-12T23:00, false", "2026-12-07T03:00, false" })
    void hoursThatEndBeforeTheyStartRunOverMidnight(String time, boolean work) throws InvalidInputException {
        LocalTime[] hours = WorkHours.parseHours("--work-hours", "22:00-06:00");
        WorkHours nights = new WorkHours(hours[0], hours[1], WorkHours.parseDays("--work-days", "mon-fri"), WORK, OFF);
        assertEquals(work, nights.inWorkHours(at(time)));
    }

    @Test
    void readsDaysAsRangesAndListsAndWritesThemBack() throws InvalidInputException {
        assertEquals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), WorkHours.parseDays("d", "mon-fri"));
        assertEquals(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), WorkHours.parseDays("d", "sat,Sunday"));
        assertEquals(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY),
                WorkHours.parseDays("d", "fri-mon"));
        WorkHours w = new WorkHours(LocalTime.of(8, 0), LocalTime.of(18, 0),
                WorkHours.parseDays("d", "mon-wed,fri,sun"), WORK, OFF);
        assertEquals("mon-wed,fri,sun", w.daysText());
    }

    @Test
    void refusesWhatIsNotHoursOrDays() {
        for (String bad : new String[] { "8-18", "08:00", "08:00-08:00", "25:00-26:00", "" }) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> WorkHours.parseHours("--work-hours", bad), bad);
            assertEquals("--work-hours", e.problems().get(0).field());
        }
        for (String bad : new String[] { "weekdays", "mon-", "mo", "", "mon,,fri" }) {
            assertThrows(InvalidInputException.class, () -> WorkHours.parseDays("--work-days", bad), bad);
        }
    }

    @Test
    void keptInJobPropertiesAndReadBack() {
        Map<String, String> p = OFFICE.toProperties();
        assertEquals("08:00-18:00", p.get(WorkHours.PROP_HOURS));
        assertEquals("mon-fri", p.get(WorkHours.PROP_DAYS));
        assertEquals("2000000", p.get(WorkHours.PROP_WORK));
        assertEquals(OFFICE, WorkHours.fromProperties(p));
        assertNull(WorkHours.fromProperties(Map.of("vault.container", "v")));
    }
}
