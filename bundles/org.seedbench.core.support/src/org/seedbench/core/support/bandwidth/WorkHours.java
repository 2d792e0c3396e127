package org.seedbench.core.support.bandwidth;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;

/**
 * A job's upload budget by the clock, as the MARS agent's work-hours throttling: one rate from {@code start} to
 * {@code end} on the work days, another at all other times. Hours that end before they start run over midnight
 * ({@code 22:00-06:00}: from 22:00 on a work day to 06:00 the next morning). Kept in the job's properties under
 * {@code throttle.*}.
 */
public record WorkHours(LocalTime start, LocalTime end, Set<DayOfWeek> days, Rate work, Rate offHours) {
    public static final String PROP_HOURS = "throttle.workHours";
    public static final String PROP_DAYS = "throttle.workDays";
    public static final String PROP_WORK = "throttle.work";
    public static final String PROP_OFF_HOURS = "throttle.offHours";
    /** Every property a throttle is kept in, to remove it. */
    public static final List<String> PROPERTIES = List.of(PROP_HOURS, PROP_DAYS, PROP_WORK, PROP_OFF_HOURS);

    /** Work hours when none are given: 08:00-18:00, Monday to Friday, unlimited in both. */
    public static final WorkHours DEFAULT = new WorkHours(LocalTime.of(8, 0), LocalTime.of(18, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Rate.UNLIMITED, Rate.UNLIMITED);

    private static final String[] DAY_NAMES = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

    public WorkHours {
        days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
        if (start.equals(end)) {
            throw new IllegalArgumentException("work hours start and end at " + start);
        }
    }

    /** The limit in force at an instant, with what it is ("work hours", "off hours"). */
    public Bandwidth.Limit limitAt(ZonedDateTime time) {
        return inWorkHours(time) ? new Bandwidth.Limit(work, "work hours") : new Bandwidth.Limit(offHours, "off hours");
    }

    /** Whether the instant lies in work hours, read on the clock and calendar of its zone. */
    public boolean inWorkHours(ZonedDateTime time) {
        LocalTime t = time.toLocalTime();
        DayOfWeek day = time.getDayOfWeek();
        if (start.isBefore(end)) {
            return days.contains(day) && !t.isBefore(start) && t.isBefore(end);
        }
        return days.contains(day) && !t.isBefore(start) || days.contains(day.minus(1)) && t.isBefore(end);
    }

    /** Parses {@code HH:MM-HH:MM}. @throws InvalidInputException naming {@code field} */
    public static LocalTime[] parseHours(String field, String text) throws InvalidInputException {
        String[] parts = text == null ? new String[0] : text.strip().split("-", -1);
        String allowed = "HH:MM-HH:MM, e.g. 08:00-18:00 (22:00-06:00 runs over midnight)";
        if (parts.length != 2) {
            throw new InvalidInputException(new Problem(field, String.valueOf(text), "is not a span of hours", allowed));
        }
        try {
            LocalTime start = LocalTime.parse(parts[0].strip());
            LocalTime end = LocalTime.parse(parts[1].strip());
            if (start.equals(end)) {
                throw new InvalidInputException(new Problem(field, text, "starts and ends at the same time", allowed));
            }
            return new LocalTime[] { start, end };
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(new Problem(field, text, "is not a span of hours", allowed));
        }
    }

    /** Parses days: {@code mon-fri}, {@code sat,sun}, {@code mon-wed,fri}, {@code fri-mon}. */
    public static Set<DayOfWeek> parseDays(String field, String text) throws InvalidInputException {
        String allowed = "days as mon, tue, wed, thu, fri, sat, sun: a range (mon-fri) or a list (mon,wed,fri)";
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : (text == null ? "" : text.strip()).split(",", -1)) {
            String[] range = part.strip().split("-", -1);
            DayOfWeek from = range.length <= 2 ? day(range[0]) : null;
            DayOfWeek to = range.length == 2 ? day(range[1]) : from;
            if (from == null || to == null) {
                throw new InvalidInputException(new Problem(field, String.valueOf(text), "'" + part.strip()
                        + "' is not a day or a range of days", allowed));
            }
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                days.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < DAY_NAMES.length; i++) {
            if (n.length() >= 3 && DAY_NAMES[i].equals(n.substring(0, 3))
                    && DayOfWeek.of(i + 1).name().toLowerCase(Locale.ROOT).startsWith(n)) {
                return DayOfWeek.of(i + 1);
            }
        }
        return null;
    }

    /** The days as typed back: runs as ranges, {@code mon-fri}, {@code mon-wed,sat}. */
    public String daysText() {
        List<String> parts = new ArrayList<>();
        int i = 1;
        while (i <= 7) {
            if (!days.contains(DayOfWeek.of(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j < 7 && days.contains(DayOfWeek.of(j + 1))) {
                j++;
            }
            parts.add(j == i ? DAY_NAMES[i - 1] : DAY_NAMES[i - 1] + (j == i + 1 ? "," : "-") + DAY_NAMES[j - 1]);
            i = j + 1;
        }
        return parts.isEmpty() ? "none" : String.join(",", parts);
    }

    /** The hours as typed: {@code 08:00-18:00}. */
    public String hoursText() {
        return start + "-" + end;
    }

    /** The job properties that keep it. */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(PROP_HOURS, hoursText());
        p.put(PROP_DAYS, daysText());
        p.put(PROP_WORK, work.stored());
        p.put(PROP_OFF_HOURS, offHours.stored());
        return p;
    }

    /**
     * The throttle a job's properties keep; {@code null} when they keep none.
     *
     * @throws IllegalArgumentException when they were edited into something this does not read
     */
    public static WorkHours fromProperties(Map<String, String> properties) {
        if (!properties.containsKey(PROP_WORK) && !properties.containsKey(PROP_OFF_HOURS)) {
            return null;
        }
        try {
            LocalTime[] hours = parseHours(PROP_HOURS, properties.getOrDefault(PROP_HOURS, DEFAULT.hoursText()));
            Set<DayOfWeek> days = parseDays(PROP_DAYS, properties.getOrDefault(PROP_DAYS, DEFAULT.daysText()));
            return new WorkHours(hours[0], hours[1], days, Rate.ofStored(properties.getOrDefault(PROP_WORK,
                    "unlimited")), Rate.ofStored(properties.getOrDefault(PROP_OFF_HOURS, "unlimited")));
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** For people: {@code 2.0 MB/s (16.0 Mbit/s) 08:00-18:00 mon-fri, unlimited at other times}. */
    @Override
    public String toString() {
        return work + " " + hoursText() + " " + daysText() + ", " + offHours + " at other times";
    }
}
