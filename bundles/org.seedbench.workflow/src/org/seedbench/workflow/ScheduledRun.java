package org.seedbench.workflow;

import java.time.Instant;
import java.util.List;

/**
 * The result of one scheduled backup of a job, as {@code run-due} records it in the job's properties.
 *
 * @param job       the job
 * @param at        when the run started ({@code run-due}'s time)
 * @param outcome   {@link #DONE}, {@link #WARNINGS}, {@link #FAILED}, or {@link #SKIPPED} (not recorded: another run
 *                  held the job, so the run stays due)
 * @param snapshots the snapshots the backup made; empty when it failed
 * @param detail    the error line of a failed run, the first warning, or why it was skipped; {@code null} when none
 */
public record ScheduledRun(String job, Instant at, String outcome, List<String> snapshots, String detail) {
    public static final String DONE = "done";
    public static final String WARNINGS = "done with warnings";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    /** One line, e.g. {@code done, snapshot 3f2a…} or {@code failed: …}. */
    public String summary() {
        StringBuilder b = new StringBuilder(outcome);
        if (!snapshots.isEmpty()) {
            b.append(snapshots.size() == 1 ? ", snapshot " : ", snapshots ").append(String.join(", ", snapshots));
        }
        if (detail != null) {
            b.append(": ").append(detail);
        }
        return b.toString();
    }
}
