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
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.workflow.AlertService;
import org.seedbench.workflow.AlertService.Delivery;
import org.seedbench.workflow.AlertService.Fired;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code seedbench alerts check [JOB]}: brings each job (or one) along with its import service, as {@code status}
 * does, and sends the alerts due (shipping details due within 4 days, CompletedWithErrors), each once. For cron or
 * a timer.
 */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "alerts", description = "check every job (or one) and send the alerts due, each once",
        footer = "seedbench alerts check [JOB]. Exit 1: a job could not be checked or an alert did not reach a "
                + "target (it is sent again at the next check).")
public final class AlertsVerb implements CliVerb {
    @Parameters(index = "0", paramLabel = "check", description = "check")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "JOB", description = "the job (default: every job)")
    String job;

    @Reference
    AlertService alerts;

    @Override
    public int order() {
        return 205;
    }

    @Override
    public boolean needsCatalog() {
        return false;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        if (!"check".equals(action)) {
            throw new UsageException("unknown action '" + action + "'", "usage: seedbench alerts check [JOB]");
        }
        if (!inv.hasCatalog()) {
            throw Invocation.noCatalog(inv.dataDirectory(), job);
        }
        List<String> jobs;
        try (Catalog catalog = inv.openCatalog()) {
            jobs = job != null ? List.of(job) : catalog.jobs().stream().map(SeedingJob::name).toList();
        }
        boolean failed = false;
        int sent = 0;
        List<Map<String, Object>> json = new ArrayList<>();
        for (String name : jobs) {
            List<Fired> fired;
            try {
                if (alerts.settings(inv.workspace(), name).any()) {
                    inv.services().importJobs().refresh(inv.workspace(), name);
                }
                fired = alerts.check(inv.workspace(), name);
            } catch (Exception e) {
                if (job != null) {
                    throw e;
                }
                inv.err().println("seedbench alerts: " + name + " not checked: " + e.getMessage());
                failed = true;
                continue;
            }
            for (Fired f : fired) {
                if (f.repeated()) {
                    continue;
                }
                sent += f.sent() ? 1 : 0;
                failed |= !f.failures().isEmpty();
                if (inv.json()) {
                    json.add(json(f));
                } else {
                    print(inv, f);
                }
            }
        }
        if (inv.json()) {
            Views.printJson(inv.out(), json);
        } else if (sent == 0 && !failed) {
            inv.out().println("No new alert" + (job == null ? "" : " for job " + job));
        }
        return failed ? ExitCode.FAILURE : ExitCode.DONE;
    }

    private static void print(Invocation inv, Fired f) {
        for (Delivery d : f.deliveries()) {
            inv.out().println(f.jobName() + ": " + f.kind() + " alert " + (d.delivered() ? "sent to " : "NOT sent to ")
                    + d.describe() + " — " + f.detail());
        }
    }

    private static Map<String, Object> json(Fired f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", f.jobName());
        m.put("kind", f.kind());
        m.put("cause", f.cause());
        m.put("detail", f.detail());
        m.put("sentTo", f.deliveries().stream().filter(Delivery::delivered).map(Delivery::target).toList());
        m.put("failed", f.failures().stream().map(Delivery::describe).toList());
        return m;
    }

    /**
     * After {@code status}: sends the job's alerts due and says on stderr what was sent or failed; a failure to
     * check never changes what the verb prints or returns.
     */
    static void afterStatus(Invocation inv, AlertService alerts, String verb, String job) {
        try {
            for (Fired f : alerts.check(inv.workspace(), job)) {
                if (!f.repeated()) {
                    f.deliveries().forEach(d -> inv.err().println("seedbench " + verb + ": " + f.kind() + " alert "
                            + (d.delivered() ? "sent to " : "NOT sent to ") + d.describe()));
                }
            }
        } catch (Exception e) {
            inv.err().println("seedbench " + verb + ": alerts not checked: " + e.getMessage());
        }
    }
}
