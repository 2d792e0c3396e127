package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.workflow.ImportJobService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code seedbench return-address JOB [--return-…]}: sets or updates the job's return details (before
 * {@code prepare-drives}: Data Box asks for them when the import job is created); with no option, prints them.
 */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "return-address", description = "set or show where the datacenter sends the job's drives back, "
        + "whom it calls, and the return carrier and account",
        footer = "Give them before prepare-drives (Data Box needs them when the import job is created) or at ship. "
                + "Options not given keep what the job has; with no option, the job's return details are printed.")
public final class ReturnAddressVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", description = "the job's name")
    String job;

    @Mixin
    ReturnOptions returns;

    @Override
    public int order() {
        return 85;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        ImportJobService importJobs = inv.services().importJobs();
        ReturnDetails details = returns.any() ? importJobs.updateReturnDetails(inv.workspace(), job, returns.given())
                : importJobs.returnDetails(inv.workspace(), job);
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job", job);
            m.putAll(Views.returnDetails(details));
            m.put("missing", ReturnOptions.options(ImportJobService.missing(details)));
            Views.printJson(inv.out(), m);
            return ExitCode.DONE;
        }
        printText(inv.out(), job, details, returns.any());
        return ExitCode.DONE;
    }

    private static void printText(PrintStream out, String job, ReturnDetails details, boolean updated) {
        out.println("Job " + job + (updated ? ": return details recorded." : ": return details"));
        ReturnOptions.describe(details).forEach(line -> out.println("  " + line));
        List<String> missing = ReturnOptions.options(ImportJobService.missing(details));
        if (!missing.isEmpty()) {
            out.println("Still needed before the drives ship: " + String.join(", ", missing));
        }
    }
}
