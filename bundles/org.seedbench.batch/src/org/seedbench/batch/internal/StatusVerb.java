package org.seedbench.batch.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.JobStates;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.rules.ShippingRules.Deadline;

/** {@code seedbench status JOB}: where a job stands and what comes next. */
final class StatusVerb implements Verb {
    private static final int RECENT_EVENTS = 8;

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "show a job: its inputs, state, drives, shipment, deadline and recent events";
    }

    @Override
    public String help() {
        return """
                usage: seedbench status JOB [--json] [--data DIR]
                  --json      print the job as JSON""";
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        String name = inv.args().requirePositional("the job's name", usage());
        try (Catalog catalog = inv.openCatalog()) {
            SeedingJob job = catalog.job(name).orElseThrow(() -> new InvalidInputException(
                    new Problem("job", name, "does not exist", "a job listed by seedbench jobs")));
            List<Drive> drives = catalog.drives(name);
            Optional<Shipment> shipment = catalog.shipment(name);
            Map<String, String> properties = catalog.jobProperties(name);
            List<JobEvent> events = catalog.events(name);
            Instant now = inv.clock().instant();
            Optional<Deadline> deadline = Views.deadline(job, properties, now);
            if (inv.json()) {
                Map<String, Object> m = Views.job(job);
                m.put("nextStates", JobStates.next(job.state()).stream().map(s -> s.label()).toList());
                m.put("drives", drives.stream().map(Views::drive).toList());
                m.put("shipment", shipment.map(Views::shipment).orElse(null));
                deadline.ifPresent(d -> {
                    Map<String, Object> dm = new LinkedHashMap<>();
                    dm.put("due", d.due().toString());
                    dm.put("daysLeft", d.daysLeft());
                    dm.put("warn", d.warn());
                    dm.put("expired", d.expired());
                    m.put("shippingDeadline", dm);
                });
                m.put("properties", properties);
                m.put("events", events.stream().map(Views::event).toList());
                Views.printJson(inv.out(), m);
                return ExitCode.DONE;
            }
            var out = inv.out();
            out.println("Job " + job.name() + " — " + job.state().label());
            out.printf("  %-18s %s%n", SeedRules.STAGING, job.stagingLocation());
            out.printf("  %-18s %s%n", SeedRules.STORAGE_ACCOUNT, job.storageAccount());
            out.printf("  %-18s %s%n", SeedRules.CONTAINER, job.container());
            out.printf("  %-18s %s%n", SeedRules.SUBSCRIPTION, job.subscriptionId());
            out.printf("  %-18s %s%n", SeedRules.LOCATION, job.location());
            out.printf("  %-18s %s%n", "connector", job.connector());
            out.printf("  %-18s %s%n", "workloads", job.workloads().isEmpty() ? "(none)"
                    : String.join(", ", job.workloads().stream().map(WorkloadSpec::toString).toList()));
            out.printf("  %-18s %s%n", "created", Views.time(job.created()));
            deadline.ifPresent(d -> out.printf("  %-18s %s%s%n", "shipping", d.describe(), d.warn() ? " — WARNING" : ""));
            if (!drives.isEmpty()) {
                out.println();
                Views.printDrives(out, drives);
            }
            shipment.ifPresent(s -> out.printf("%n  shipped with %s, tracking %s, %d drives%n", s.carrier(),
                    s.trackingNumber(), s.driveCount()));
            if (!events.isEmpty()) {
                out.println();
                out.println("Recent events:");
                for (JobEvent e : events.subList(Math.max(0, events.size() - RECENT_EVENTS), events.size())) {
                    out.printf("  %s  %-14s %s  (%s)%n", Views.time(e.time()), e.kind(), e.detail(), e.actor());
                }
            }
        }
        return ExitCode.DONE;
    }
}
