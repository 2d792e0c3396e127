package org.seedbench.batch.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.seedbench.core.spi.CommandRunner;
import org.seedbench.core.support.files.DurableFiles;

/**
 * The system's scheduler entry that calls {@code seedbench run-due} every 15 minutes: a systemd user timer and
 * service on Linux ({@value #TIMER}, {@value #SERVICE}; {@code Persistent=true}, so a run missed while the computer
 * was off happens at the next boot), a Task Scheduler task ({@value #TASK}) on Windows. Installing writes (or
 * registers) it and enables it where the system's tool can be run; otherwise it prints the exact commands to run.
 * Uninstalling removes only what installing wrote (files that carry {@link #MARK}).
 */
final class SystemTimer {
    static final String SERVICE = "seedbench-run-due.service";
    static final String TIMER = "seedbench-run-due.timer";
    static final String TASK = "Seedbench run-due";
    /** The first line of every unit file Seedbench writes: uninstall removes only files that carry it. */
    static final String MARK = "# Written by seedbench schedule --install; seedbench schedule --uninstall removes it.";
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(1);

    /** The systemd user units' folder: {@code $XDG_CONFIG_HOME/systemd/user}, else {@code ~/.config/systemd/user}. */
    static Path defaultUnitDir(java.util.Map<String, String> env) {
        String config = env.get("XDG_CONFIG_HOME");
        Path base = config != null && !config.isEmpty() ? Path.of(config)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("systemd").resolve("user");
    }

    /**
     * This installation's launcher ({@code bin/seedbench}, {@code bin\seedbench.cmd} on Windows), from the OSGi
     * installation area; {@code null} when the runtime has none.
     */
    static Path launcher(boolean windows) {
        String area = System.getProperty("osgi.install.area");
        if (area == null) {
            return null;
        }
        try {
            Path home = area.startsWith("file:") ? Path.of(new URI(area.replace(" ", "%20"))) : Path.of(area);
            return home.resolve("bin").resolve(windows ? "seedbench.cmd" : "seedbench").toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The command line the scheduler runs: {@code LAUNCHER run-due --data DIR [--passphrase-file F]}. */
    static List<String> runDue(Path launcher, Path data, Path passphraseFile) {
        List<String> c = new ArrayList<>(List.of(launcher.toString(), "run-due", "--data",
                data.toAbsolutePath().toString()));
        if (passphraseFile != null) {
            c.add("--" + Passphrases.FILE_OPTION);
            c.add(passphraseFile.toAbsolutePath().toString());
        }
        return c;
    }

    /** The service unit that runs {@code command} once. */
    static String service(List<String> command) {
        StringBuilder exec = new StringBuilder();
        for (String arg : command) {
            exec.append(exec.length() == 0 ? "" : " ").append(systemdQuoted(arg));
        }
        return MARK + "\n"
                + "[Unit]\n"
                + "Description=Seedbench: run the scheduled incremental backups that are due\n"
                + "\n"
                + "[Service]\n"
                + "Type=oneshot\n"
                + "ExecStart=" + exec + "\n";
    }

    /** The timer unit: every 15 minutes, and at boot for the times missed while the computer was off. */
    static String timer() {
        return MARK + "\n"
                + "[Unit]\n"
                + "Description=Seedbench: look for due scheduled backups every 15 minutes\n"
                + "\n"
                + "[Timer]\n"
                + "OnCalendar=*:0/15\n"
                + "Persistent=true\n"
                + "Unit=" + SERVICE + "\n"
                + "\n"
                + "[Install]\n"
                + "WantedBy=timers.target\n";
    }

    /** An argument of {@code ExecStart=}: in double quotes when it needs them; {@code %} doubled (a specifier). */
    static String systemdQuoted(String arg) {
        String s = arg.replace("%", "%%");
        if (!s.isEmpty() && s.chars().noneMatch(c -> c == ' ' || c == '"' || c == '\'' || c == '\\' || c == ';'
                || c == '\t')) {
            return s;
        }
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code schtasks /Create …}: the task that runs {@code command} every 15 minutes. */
    static List<String> schtasksCreate(List<String> command) {
        StringBuilder tr = new StringBuilder();
        for (String arg : command) {
            tr.append(tr.length() == 0 ? "" : " ").append(arg.contains(" ") || arg.isEmpty() ? "\"" + arg + "\"" : arg);
        }
        return List.of("schtasks", "/Create", "/TN", TASK, "/SC", "MINUTE", "/MO", "15", "/TR", tr.toString(), "/F");
    }

    static List<String> schtasksDelete() {
        return List.of("schtasks", "/Delete", "/TN", TASK, "/F");
    }

    /** A command as one would type it in a shell (POSIX quoting on Linux, double quotes on Windows). */
    static String shell(List<String> command, boolean windows) {
        StringBuilder b = new StringBuilder();
        for (String arg : command) {
            b.append(b.length() == 0 ? "" : " ");
            if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_@%+=:,./*-]+")) {
                b.append(arg);
            } else if (windows) {
                b.append('"').append(arg.replace("\"", "\\\"")).append('"');
            } else {
                b.append('\'').append(arg.replace("'", "'\\''")).append('\'');
            }
        }
        return b.toString();
    }

    /** Where the installation's output goes, and what runs the system's tools. */
    record Context(PrintStream out, CommandRunner commands, boolean dryRun) {
    }

    /**
     * Writes the timer and service into {@code unitDir}; when it is systemd's own folder, reloads systemd and
     * enables the timer with {@code systemctl --user}, else (or when that fails) prints the commands to run.
     *
     * @return whether the timer is enabled (or, in a dry run, would be)
     */
    static boolean installSystemd(Context c, Path unitDir, boolean systemdsOwn, List<String> command)
            throws IOException {
        Path service = unitDir.resolve(SERVICE);
        Path timer = unitDir.resolve(TIMER);
        for (Path f : List.of(service, timer)) {
            if (Files.exists(f) && !ours(f)) {
                throw new IOException(f + " exists and was not written by seedbench; nothing was written (remove "
                        + "or rename it first)");
            }
        }
        if (c.dryRun()) {
            c.out().println("Would write " + service + ":");
            c.out().print(service(command));
            c.out().println("Would write " + timer + ":");
            c.out().print(timer());
        } else {
            Files.createDirectories(unitDir);
            DurableFiles.write(service, service(command).getBytes(StandardCharsets.UTF_8), false);
            c.out().println("Wrote " + service + " (ExecStart=" + shell(command, false) + ")");
            DurableFiles.write(timer, timer().getBytes(StandardCharsets.UTF_8), false);
            c.out().println("Wrote " + timer + " (OnCalendar=*:0/15, Persistent=true)");
        }
        List<List<String>> steps = List.of(List.of("systemctl", "--user", "daemon-reload"),
                List.of("systemctl", "--user", "enable", "--now", TIMER));
        if (!systemdsOwn) {
            c.out().println(unitDir + " is not systemd's folder of user units; to use the timer from there, run:");
            c.out().println("  systemctl --user link " + shell(List.of(service.toString()), false) + " "
                    + shell(List.of(timer.toString()), false));
            c.out().println("  " + shell(steps.get(1), false));
            return false;
        }
        return runOrPrint(c, steps, false);
    }

    /** Disables the timer (where systemctl can be run) and deletes the two files installing wrote. */
    static void uninstallSystemd(Context c, Path unitDir, boolean systemdsOwn) throws IOException {
        if (systemdsOwn) {
            runOrPrint(c, List.of(List.of("systemctl", "--user", "disable", "--now", TIMER)), true);
        }
        boolean any = false;
        for (Path f : List.of(unitDir.resolve(TIMER), unitDir.resolve(SERVICE))) {
            if (!Files.exists(f)) {
                continue;
            }
            any = true;
            if (!ours(f)) {
                c.out().println("Kept " + f + ": it was not written by seedbench");
            } else if (c.dryRun()) {
                c.out().println("Would delete " + f);
            } else {
                Files.delete(f);
                DurableFiles.forceFolder(unitDir);
                c.out().println("Deleted " + f);
            }
        }
        if (!any) {
            c.out().println("No seedbench timer in " + unitDir + "; nothing to delete");
        }
        if (systemdsOwn && any) {
            runOrPrint(c, List.of(List.of("systemctl", "--user", "daemon-reload")), true);
        }
    }

    /** Registers (or with {@code create} false, deletes) the Task Scheduler task, or prints the command. */
    static boolean schtasks(Context c, List<String> command, boolean create) {
        return runOrPrint(c, List.of(create ? schtasksCreate(command) : schtasksDelete()), true);
    }

    /**
     * Runs each command in turn and says so; when one cannot run or fails, prints it and the ones after it as the
     * commands to run by hand. In a dry run prints what it would run.
     *
     * @return whether all ran (or in a dry run, would run)
     */
    private static boolean runOrPrint(Context c, List<List<String>> steps, boolean windowsQuoting) {
        boolean windows = windowsQuoting && steps.get(0).get(0).equals("schtasks");
        for (int i = 0; i < steps.size(); i++) {
            List<String> step = steps.get(i);
            if (c.dryRun()) {
                c.out().println("Would run: " + shell(step, windows));
                continue;
            }
            String why;
            try {
                CommandRunner.Result r = c.commands().run(step, TOOL_TIMEOUT);
                if (r.exitCode() == 0) {
                    c.out().println("Ran: " + shell(step, windows));
                    continue;
                }
                String err = r.stderr().strip();
                why = "exit " + r.exitCode() + (err.isEmpty() ? "" : ": " + err.lines().findFirst().orElse(""));
            } catch (IOException e) {
                why = e.getMessage();
            }
            c.out().println("Could not run " + step.get(0) + " (" + why + "); run this yourself:");
            for (List<String> rest : steps.subList(i, steps.size())) {
                c.out().println("  " + shell(rest, windows));
            }
            return false;
        }
        return true;
    }

    private static boolean ours(Path f) throws IOException {
        try (var lines = Files.lines(f, StandardCharsets.UTF_8)) {
            return lines.findFirst().map(MARK::equals).orElse(false);
        }
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
