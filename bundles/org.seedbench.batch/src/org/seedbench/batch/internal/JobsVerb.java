package org.seedbench.batch.internal;

import java.util.List;

import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.SeedingJob;

/** {@code seedbench jobs}: every job and its state. */
final class JobsVerb implements Verb {

    @Override
    public String name() {
        return "jobs";
    }

    @Override
    public String summary() {
        return "list the seeding jobs and their states";
    }

    @Override
    public String help() {
        return """
                usage: seedbench jobs [--json] [--data DIR]
                  --json      print the jobs as a JSON array""";
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        inv.args().requireNoPositionals(usage());
        try (Catalog catalog = inv.openCatalog()) {
            List<SeedingJob> jobs = catalog.jobs();
            if (inv.json()) {
                Views.printJson(inv.out(), jobs.stream().map(Views::job).toList());
                return ExitCode.DONE;
            }
            if (jobs.isEmpty()) {
                inv.out().println("No jobs yet. Create one with: seedbench init --help");
                return ExitCode.DONE;
            }
            inv.out().printf("%-24s %-18s %-16s %-24s %s%n", "JOB", "STATE", "CREATED", "ACCOUNT/CONTAINER",
                    "WORKLOADS");
            for (SeedingJob j : jobs) {
                inv.out().printf("%-24s %-18s %-16s %-24s %s%n", j.name(), j.state().label(), Views.time(j.created()),
                        j.storageAccount() + "/" + j.container(), j.workloads().size());
            }
        }
        return ExitCode.DONE;
    }
}
