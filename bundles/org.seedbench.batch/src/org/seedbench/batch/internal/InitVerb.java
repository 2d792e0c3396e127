package org.seedbench.batch.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.RehearsalRules;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.workflow.JobService;

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
                  --rehearsal               a rehearsal on the local cloud's simulated datacenter: this job's import
                                            job runs on a compressed clock of its own (no other job's dates move)
                  --days-per-second N       a rehearsal's clock: simulated days per real second (default 0.1: a
                                            day every 10 s, 14 days to ship in 140 s)
                  --json                    print the job as JSON
                  --data DIR                data directory (default ~/.seedbench, or SEEDBENCH_DATA)""";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("name", "staging", "storage-account", "container", "subscription", "location", "workload",
                "include", "exclude", "connector", "source-host", "days-per-second");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("rehearsal");
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
        boolean hadCatalog = inv.hasCatalog();
        JobService.Created made = rehearsal(a)
                ? inv.services().jobs().createRehearsal(inv.workspace(), job, a.value("days-per-second"))
                : new JobService.Created(inv.services().jobs().create(inv.workspace(), job), null);
        if (!hadCatalog) {
            inv.err().println("seedbench: no catalog at " + inv.dataDirectory() + "; creating one");
        }
        SeedingJob created = made.job();
        String rehearsal = made.rehearsalDaysPerSecond();
        if (inv.json()) {
            Views.printJson(inv.out(), Views.job(created));
        } else {
            inv.out().println("Created job " + created.name() + " (" + created.state().label() + "): "
                    + created.storageAccount() + "/" + created.container() + " in " + created.location()
                    + ", staging at " + created.stagingLocation());
            if (created.workloads().isEmpty()) {
                inv.out().println("No workloads yet: add them with init --workload SOURCE:TARGET on a new job.");
            }
            if (rehearsal != null) {
                inv.out().println("A rehearsal: its import job runs on a clock of its own, " + rehearsal
                        + " simulated days a real second; no other job's dates move.");
            }
            inv.out().println("Next: seedbench stage " + created.name());
        }
        return ExitCode.DONE;
    }

    /** Whether the job is a rehearsal; a rehearsal's clock without --rehearsal is refused. */
    private static boolean rehearsal(Args a) throws InvalidInputException {
        String speed = a.value("days-per-second");
        if (!a.has("rehearsal") && speed != null) {
            throw new InvalidInputException(new Problem(RehearsalRules.DAYS_PER_SECOND, speed, "is the clock of "
                    + "a rehearsal only", "add --rehearsal, or leave it out for a real job"));
        }
        return a.has("rehearsal");
    }
}
