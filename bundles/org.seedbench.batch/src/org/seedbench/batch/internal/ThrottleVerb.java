package org.seedbench.batch.internal;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.batch.cli.UsageException;
import org.seedbench.core.support.bandwidth.Bandwidth;
import org.seedbench.core.support.bandwidth.Rate;
import org.seedbench.core.support.bandwidth.WorkHours;
import org.seedbench.workflow.VaultService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedbench throttle JOB}: shows or sets the job's upload limit by work hours. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "throttle", description = "show or set the job's upload limit by work hours (backup, seed-vault "
        + "repairs)",
        footer = "Without an option it shows the job's throttle and the limit in force now. What is given replaces "
                + "what the job has, the rest stays (new: 08:00-18:00, mon-fri, unlimited). Work hours that end "
                + "before they start run over midnight. The limit switches when work hours begin or end, during an "
                + "upload too; backup and seed-vault --limit-upload RATE win over it for one run.%nRATE: 20MB/s, "
                + "512KiB/s, 100Mbit (KB, MB, GB, KiB, MiB, GiB per second, or Kbit, Mbit, Gbit), or unlimited.")
public final class ThrottleVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", description = "the job's name")
    String job;

    @Option(names = "--work-hours", paramLabel = "HH:MM-HH:MM", description = "when work hours are, e.g. 08:00-18:00")
    String workHours;

    @Option(names = "--work-days", paramLabel = "DAYS", description = "which days have work hours, e.g. mon-fri or "
            + "mon,wed,fri")
    String workDays;

    @Option(names = "--work", paramLabel = "RATE", description = "the upload limit during work hours")
    String work;

    @Option(names = "--off-hours", paramLabel = "RATE", description = "the upload limit at all other times")
    String offHours;

    @Option(names = "--off", description = "remove the throttle: uploads go at full speed")
    boolean off;

    @Override
    public int order() {
        return 145;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        VaultService.ThrottleChange change = new VaultService.ThrottleChange(workHours, workDays, work, offHours);
        boolean setting = change.changesSomething();
        if (off && setting) {
            throw new UsageException("--off removes the throttle: give it without --work-hours, --work-days, --work "
                    + "or --off-hours", null);
        }
        var vault = inv.services().vault();
        if (off) {
            vault.setThrottle(inv.workspace(), job, null);
            return show(inv, null, "Removed the upload throttle of " + job + ": uploads go at full speed");
        }
        if (!setting) {
            return show(inv, vault.throttle(inv.workspace(), job), null);
        }
        WorkHours set = vault.changeThrottle(inv.workspace(), job, change);
        return show(inv, set, "Set the upload throttle of " + job);
    }

    private ExitCode show(Invocation inv, WorkHours hours, String done) {
        Bandwidth.Limit now = hours == null ? null
                : hours.limitAt(inv.clock().instant().atZone(ZoneId.systemDefault()));
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job", job);
            m.put("throttle", hours != null);
            if (hours != null) {
                m.put("workHours", hours.hoursText());
                m.put("workDays", hours.daysText());
                m.put("work", rate(hours.work()));
                m.put("offHours", rate(hours.offHours()));
                m.put("now", now.source());
                m.put("limitNow", rate(now.rate()));
            }
            Views.printJsonLine(inv.out(), m);
            return ExitCode.DONE;
        }
        if (done != null) {
            inv.out().println(done);
        }
        if (hours == null) {
            if (done == null) {
                inv.out().println(job + " has no upload throttle: uploads go at full speed (seedbench throttle " + job
                        + " --work RATE [--work-hours 08:00-18:00 --work-days mon-fri --off-hours RATE] sets one)");
            }
            return ExitCode.DONE;
        }
        inv.out().println("Work hours: " + hours.hoursText() + " on " + hours.daysText() + ", limit " + hours.work());
        inv.out().println("Other times: limit " + hours.offHours());
        inv.out().println("Now: " + now);
        return ExitCode.DONE;
    }

    /** A rate in JSON: bytes per second, or the string {@code unlimited}. */
    private static Object rate(Rate r) {
        return r.unlimited() ? "unlimited" : (Object) r.bytesPerSecond();
    }
}
