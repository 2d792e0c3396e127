package org.seedbench.batch.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.workflow.Schedule;
import org.seedbench.workflow.ScheduleService;
import org.seedbench.workflow.ScheduledRun;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seedbench run-due}: the scheduled backups that are due, what the system's timer calls. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "run-due", description = "run the scheduled incremental backups that are due (seedbench schedule)",
        footer = "Runs the backup of every job whose scheduled run has come, one job after the other, each under the "
                + "job's lock, and records the result in the job (seedbench schedule JOB shows it). Runs missed while "
                + "the computer was off are one run. Exit 0: done or nothing due; 1: a run failed; 4: a run ended "
                + "with warnings.")
public final class RunDueVerb implements CliVerb {
    @Option(names = "--now", paramLabel = "TIME", description = "the time to run as of, ISO-8601 (for tests and "
            + "rehearsals); the clock's time when not given")
    String now;

    @Mixin
    PassphraseFileOption passphraseFile;

    @Reference
    ScheduleService schedules;

    @Override
    public int order() {
        return 146;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        if (!inv.hasCatalog()) {
            throw Invocation.noCatalog(inv.dataDirectory(), null);
        }
        ZoneId zone = inv.clock().getZone();
        Instant at = now == null ? inv.clock().instant() : Schedule.instant(now, zone);
        if (schedules.due(inv.workspace(), at, zone).isEmpty()) {
            if (inv.json()) {
                Views.printJsonLine(inv.out(), Map.of("event", "done", "runs", List.of()));
            } else {
                inv.out().println("Nothing due at " + Views.time(at) + ".");
            }
            return ExitCode.DONE;
        }
        List<ScheduledRun> runs = Passphrases.withPassphrase(inv, false, (passphrase, progress) ->
                schedules.runDue(inv.workspace(), at, zone, passphrase, progress, job -> {
                    if (!inv.json()) {
                        inv.out().println("Backing up " + job + " (scheduled)");
                    }
                }, run -> {
                    if (inv.json()) {
                        Views.printJsonLine(inv.out(), json(run));
                    } else {
                        inv.out().println(run.job() + ": " + run.summary());
                    }
                }));
        if (runs.stream().anyMatch(r -> r.outcome().equals(ScheduledRun.FAILED))) {
            return ExitCode.FAILURE;
        }
        return runs.stream().anyMatch(r -> r.outcome().equals(ScheduledRun.WARNINGS)) ? ExitCode.NEEDS_ACTION
                : ExitCode.DONE;
    }

    static Map<String, Object> json(ScheduledRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "run");
        m.put("job", run.job());
        m.put("time", run.at().toString());
        m.put("outcome", run.outcome());
        m.put("snapshots", run.snapshots());
        m.put("detail", run.detail());
        return m;
    }
}
