package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.batch.cli.UsageException;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.workflow.ImportJobService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedbench ship JOB --carrier … --tracking …}: the shipping details of the job's package. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "ship", description = "give the import service the carrier, tracking number and return details of the "
        + "drives' package",
        footer = "Shipping details are due within 14 days of the import job's creation; the service deletes the job "
                + "after. The return details the job has already (seedbench return-address) need not be given "
                + "again; those given here replace them.")
public final class ShipVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", description = "the job's name")
    String job;

    @Option(names = "--carrier", paramLabel = "NAME", description = "the carrier that takes the package, e.g. FedEx, "
            + "UPS, DHL")
    String carrier;

    @Option(names = "--tracking", paramLabel = "NO", description = "the package's tracking number; it belongs to this "
            + "job only")
    String tracking;

    @Mixin
    ReturnOptions returns;

    @Option(names = "--ship-date", paramLabel = "YYYY-MM-DD", description = "when the package left: today (the "
            + "default) or up to 7 days ago")
    String shipDate;

    @Option(names = "--drive", paramLabel = "SERIAL", description = "a drive in the package (repeat; default: all the "
            + "job's drives). One package carries the drives of one job only.")
    List<String> drive = new ArrayList<>();

    @Option(names = "--replace", description = "the job has a package already: this one replaces it (recorded in the "
            + "job's events); without it a second package is refused")
    boolean replace;

    @Override
    public int order() {
        return 120;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        String carrier = required(this.carrier, "carrier");
        String tracking = required(this.tracking, "tracking");
        ReturnDetails given = returns.given();
        Shipment shipment;
        try {
            shipment = inv.services().importJobs().ship(inv.workspace(), job, new Shipment(job, carrier, tracking,
                    ImportJobService.shipDate(shipDate), drive, given.address(), given.shipping()), replace);
        } catch (InvalidInputException e) {
            if (!ReturnOptions.allMissingDetails(e.problems())) {
                throw e;
            }
            inv.err().println("seedbench ship: " + ReturnOptions.missingLine(job,
                    e.problems().stream().map(Problem::field).toList()));
            return ExitCode.INVALID_INPUT;
        }
        if (inv.json()) {
            Map<String, Object> m = Views.shipment(shipment);
            m.put("job", job);
            m.put("state", "Shipping");
            Views.printJson(inv.out(), m);
            return ExitCode.DONE;
        }
        printText(inv.out(), job, shipment);
        return ExitCode.DONE;
    }

    /** What {@code ship} prints of the recorded shipment (without --json). */
    static void printText(PrintStream out, String job, Shipment shipment) {
        out.printf("Job %s: Shipping. %d drive%s (%s) with %s, tracking %s, shipped %s.%n", job,
                shipment.driveCount(), shipment.driveCount() == 1 ? "" : "s", String.join(", ",
                        shipment.driveSerials()), shipment.carrier(), shipment.trackingNumber(), shipment.shipDate());
        out.println("Next: seedbench status " + job + " --watch");
    }

    private static String required(String value, String option) throws UsageException {
        if (value == null) {
            throw new UsageException("missing --" + option, null);
        }
        return value;
    }
}
