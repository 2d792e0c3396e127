package org.seedbench.batch.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.rules.WorkloadChecks;

/** {@code seedbench init}: the "initiate offline backup" screen on the command line. */
final class InitVerb implements Verb {


    @Override
    public boolean createsCatalog() {
        return true;
    }
    @Override
    public String name() {
        return "init";
    }

    @Override
    public String summary() {
        return "create a seeding job (the inputs of \"initiate offline backup\")";
    }

    @Override
    public String help() {
        return """
                usage: seedbench init --name JOB --staging DIR --storage-account ACCOUNT --container NAME \
                --subscription GUID --location REGION [--workload SOURCE:TARGET]… [options]
                  --name JOB                import job name: 3–24 letters, digits, hyphens; starts with a letter
                  --staging DIR             staging location: local folder, mounted share or UNC path
                  --storage-account NAME    Azure storage account: 3–24 lowercase letters and digits
                  --container NAME          import container: 3–63 lowercase letters, digits, single hyphens
                  --subscription GUID       Azure subscription id
                  --location REGION         Azure location whose datacenter receives the drives, e.g. westeurope
                  --workload SOURCE:TARGET  what to seed, e.g. files:/srv/data (repeatable; see seedbench workloads)
                                            DPM/MABS protection group: dpm:INVENTORY[::DATASOURCE]… (mabs: alike),
                                            the inventory JSON its export script wrote, then each datasource to seed
                                            after a double colon (none: all), e.g.
                                            'dpm:C:\\seed\\pg.json::SQL01\\db1::D:\\'; a name two computers share
                                            is written COMPUTER\\NAME; each datasource becomes its own snapshot
                  --include GLOB            only items matching GLOB (repeatable, for every workload)
                  --exclude GLOB            leave out items matching GLOB (repeatable, for every workload)
                  --connector ID            cloud connector: local (default, embedded) or azure
                  --source-host NAME        the machine the data comes from, when it is a virtual machine
                  --json                    print the job as JSON
                  --data DIR                data directory (default ~/.seedbench, or SEEDBENCH_DATA)""";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("name", "staging", "storage-account", "container", "subscription", "location", "workload",
                "include", "exclude", "connector", "source-host");
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        Args a = inv.args();
        a.requireNoPositionals(usage());
        List<WorkloadSpec> workloads = new ArrayList<>();
        for (String w : a.values("workload")) {
            try {
                WorkloadSpec spec = WorkloadSpec.parse(w);
                Map<String, String> options = new LinkedHashMap<>();
                if (!a.values("include").isEmpty()) {
                    options.put("include", String.join("\n", a.values("include")));
                }
                if (!a.values("exclude").isEmpty()) {
                    options.put("exclude", String.join("\n", a.values("exclude")));
                }
                workloads.add(new WorkloadSpec(spec.sourceId(), spec.target(), options));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(new Problem(SeedRules.WORKLOAD, w, e.getMessage(), null));
            }
        }
        SeedingJob job = new SeedingJob(a.value("name"), a.value("staging"), a.value("storage-account"),
                a.value("container"), a.value("subscription"), a.value("location"), workloads, a.value("connector"),
                a.value("source-host"), inv.clock().instant(), JobState.DRAFT);
        InvalidInputException.throwIfAny(WorkloadChecks.checkNewJob(job, inv.workloadSources()));
        try (Catalog catalog = inv.openCatalog()) {
            SeedingJob created = catalog.createJob(job);
            if (inv.json()) {
                Views.printJson(inv.out(), Views.job(created));
            } else {
                inv.out().println("Created job " + created.name() + " (" + created.state().label() + "): "
                        + created.storageAccount() + "/" + created.container() + " in " + created.location()
                        + ", staging at " + created.stagingLocation());
                if (created.workloads().isEmpty()) {
                    inv.out().println("No workloads yet: add them with init --workload SOURCE:TARGET on a new job.");
                }
                inv.out().println("Next: seedbench stage " + created.name());
            }
        }
        return ExitCode.DONE;
    }
}
