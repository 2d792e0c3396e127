package org.seedbench.batch.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.batch.cli.UsageException;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.workflow.EventChain;
import org.seedbench.workflow.EventChain.Format;
import org.seedbench.workflow.EventChain.Verdict;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code seedbench events JOB [--since ISO] [--json|--csv] [--output FILE]} and {@code seedbench events --verify
 * FILE}: a job's event log, for people or as a hash-chained export whose gaps, moves and edits
 * {@code --verify} finds.
 */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "events", description = "a job's events; --json or --csv export them hash-chained, --verify checks "
        + "an export",
        footer = { "With --json (JSON lines) or --csv, each line carries the SHA-256 of the line before it (the first "
                + "line: of the job's name) and an end line closes the export; seedbench events --verify FILE "
                + "names the first line that was removed, moved or edited.",
                "Exit 1: the chain is broken; 3: the file is not an events export, a bad --since." })
public final class EventsVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", arity = "0..1", description = "the job's name")
    String job;

    @Option(names = "--since", paramLabel = "ISO", description = "only events at or after this time (2026-12-01 or "
            + "2026-12-01T08:00:00Z)")
    String since;

    @Option(names = "--csv", description = "export as CSV (UTF-8), hash-chained")
    boolean csv;

    @Option(names = "--output", paramLabel = "FILE", description = "write the export to FILE (UTF-8) instead of "
            + "the standard output")
    Path output;

    @Option(names = "--verify", paramLabel = "FILE", description = "check an export's chain")
    Path verify;

    @Override
    public int order() {
        return 45;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        if (verify != null) {
            if (job != null || since != null || csv || output != null) {
                throw new UsageException("--verify FILE goes alone", "usage: seedbench events --verify FILE");
            }
            return verify(inv, verify);
        }
        if (job == null) {
            throw new UsageException("missing JOB", "usage: seedbench events JOB [--since ISO] [--json|--csv] "
                    + "[--output FILE] | seedbench events --verify FILE");
        }
        if (csv && inv.json()) {
            throw new UsageException("--json or --csv, not both", null);
        }
        Instant from = since(since);
        if (csv || inv.json()) {
            Format format = csv ? Format.CSV : Format.JSON;
            if (output != null) {
                int n = EventChain.export(inv.workspace(), job, from, format, output.toAbsolutePath());
                inv.err().println("seedbench events: " + n + " events of " + job + " written to " + output);
            } else {
                StringBuilder text = new StringBuilder();
                EventChain.export(inv.workspace(), job, from, format, text);
                inv.out().print(text);
                inv.out().flush();
            }
            return ExitCode.DONE;
        }
        List<JobEvent> events;
        try (Catalog catalog = inv.openCatalog()) {
            if (catalog.job(job).isEmpty()) {
                throw new InvalidInputException(new Problem("job", job, "does not exist",
                        "a job listed by seedbench jobs"));
            }
            events = catalog.events(job).stream().filter(e -> from == null || !e.time().isBefore(from)).toList();
        }
        for (JobEvent e : events) {
            inv.out().printf("%s  %-16s %s  (%s)%n", Views.time(e.time()), e.kind(), e.detail(), e.actor());
        }
        return ExitCode.DONE;
    }

    private static ExitCode verify(Invocation inv, Path file) throws Exception {
        Verdict v = EventChain.verify(file.toAbsolutePath());
        if (inv.json()) {
            Views.printJson(inv.out(), v.intact() ? Map.of("job", v.jobName(), "events", v.events(), "intact", true)
                    : Map.of("job", String.valueOf(v.jobName()), "intact", false, "line", v.badLine(),
                            "problem", v.problem()));
        }
        if (v.intact()) {
            if (!inv.json()) {
                inv.out().println(v.events() + " events, chain intact");
            }
            return ExitCode.DONE;
        }
        inv.err().println("seedbench events: line " + v.badLine() + ": " + v.problem());
        return ExitCode.FAILURE;
    }

    /** {@code --since}: an instant, a local date-time taken as UTC, or a date (its start, UTC). */
    static Instant since(String text) throws InvalidInputException {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            // not an instant
        }
        try {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            // not a date
        }
        try {
            return java.time.LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(new Problem("since", text, "is not an ISO date or time",
                    "e.g. 2026-12-01 or 2026-12-01T08:00:00Z"));
        }
    }
}
