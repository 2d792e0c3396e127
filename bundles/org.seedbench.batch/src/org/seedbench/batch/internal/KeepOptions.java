package org.seedbench.batch.internal;

import org.seedbench.backup.RetentionPolicy;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;

import picocli.CommandLine.Option;

/** {@code --keep-last N … --keep-yearly N}: a retention policy with restic's rules, for forget and retention. */
final class KeepOptions {
    @Option(names = "--keep-last", paramLabel = "N", description = "keep the N newest snapshots")
    String last;
    @Option(names = "--keep-hourly", paramLabel = "N", description = "keep the newest snapshot of each of the last N "
            + "hours that have one")
    String hourly;
    @Option(names = "--keep-daily", paramLabel = "N", description = "… of each of the last N days that have one")
    String daily;
    @Option(names = "--keep-weekly", paramLabel = "N", description = "… of the last N ISO weeks")
    String weekly;
    @Option(names = "--keep-monthly", paramLabel = "N", description = "… of the last N months")
    String monthly;
    @Option(names = "--keep-yearly", paramLabel = "N", description = "… of the last N years (N may be unlimited)")
    String yearly;

    /** Whether any --keep option was given. */
    boolean given() {
        return last != null || hourly != null || daily != null || weekly != null || monthly != null
                || yearly != null;
    }

    /** The policy the options give; {@link RetentionPolicy#none()} when none was given. */
    RetentionPolicy policy() throws InvalidInputException {
        return new RetentionPolicy(count("--keep-last", last), count("--keep-hourly", hourly),
                count("--keep-daily", daily), count("--keep-weekly", weekly), count("--keep-monthly", monthly),
                count("--keep-yearly", yearly));
    }

    private static int count(String option, String value) throws InvalidInputException {
        if (value == null) {
            return 0;
        }
        String v = value.trim();
        if (v.equalsIgnoreCase("unlimited")) {
            return RetentionPolicy.UNLIMITED;
        }
        if (v.matches("[0-9]{1,9}")) {
            return Integer.parseInt(v);
        }
        throw new InvalidInputException(new Problem(option, value, "is not a count",
                "a whole number of 0 or more, or unlimited"));
    }
}
