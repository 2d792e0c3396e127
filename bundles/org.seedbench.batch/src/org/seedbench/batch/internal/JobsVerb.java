package org.seedbench.batch.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.ShippingRules.Deadline;
import org.seedbench.workflow.ImportJobService;

import picocli.CommandLine.Command;

/**
 * {@code seedbench jobs}: every job and its state, with what the import service last reported (from the catalog,
 * without asking the service) and the days left to ship a job waiting for shipping details.
 */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "jobs", description = "list the seeding jobs, their states and import jobs",
        footer = "The import job's state and percentage are as the last status or ship saw them. With --json, the "
                + "jobs as a JSON array.")
public final class JobsVerb implements CliVerb {

    @Override
    public int order() {
        return 30;
    }

    @Override
    public boolean needsCatalog() {
        return false;
    }
    @Override
    public ExitCode run(Invocation inv) throws Exception {
        if (!inv.hasCatalog()) {
            if (inv.json()) {
                Views.printJson(inv.out(), List.of());
            } else {
                inv.out().println("No jobs yet: there is no catalog at " + inv.dataDirectory()
                        + ". Create a job with: seedbench init --help");
            }
            return ExitCode.DONE;
        }
        List<SeedingJob> jobs;
        Map<String, Map<String, String>> props = new LinkedHashMap<>();
        try (Catalog catalog = inv.openCatalog()) {
            jobs = catalog.jobs();
            jobs.forEach(j -> props.put(j.name(), catalog.jobProperties(j.name())));
        }
        Map<String, Deadline> deadlines = new LinkedHashMap<>();
        for (SeedingJob j : jobs) {
            deadline(inv, j, props.get(j.name())).ifPresent(d -> deadlines.put(j.name(), d));
        }
        if (inv.json()) {
            Views.printJson(inv.out(), jobs.stream().map(j -> json(j, props.get(j.name()), deadlines.get(j.name())))
                    .toList());
            return ExitCode.DONE;
        }
        if (jobs.isEmpty()) {
            inv.out().println("No jobs yet. Create one with: seedbench init --help");
            return ExitCode.DONE;
        }
        String format = "%-24s %-18s %-16s %-24s %-9s %-26s %s%n";
        inv.out().printf(format, "JOB", "STATE", "CREATED", "ACCOUNT/CONTAINER", "WORKLOADS", "IMPORT JOB",
                "DAYS LEFT TO SHIP");
        for (SeedingJob j : jobs) {
            Map<String, String> p = props.get(j.name());
            Deadline d = deadlines.get(j.name());
            String service = p.containsKey(ImportJobService.PROP_STATE) ? p.get(ImportJobService.PROP_STATE) + " "
                    + p.getOrDefault(ImportJobService.PROP_PERCENT, "0") + "%" : "";
            inv.out().printf(format, j.name(), j.state().label(), Views.time(j.created()), j.storageAccount() + "/"
                    + j.container(), j.workloads().size(), service, d == null ? "" : d.expired() ? "expired"
                            : d.daysLeft() + (d.warn() ? " WARNING" : ""));
        }
        return ExitCode.DONE;
    }

    private static Map<String, Object> json(SeedingJob j, Map<String, String> p, Deadline d) {
        Map<String, Object> m = Views.job(j);
        if (p.containsKey(ImportJobService.PROP_STATE)) {
            m.put("serviceState", p.get(ImportJobService.PROP_STATE));
            m.put("percentComplete", Integer.parseInt(p.getOrDefault(ImportJobService.PROP_PERCENT, "0")));
        }
        if (d != null) {
            m.put("shippingDeadline", Views.deadline(d));
        }
        return m;
    }

    /** The deadline of a job waiting for shipping details; nothing when its connector cannot tell. */
    private static Optional<Deadline> deadline(Invocation inv, SeedingJob job, Map<String, String> props) {
        try {
            return inv.services().importJobs().deadline(inv.workspace(), job, props);
        } catch (InvalidInputException | IOException e) {
            return Optional.empty();
        }
    }
}
