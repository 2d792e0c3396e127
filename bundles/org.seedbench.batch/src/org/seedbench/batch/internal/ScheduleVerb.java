package org.seedbench.batch.internal;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.seedbench.batch.cli.UsageException;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.CommandRunner;
import org.seedbench.workflow.Schedule;
import org.seedbench.workflow.ScheduleService;
import org.seedbench.workflow.ScheduleView;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code seedbench schedule JOB [--daily HH:MM | --every DURATION | --off]}: a job's scheduled incremental backups;
 * {@code seedbench schedule --install | --uninstall}: the system's timer that calls {@code run-due}.
 */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "schedule", description = "schedule a seeded job's incremental backups, show its schedule, or "
        + "install the system's timer that runs them",
        footer = {"seedbench schedule JOB shows the schedule, the next run and the last result. Only a job whose "
                + "vault holds the seed (seedbench seed-vault) can be scheduled (exit 3 otherwise).",
                "seedbench schedule --install writes a systemd user timer and service (Linux) that run seedbench "
                        + "run-due every 15 minutes and at boot after missed times, then enables them with "
                        + "systemctl --user; on Windows it registers a Task Scheduler task with schtasks. It says "
                        + "what it wrote and ran, and the commands to run where it could not. --uninstall removes "
                        + "them."})
public final class ScheduleVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", arity = "0..1", description = "the job's name")
    String job;

    @Option(names = "--daily", paramLabel = "HH:MM", description = "back up every day at this local time")
    String daily;

    @Option(names = "--every", paramLabel = "DURATION", description = "back up every so long: 30m, 6h, 1d (at "
            + "least 15m)")
    String every;

    @Option(names = "--off", description = "turn the job's scheduled backups off")
    boolean off;

    @Option(names = "--install", description = "write and enable the system's timer that calls seedbench run-due")
    boolean install;

    @Option(names = "--uninstall", description = "disable and remove the timer --install wrote")
    boolean uninstall;

    @Option(names = "--unit-dir", paramLabel = "DIR", description = "where the systemd units go (default: "
            + "~/.config/systemd/user)")
    Path unitDir;

    @Option(names = "--dry-run", description = "with --install/--uninstall: print what would be written and run, "
            + "change nothing")
    boolean dryRun;

    @Option(names = "--launcher", paramLabel = "PATH", description = "the seedbench launcher the timer runs "
            + "(default: this installation's bin/seedbench)")
    Path launcher;

    @Option(names = "--scheduler", paramLabel = "systemd|windows", description = "the system scheduler to use "
            + "(default: this system's)")
    String scheduler;

    @Mixin
    PassphraseFileOption passphraseFile;

    @Reference
    ScheduleService schedules;

    @Reference
    CommandRunner commands;

    @Override
    public int order() {
        return 145;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        int changes = (daily != null ? 1 : 0) + (every != null ? 1 : 0) + (off ? 1 : 0);
        if (install || uninstall) {
            if (install && uninstall || job != null || changes > 0) {
                throw new UsageException("--install and --uninstall take no job and no schedule, and not each "
                        + "other", "Usage: seedbench schedule --install|--uninstall [--unit-dir DIR] [--dry-run]");
            }
            return installOrUninstall(inv);
        }
        if (job == null) {
            throw new UsageException("which job? (or --install / --uninstall)", null);
        }
        if (changes > 1) {
            throw new UsageException("give one of --daily, --every, --off", null);
        }
        ZoneId zone = inv.clock().getZone();
        Instant now = inv.clock().instant();
        ScheduleView v;
        if (changes == 0) {
            v = schedules.view(inv.workspace(), job, zone);
        } else {
            Schedule s = off ? null : daily != null ? Schedule.daily(daily) : Schedule.every(every);
            v = schedules.set(inv.workspace(), job, s, now, zone);
        }
        print(inv, v, now);
        return ExitCode.DONE;
    }

    private void print(Invocation inv, ScheduleView v, Instant now) {
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job", v.job());
            m.put("schedule", v.schedule() == null ? null : v.schedule().toString());
            m.put("next", v.next() == null ? null : v.next().toString());
            m.put("last", v.last() == null ? null : RunDueVerb.json(v.last()));
            Views.printJson(inv.out(), m);
            return;
        }
        if (v.schedule() == null) {
            inv.out().println("Job " + v.job() + ": no scheduled backups (seedbench schedule " + v.job()
                    + " --daily HH:MM or --every 6h)");
        } else {
            inv.out().println("Job " + v.job() + ": backs up " + v.schedule());
            inv.out().println("Next run: " + Views.time(v.next()) + (v.next().isAfter(now) ? ""
                    : " (due: the next seedbench run-due runs it)"));
        }
        inv.out().println("Last run: " + (v.last() == null ? "none yet"
                : Views.time(v.last().at()) + ", " + v.last().summary()));
    }

    private ExitCode installOrUninstall(Invocation inv) throws Exception {
        boolean windows = scheduler == null ? SystemTimer.isWindows() : switch (scheduler) {
            case "windows" -> true;
            case "systemd" -> false;
            default -> throw new InvalidInputException(new Problem("--scheduler", scheduler, "is not a scheduler "
                    + "seedbench knows", "systemd or windows"));
        };
        SystemTimer.Context c = new SystemTimer.Context(inv.out(), commands, dryRun);
        Path exe = launcher != null ? launcher.toAbsolutePath() : SystemTimer.launcher(windows);
        Path passFile = passphraseFile.file == null ? null : Path.of(passphraseFile.file);
        if (install) {
            if (exe == null || !Files.isRegularFile(exe)) {
                throw new InvalidInputException(new Problem("launcher", exe == null ? null : exe.toString(),
                        "is not a file", "the seedbench launcher the timer runs: --launcher PATH"));
            }
            if (passFile != null && !Files.isRegularFile(passFile)) {
                throw new InvalidInputException(new Problem("passphrase file", passFile.toString(), "is not a file",
                        "the file run-due reads the backup passphrase from (its first line)"));
            }
        }
        List<String> command = exe == null ? List.of() : SystemTimer.runDue(exe, inv.dataDirectory(), passFile);
        boolean enabled;
        if (windows) {
            enabled = SystemTimer.schtasks(c, command, install);
        } else {
            Path own = SystemTimer.defaultUnitDir(inv.env());
            Path dir = unitDir == null ? own : unitDir.toAbsolutePath();
            boolean systemdsOwn = dir.normalize().equals(own.toAbsolutePath().normalize());
            if (install) {
                enabled = SystemTimer.installSystemd(c, dir, systemdsOwn, command);
            } else {
                SystemTimer.uninstallSystemd(c, dir, systemdsOwn);
                return ExitCode.DONE;
            }
        }
        if (install && passFile == null) {
            inv.out().println("Note: run-due needs the backup passphrase; without --passphrase-file F here, it "
                    + "finds none when the system runs it. Install again with --passphrase-file (a file only you "
                    + "can read).");
        }
        return enabled ? ExitCode.DONE : ExitCode.NEEDS_ACTION;
    }
}
