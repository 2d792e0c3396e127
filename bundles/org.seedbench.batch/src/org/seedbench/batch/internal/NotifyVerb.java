package org.seedbench.batch.internal;

import java.util.ArrayList;
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
import org.seedbench.workflow.AlertService;
import org.seedbench.workflow.AlertService.Fired;
import org.seedbench.workflow.AlertSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code seedbench notify [JOB] --webhook URL | --command CMD | --off | --use-default | --test}: where alerts go,
 * for one job or for every job without its own. Without an option, shows where they go.
 */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "notify", description = "set where alerts go (a webhook, a command) for a job or every job, or "
        + "send a test alert",
        footer = { "Alerts: shipping details due within 4 days, an import job CompletedWithErrors, a failed scheduled "
                + "backup, a prune error; each is sent once. A webhook gets an HTTP POST of {job, kind, cause, "
                + "detail, state, time} as JSON; a command gets it on stdin, with SEEDBENCH_JOB, SEEDBENCH_ALERT "
                + "and SEEDBENCH_ALERT_DETAIL set. The URL is kept in <data>/alerts.properties (0600) and shown "
                + "as scheme://host/… only.",
                "Exit 1: the test alert did not reach a target; 3: a URL that is not http(s), a job that does "
                        + "not exist." })
public final class NotifyVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", arity = "0..1", description = "the job (default: every job without its own "
            + "setting)")
    String job;

    @Option(names = "--webhook", paramLabel = "URL", description = "post alerts to this http(s) URL")
    String webhook;

    @Option(names = "--command", paramLabel = "COMMAND", description = "run this command line (through the "
            + "shell) for each alert, the alert as JSON on its stdin")
    String command;

    @Option(names = "--off", description = "no alerts (for the job, whatever the default; without JOB: no default)")
    boolean off;

    @Option(names = "--use-default", description = "the job's alerts follow the default again")
    boolean useDefault;

    @Option(names = "--test", description = "send a test alert now (after setting what else is given)")
    boolean test;

    @Reference
    AlertService alerts;

    @Override
    public int order() {
        return 200;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        boolean set = webhook != null || command != null;
        if ((off || useDefault) && (set || test) || off && useDefault) {
            throw new UsageException("--off and --use-default go alone", null);
        }
        if (useDefault && job == null) {
            throw new UsageException("--use-default needs the JOB that should follow the default", null);
        }
        String scope = job == null ? "every job without its own setting" : "job " + job;
        if (set) {
            alerts.configure(inv.workspace(), job, new AlertSettings(webhook, command, false));
        } else if (off) {
            alerts.configure(inv.workspace(), job, job == null ? AlertSettings.NONE
                    : new AlertSettings(null, null, true));
        } else if (useDefault) {
            alerts.configure(inv.workspace(), job, AlertSettings.NONE);
        }
        if (test) {
            return test(inv, scope);
        }
        if (set || off || useDefault) {
            inv.out().println("Alerts of " + scope + ": " + alerts.settings(inv.workspace(), job).summary());
            return ExitCode.DONE;
        }
        return show(inv);
    }

    private ExitCode test(Invocation inv, String scope) throws Exception {
        Fired fired = alerts.test(inv.workspace(), job);
        if (fired.deliveries().isEmpty()) {
            throw new InvalidInputException(new Problem("alerts", null, "none are set for " + scope,
                    "seedbench notify " + (job == null ? "" : job + " ") + "--webhook URL or --command COMMAND"));
        }
        for (AlertService.Delivery d : fired.deliveries()) {
            inv.out().println((d.delivered() ? "Test alert sent to " : "Test alert NOT sent to ") + d.describe());
        }
        return fired.failures().isEmpty() ? ExitCode.DONE : ExitCode.FAILURE;
    }

    private ExitCode show(Invocation inv) throws Exception {
        if (job != null) {
            if (inv.hasCatalog()) {
                try (var catalog = inv.openCatalog()) {
                    if (catalog.job(job).isEmpty()) {
                        throw new InvalidInputException(new Problem("job", job, "does not exist",
                                "a job listed by seedbench jobs"));
                    }
                }
            }
            AlertSettings own = alerts.allSettings(inv.workspace()).get(job);
            AlertSettings applied = alerts.settings(inv.workspace(), job);
            if (inv.json()) {
                Views.printJson(inv.out(), json(job, applied, own == null));
            } else {
                inv.out().println("Alerts of job " + job + ": " + applied.summary() + (own == null ? " (the default)"
                        : ""));
            }
            return ExitCode.DONE;
        }
        Map<String, AlertSettings> all = alerts.allSettings(inv.workspace());
        if (inv.json()) {
            List<Map<String, Object>> list = new ArrayList<>();
            all.forEach((j, s) -> list.add(json(j, s, false)));
            Views.printJson(inv.out(), list);
            return ExitCode.DONE;
        }
        all.forEach((j, s) -> inv.out().println(j == null ? "Alerts of every job without its own: " + s.summary()
                : "Alerts of job " + j + ": " + s.summary()));
        return ExitCode.DONE;
    }

    private static Map<String, Object> json(String job, AlertSettings s, boolean byDefault) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", job);
        m.put("webhook", s.webhook() == null ? null : AlertSettings.mask(s.webhook()));
        m.put("command", s.command());
        m.put("off", s.off());
        m.put("default", byDefault);
        return m;
    }
}
