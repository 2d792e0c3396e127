package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.JobStates;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.rules.ShippingRules.Deadline;
import org.seedbench.workflow.AlertService;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.ImportJobView;
import org.seedbench.workflow.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code seedbench status JOB [--watch]}: where a job stands and what comes next. Asks the import service first
 * and brings the catalog along; with {@code --watch}, asks again every interval until the service no longer moves
 * the job, printing each change.
 */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "status", description = "show a job: its inputs, state, import job, drives, shipment, deadline and "
        + "recent events",
        footer = "Exit 4: the admin must act (shipping details due within 4 days, an expired job, errors to read). "
                + "With --json, the job as JSON (with --watch, one JSON line per change).")
public final class StatusVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", description = "the job's name")
    String name;

    @Option(names = "--watch", description = "ask the import service again every interval until the job is Completed, "
            + "CompletedWithErrors, Closed, Cancelled or Expired, printing each change")
    boolean watch;

    @Option(names = "--interval", paramLabel = "SECONDS", description = "how often --watch asks (default 30)")
    String interval;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "stop watching after this long (exit 4 while "
            + "the job still moves)")
    String timeout;

    @Reference
    AlertService alerts;

    @Override
    public int order() {
        return 40;
    }
    private static final int RECENT_EVENTS = 8;
    private static final double DEFAULT_INTERVAL_SECONDS = 30;

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        double interval = seconds("interval", this.interval, DEFAULT_INTERVAL_SECONDS);
        double timeout = seconds("timeout", this.timeout, Double.POSITIVE_INFINITY);
        ImportJobView view;
        if (watch) {
            Watcher watcher = new Watcher(inv.out(), inv.json(), !inv.json() && System.console() != null);
            watcher.rehearsal = rehearsal(inv) ? inv.clock() : null;
            view = inv.services().importJobs().watch(inv.workspace(), name, interval, timeout, watcher::accept);
            watcher.end(inv.workspace(), view);
            if (view.moving()) {
                stillMoving(inv.err(), view, this.timeout);
                AlertsVerb.afterStatus(inv, alerts, "status", name);
                return ExitCode.NEEDS_ACTION;
            }
        } else {
            view = inv.services().importJobs().refresh(inv.workspace(), name);
            print(inv.out(), inv.json(), inv.workspace(), name, view);
        }
        AlertsVerb.afterStatus(inv, alerts, "status", name);
        return view.needsAction() ? ExitCode.NEEDS_ACTION : ExitCode.DONE;
    }

    /** The job still moves when the time to watch it ran out. */
    static void stillMoving(PrintStream err, ImportJobView view, String timeout) {
        err.println("seedbench status: " + view.jobName() + " is still " + Views.serviceState(view)
                + " after watching for " + timeout + " s; run status again later");
    }

    /**
     * Prints what {@code status --watch} shows of each view while the import service moves the job: its status
     * line and each change (on a terminal, the line redrawn in place), then the job as {@code status} shows it.
     */
    static final class Watcher {
        private final PrintStream out;
        private final boolean json;
        private final boolean terminal;
        /** Whether the job moved at the first view: only then are the views printed. */
        private boolean watching;
        private boolean first = true;
        private String line;
        /** The real clock, for a rehearsal: its lines show the simulated time beside the real one. */
        java.time.Clock rehearsal;
        private int printed;

        Watcher(PrintStream out, boolean json, boolean terminal) {
            this.out = out;
            this.json = json;
            this.terminal = terminal;
        }

        void accept(ImportJobView view) {
            if (first) {
                first = false;
                watching = view.moving();
                if (watching) {
                    line = Views.importJobLine(view);
                    emit(view, line, 0);
                }
                return;
            }
            String next = Views.importJobLine(view);
            if (!view.changes().isEmpty() || !next.equals(line)) {
                boolean freshLine = terminal && !view.changes().isEmpty();
                if (freshLine) {
                    out.println();
                }
                view.changes().forEach(this::emitChange);
                emit(view, next, freshLine ? 0 : printed);
                line = next;
            }
        }

        /** After the last view: the job as {@code status} shows it (with --json, only when it did not move). */
        void end(Workspace workspace, ImportJobView view) {
            if (!watching) {
                print(out, json, workspace, view.jobName(), view);
                return;
            }
            if (terminal) {
                out.println();
            }
            if (!json) {
                out.println();
                print(out, false, workspace, view.jobName(), view);
            }
        }

        private void emitChange(String change) {
            if (json) {
                Views.printJsonLine(out, Map.of("event", "change", "change", change));
            } else {
                out.println(change);
            }
        }

        /** @param overwrite on a terminal, the length of the line this one redraws */
        private void emit(ImportJobView view, String line, int overwrite) {
            if (json) {
                Map<String, Object> m = Views.importJob(view);
                m.put("event", "status");
                m.put("job", view.jobName());
                m.put("state", view.jobState().label());
                if (rehearsal != null && view.serviceNow() != null) {
                    m.put("simulatedTime", view.serviceNow().toString());
                    m.put("realTime", rehearsal.instant().toString());
                }
                Views.printJsonLine(out, m);
                return;
            }
            String shown = rehearsal != null && view.serviceNow() != null ? line + "  (simulated "
                    + Views.time(view.serviceNow()) + ", real " + Views.time(rehearsal.instant()) + ")" : line;
            printed = shown.length();
            if (terminal) {
                out.print("\r" + shown + " ".repeat(Math.max(0, overwrite - shown.length())));
                out.flush();
            } else {
                out.println(shown);
            }
        }
    }

    private static double seconds(String option, String text, double otherwise) throws InvalidInputException {
        if (text == null) {
            return otherwise;
        }
        try {
            double seconds = Double.parseDouble(text.strip());
            if (seconds > 0 && seconds <= 31_536_000) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(new Problem(option, text, "is not a number of seconds between 0 and a year",
                "e.g. 30 or 0.5"));
    }

    static void print(PrintStream out, boolean json, Workspace workspace, String name, ImportJobView view) {
        try (Catalog catalog = workspace.catalog()) {
            SeedingJob job = catalog.job(name).orElseThrow();
            List<Drive> drives = catalog.drives(name);
            Optional<Shipment> shipment = catalog.shipment(name);
            Optional<ReturnDetails> returns = catalog.returnDetails(name);
            Map<String, String> properties = catalog.jobProperties(name);
            List<JobEvent> events = catalog.events(name);
            Optional<Deadline> deadline = Optional.ofNullable(view.deadline());
            if (json) {
                Map<String, Object> m = Views.job(job);
                m.put("nextStates", JobStates.next(job.state()).stream().map(s -> s.label()).toList());
                m.put("drives", drives.stream().map(Views::drive).toList());
                m.put("shipment", shipment.map(Views::shipment).orElse(null));
                deadline.ifPresent(d -> m.put("shippingDeadline", Views.deadline(d)));
                if (view.reported()) {
                    m.put("importJob", Views.importJob(view));
                }
                returns.ifPresent(r -> m.put("returnDetails", Views.returnDetails(r)));
                m.put("properties", properties);
                m.put("events", events.stream().map(Views::event).toList());
                Views.printJson(out, m);
                return;
            }
            out.println("Job " + job.name() + " — " + job.state().label());
            out.printf("  %-18s %s%n", SeedRules.STAGING, job.stagingLocation());
            out.printf("  %-18s %s%n", SeedRules.STORAGE_ACCOUNT, job.storageAccount());
            out.printf("  %-18s %s%n", SeedRules.CONTAINER, job.container());
            out.printf("  %-18s %s%n", SeedRules.SUBSCRIPTION, job.subscriptionId());
            out.printf("  %-18s %s%n", SeedRules.LOCATION, job.location());
            out.printf("  %-18s %s%n", "connector", job.connector());
            String rehearsal = properties.get(ImportJobService.PROP_REHEARSAL);
            if (rehearsal != null) {
                out.printf("  %-18s %s%n", "rehearsal", "its import job runs on a clock of its own, " + rehearsal
                        + " simulated days a real second");
            }
            out.printf("  %-18s %s%n", "workloads", job.workloads().isEmpty() ? "(none)"
                    : String.join(", ", job.workloads().stream().map(WorkloadSpec::toString).toList()));
            out.printf("  %-18s %s%n", "created", Views.time(job.created()));
            deadline.ifPresent(d -> out.printf("  %-18s %s%s%n", "shipping", d.describe(), d.warn() ? " — "
                    + "WARNING" : ""));
            if (view.serviceState() == JobState.EXPIRED) {
                out.printf("  %-18s %s%n", "shipping", "expired: the service deleted the import job; the drives "
                        + "need a new job");
            }
            if (view.reported()) {
                Views.printImportJob(out, view);
            }
            if (!drives.isEmpty()) {
                out.println();
                Views.printDrives(out, drives);
            }
            shipment.ifPresent(s -> out.printf("%n  shipped with %s, tracking %s, %d drives%n", s.carrier(),
                    s.trackingNumber(), s.driveCount()));
            returns.ifPresent(r -> ReturnOptions.describe(r).forEach(line -> out.printf("  %-18s %s%n",
                    "return " + line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2))));
            if (!events.isEmpty()) {
                out.println();
                out.println("Recent events:");
                for (JobEvent e : events.subList(Math.max(0, events.size() - RECENT_EVENTS), events.size())) {
                    out.printf("  %s  %-14s %s  (%s)%n", Views.time(e.time()), e.kind(), e.detail(), e.actor());
                }
            }
        }
    }

    /** Whether the job is a rehearsal (its import job runs on a clock of its own). */
    private boolean rehearsal(Invocation inv) {
        try (org.seedbench.catalog.Catalog catalog = inv.openCatalog()) {
            return catalog.jobProperties(name).get(ImportJobService.PROP_REHEARSAL) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
