package org.seedbench.core.rules;

import java.util.List;

/**
 * A rehearsal job: the whole trip on the local cloud's simulated datacenter, whose clock for that job alone runs
 * compressed (simulated days per real second), so that the 14-day deadline and the datacenter's days pass in
 * seconds. A real job's dates never move.
 */
public final class RehearsalRules {
    public static final String DAYS_PER_SECOND = "days per second";
    /**
     * The speed of a rehearsal when none is given: a day every ten seconds, so that the 14 days to ship leave a
     * couple of minutes to type the commands between prepare-drives and ship.
     */
    public static final double DEFAULT_DAYS_PER_SECOND = 0.1;
    /** The fastest a rehearsal's clock runs. */
    public static final double MAX_DAYS_PER_SECOND = 1000;
    /** The only connector with a simulated datacenter. */
    public static final String CONNECTOR = "local";

    private RehearsalRules() {
    }

    /** The speed as given, checked: a number above 0, at most {@value #MAX_DAYS_PER_SECOND}. */
    public static List<Problem> checkDaysPerSecond(String value) {
        String allowed = "simulated days per real second, a number above 0 and at most " + (int) MAX_DAYS_PER_SECOND;
        double d;
        try {
            d = Double.parseDouble(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            return List.of(new Problem(DAYS_PER_SECOND, value, "is not a number", allowed));
        }
        if (!(d > 0) || d > MAX_DAYS_PER_SECOND) {
            return List.of(new Problem(DAYS_PER_SECOND, value, "is out of range", allowed));
        }
        return List.of();
    }

    /** A rehearsal runs on the simulated datacenter only: never on a real service. */
    public static List<Problem> checkConnector(String connector) {
        if (connector == null || connector.equals(CONNECTOR)) {
            return List.of();
        }
        return List.of(new Problem("connector", connector, "has no simulated datacenter for a rehearsal",
                CONNECTOR + " (a rehearsal of the Azure route: seedbench demo --azure)"));
    }
}
