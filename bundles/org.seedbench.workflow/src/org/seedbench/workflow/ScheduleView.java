package org.seedbench.workflow;

import java.time.Instant;

/**
 * A job's schedule as {@code seedbench schedule JOB} and the workbench show it.
 *
 * @param job      the job
 * @param schedule the schedule; {@code null} when the job has none
 * @param next     when the next run is due (in the past when it is due now); {@code null} without a schedule
 * @param last     the last scheduled run; {@code null} when none ran yet
 */
public record ScheduleView(String job, Schedule schedule, Instant next, ScheduledRun last) {
}
