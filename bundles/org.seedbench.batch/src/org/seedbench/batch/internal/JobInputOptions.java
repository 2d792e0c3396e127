package org.seedbench.batch.internal;

import java.util.ArrayList;
import java.util.List;

import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.workflow.JobService;

import picocli.CommandLine.Option;

/**
 * The inputs of "initiate offline backup" that {@code init} takes and {@code edit} changes: the staging location,
 * storage account, container, subscription, location and the workloads with their globs.
 */
public final class JobInputOptions {
    @Option(names = "--staging", paramLabel = "DIR", description = "staging location: local folder, mounted share or "
            + "UNC path")
    String staging;

    @Option(names = "--storage-account", paramLabel = "NAME", description = "Azure storage account: 3–24 lowercase "
            + "letters and digits")
    String storageAccount;

    @Option(names = "--container", paramLabel = "NAME", description = "import container: 3–63 lowercase letters, "
            + "digits, single hyphens")
    String container;

    @Option(names = "--subscription", paramLabel = "GUID", description = "Azure subscription id")
    String subscription;

    @Option(names = "--location", paramLabel = "REGION", description = "Azure location whose datacenter receives the "
            + "drives, e.g. westeurope")
    String location;

    @Option(names = "--workload", paramLabel = "SOURCE:TARGET", description = "what to seed, e.g. files:/srv/data "
            + "(repeatable; see seedbench workloads). "
            + "DPM/MABS protection group: dpm:INVENTORY[::DATASOURCE]… (mabs: alike), the inventory JSON its export "
            + "script wrote, then each datasource to seed after a double colon (none: all), "
            + "e.g. 'dpm:C:\\seed\\pg.json::SQL01\\db1::D:\\'; a name two computers share is written COMPUTER\\NAME; "
            + "each datasource becomes its own snapshot")
    List<String> workload = new ArrayList<>();

    @Option(names = "--include", paramLabel = "GLOB", description = "only items matching GLOB (repeatable, for every "
            + "workload)")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB", description = "leave out items matching GLOB (repeatable, for "
            + "every workload)")
    List<String> exclude = new ArrayList<>();

    /** The workloads as given, each with the include and exclude globs. */
    List<WorkloadSpec> workloads() throws InvalidInputException {
        return JobService.workloads(workload, include, exclude);
    }
}
