package org.seedbench.ui.parts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.ShippingRules;
import org.seedbench.core.rules.ShippingRules.Deadline;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.workflow.ImportJobService;

/**
 * A job's trip at a glance, as the Trip view draws it: the eight steps from Draft to Incrementals with the date each
 * was reached (from the job's events, as the Events view lists them), the step the job stands at and how it stands
 * there ({@link Mark}), the 14-day shipping countdown and the command of the next action.
 *
 * @param steps     the eight steps in order, each with the time it was reached (null when not, or not any more)
 * @param current   the step the job stands at (or works towards, when {@link #mark} is {@link Mark#ACTIVE})
 * @param mark      how the job stands at its current step; also the Jobs view's state icon
 * @param status    a line for the user: the state and what it means, e.g. {@code Expired: no shipping details…}
 * @param countdown the shipping deadline, e.g. {@code 4 days left (due 11 Dec 2026)}; null when none runs
 * @param deadline  the deadline the countdown is of (null when none runs)
 * @param command   the id of the command of the next action (null when there is none)
 */
public record Trip(String job, JobState state, List<Stop> steps, Step current, Mark mark, String status,
        String countdown, Deadline deadline, String command) {

    /** The steps of a seeding job's trip, in order. */
    public enum Step {
        DRAFT("Draft"),
        STAGED("Staged"),
        DRIVES_READY("Drives ready"),
        SHIPPED("Shipped"),
        AT_DATACENTER("At the datacenter"),
        IMPORTED("Imported"),
        SEEDED("Seeded"),
        INCREMENTALS("Incrementals");

        private final String label;

        Step(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A step and when the job reached it (null when it has not, or went back before it). */
    public record Stop(Step step, Instant reached) {
    }

    /**
     * How a job stands: a glyph in the Jobs view and the current step's colour on the trip. Cancelled, Expired and
     * CompletedWithErrors are never shown as success.
     */
    public enum Mark {
        /** Not started: a Draft. */
        DRAFT,
        /** Under way: a step runs (Staging, Transferring…) or the import job waits for shipping details. */
        ACTIVE,
        /** The step is reached and all is well (Staged, Shipping, Seeded…). */
        DONE,
        /** Reached with errors (CompletedWithErrors). */
        WARNING,
        /** The import job expired. */
        FAILED,
        /** The job was cancelled. */
        CANCELLED;

        /** The name of the glyph, as tests read it: {@code state-done}. */
        public String glyph() {
            return "state-" + name().toLowerCase(Locale.ROOT);
        }
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());
    /** The events a backup into the vault records (one per incremental). */
    static final String BACKUP_EVENT = "backup";
    private static final String STATE_EVENT = "job.state";
    private static final String CREATED_EVENT = "job.created";

    /** The step a state belongs to; Cancelled and Expired belong to where the job was when it stopped. */
    public static Step step(JobState state) {
        return switch (state) {
            case DRAFT, CANCELLED -> Step.DRAFT;
            case STAGING, STAGED -> Step.STAGED;
            case PREPARING_DRIVES, DRIVES_READY -> Step.DRIVES_READY;
            case CREATING, SHIPPING, EXPIRED -> Step.SHIPPED;
            case RECEIVED -> Step.AT_DATACENTER;
            case TRANSFERRING, PACKAGING, COMPLETED, COMPLETED_WITH_ERRORS, CLOSED -> Step.IMPORTED;
            case VAULT_SEEDING, SEEDED, CLEANED_UP -> Step.SEEDED;
        };
    }

    /** Whether the state reaches its step ({@code Staged}), rather than works towards it ({@code Staging}). */
    static boolean reaches(JobState state) {
        return switch (state) {
            case STAGING, PREPARING_DRIVES, CREATING, TRANSFERRING, PACKAGING, VAULT_SEEDING, CANCELLED, EXPIRED ->
                false;
            default -> true;
        };
    }

    /** How a job in this state stands: its step reached (done) or under way, unless it went wrong. */
    public static Mark mark(JobState state) {
        return switch (state) {
            case DRAFT -> Mark.DRAFT;
            case COMPLETED_WITH_ERRORS -> Mark.WARNING;
            case EXPIRED -> Mark.FAILED;
            case CANCELLED -> Mark.CANCELLED;
            default -> reaches(state) ? Mark.DONE : Mark.ACTIVE;
        };
    }

    /** The command of the next action in this state: the one the Jobs view's toolbar or the Job menu runs. */
    static String command(JobState state) {
        return switch (state) {
            case DRAFT, STAGING -> SeedbenchUi.COMMAND_STAGE;
            case STAGED, PREPARING_DRIVES, DRIVES_READY -> "org.seedbench.ui.command.prepareDrives";
            case CREATING -> "org.seedbench.ui.command.updateShipping";
            case SHIPPING, RECEIVED, TRANSFERRING, PACKAGING -> SeedbenchUi.COMMAND_REFRESH;
            case COMPLETED, COMPLETED_WITH_ERRORS, CLOSED, VAULT_SEEDING -> SeedbenchUi.COMMAND_SEED_VAULT;
            case SEEDED, CLEANED_UP -> SeedbenchUi.COMMAND_BACKUP;
            case EXPIRED -> "org.seedbench.ui.command.reopenjob";
            case CANCELLED -> "org.seedbench.ui.command.deletejob";
        };
    }

    static String status(JobState state) {
        String label = state.label();
        return switch (state) {
            case DRAFT -> label + ": nothing staged yet";
            case STAGING -> label + ": the initial backup is being written (stage again to resume)";
            case STAGED -> label + ": the seed is in the staging repository";
            case PREPARING_DRIVES -> label + ": the seed is being copied onto the drives";
            case DRIVES_READY -> label + ": the drives hold the seed";
            case CREATING -> label + ": the import job waits for the shipping details";
            case SHIPPING -> label + ": the drives are on their way to the datacenter";
            case RECEIVED -> label + ": the datacenter has the drives";
            case TRANSFERRING -> label + ": the datacenter copies the drives";
            case PACKAGING -> label + ": the drives are being packed to come back";
            case COMPLETED -> label + ": the seed is in the import container";
            case COMPLETED_WITH_ERRORS -> label + ": the import ended with errors (seeding the vault repairs from staging)";
            case CLOSED -> label + ": the import job is closed";
            case VAULT_SEEDING -> label + ": the vault is being seeded";
            case SEEDED -> label + ": the vault holds the seed";
            case CLEANED_UP -> label + ": the vault holds the seed; staging and the import container are cleaned up";
            case CANCELLED -> label + ": the job was cancelled";
            case EXPIRED -> label + ": no shipping details within " + ShippingRules.DEADLINE_DAYS + " days";
        };
    }

    /**
     * The trip of a job from what the views read of it.
     *
     * @param events     the job's events, oldest first (as the catalog lists them)
     * @param properties the job's properties (the import job's creation time for an Expired job's due date)
     * @param deadline   the running shipping deadline, as {@link ImportJobService#deadline} tells it (null when none)
     */
    public static Trip of(SeedingJob job, List<JobEvent> events, Map<String, String> properties, Deadline deadline) {
        Instant[] reached = new Instant[Step.values().length];
        reached[Step.DRAFT.ordinal()] = job.created();
        JobState before = JobState.DRAFT; // the state a Cancelled or Expired job was in when it stopped
        JobState previous = JobState.DRAFT;
        int backups = 0;
        for (JobEvent e : events) {
            if (CREATED_EVENT.equals(e.kind())) {
                reached[Step.DRAFT.ordinal()] = e.time();
            } else if (STATE_EVENT.equals(e.kind())) {
                JobState to = target(e.detail());
                if (to == null) {
                    continue;
                }
                if (to == JobState.CANCELLED || to == JobState.EXPIRED) {
                    before = previous;
                } else {
                    Step s = step(to);
                    boolean reachedNow = reaches(to);
                    // a job that goes back (edited, staged or prepared again) has not reached what lies ahead
                    for (int i = s.ordinal() + (reachedNow ? 1 : 0); i < reached.length; i++) {
                        reached[i] = null;
                    }
                    if (reachedNow) {
                        reached[s.ordinal()] = e.time();
                    }
                }
                previous = to;
            } else if (BACKUP_EVENT.equals(e.kind())) {
                reached[Step.INCREMENTALS.ordinal()] = e.time();
                backups++;
            }
        }
        JobState state = job.state();
        Step current = switch (state) {
            case CANCELLED -> step(before);
            case SEEDED, CLEANED_UP -> backups > 0 ? Step.INCREMENTALS : Step.SEEDED;
            default -> step(state);
        };
        if (current != Step.INCREMENTALS) {
            reached[Step.INCREMENTALS.ordinal()] = null; // backups of an earlier life of the job
        }
        List<Stop> steps = new ArrayList<>();
        for (Step s : Step.values()) {
            steps.add(new Stop(s, reached[s.ordinal()]));
        }
        Deadline d = deadline;
        if (state == JobState.EXPIRED) {
            String created = properties.get(ImportJobService.PROP_CREATED);
            d = created == null ? null : ShippingRules.deadline(Instant.parse(created), Instant.MAX);
        } else if (state != JobState.CREATING) {
            d = null;
        }
        String status = status(state) + (current == Step.INCREMENTALS ? "; " + backups
                + (backups == 1 ? " incremental backup" : " incremental backups") : "");
        return new Trip(job.name(), state, List.copyOf(steps), current, mark(state), status, countdown(d), d,
                command(state));
    }

    /** The job state a {@code job.state} event's detail ({@code Staging → Staged: …}) moved to; null when unknown. */
    static JobState target(String detail) {
        int arrow = detail == null ? -1 : detail.indexOf('→');
        if (arrow < 0) {
            return null;
        }
        String rest = detail.substring(arrow + 1).strip();
        int end = rest.indexOf(':');
        String label = (end < 0 ? rest : rest.substring(0, end)).strip();
        return Arrays.stream(JobState.values()).filter(s -> s.label().equals(label)).findFirst().orElse(null);
    }

    /** {@code 4 days left (due 11 Dec 2026)}, {@code expired (due 11 Dec 2026)}; null without a deadline. */
    public static String countdown(Deadline d) {
        return d == null ? null : DeadlineText.countdown(d, DAY.getZone());
    }

    /** A day as the trip shows it: {@code 7 Dec 2026}. */
    public static String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant);
    }

    /** The stop of a step. */
    public Stop stop(Step step) {
        return steps.get(step.ordinal());
    }
}
