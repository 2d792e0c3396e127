package org.seedbench.batch.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;

/** {@code seedbench ship JOB --carrier … --tracking …}: the shipping details of the job's package. */
final class ShipVerb implements Verb {

    @Override
    public String name() {
        return "ship";
    }

    @Override
    public String summary() {
        return "give the import service the carrier, tracking number and return details of the drives' package";
    }

    @Override
    public String help() {
        return """
                usage: seedbench ship JOB --carrier NAME --tracking NO --return-address TEXT --return-carrier-account NO [--ship-date YYYY-MM-DD] [--drive SERIAL…] [--replace] [--json]
                  --carrier NAME                 the carrier that takes the package, e.g. FedEx, UPS, DHL
                  --tracking NO                  the package's tracking number; it belongs to this job only
                  --return-address TEXT          where the datacenter sends the drives back
                  --return-carrier-account NO    your account with the carrier for the return
                  --ship-date YYYY-MM-DD         when the package left: today (the default) or up to 7 days ago
                  --drive SERIAL                 a drive in the package (repeat; default: all the job's drives).
                                                 One package carries the drives of one job only.
                  --replace                      the job has a package already: this one replaces it (recorded in
                                                 the job's events); without it a second package is refused
                  --json                         print the shipment as JSON
                Shipping details are due within 14 days of the import job's creation; the service deletes the job after.""";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("carrier", "tracking", "ship-date", "return-address", "return-carrier-account", "drive");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("replace");
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        String job = inv.args().requirePositional("the job's name", usage());
        String carrier = required(inv, "carrier");
        String tracking = required(inv, "tracking");
        String returnAddress = required(inv, "return-address");
        String returnAccount = required(inv, "return-carrier-account");
        Shipment shipment = inv.services().importJobs().ship(inv.workspace(), job, new Shipment(job, carrier,
                tracking, shipDate(inv.args().value("ship-date")), inv.args().values("drive"), returnAddress,
                returnAccount), inv.args().has("replace"));
        if (inv.json()) {
            Map<String, Object> m = Views.shipment(shipment);
            m.put("job", job);
            m.put("state", "Shipping");
            Views.printJson(inv.out(), m);
            return ExitCode.DONE;
        }
        inv.out().printf("Job %s: Shipping. %d drive%s (%s) with %s, tracking %s, shipped %s.%n", job,
                shipment.driveCount(), shipment.driveCount() == 1 ? "" : "s", String.join(", ",
                        shipment.driveSerials()), shipment.carrier(), shipment.trackingNumber(), shipment.shipDate());
        inv.out().println("Next: seedbench status " + job + " --watch");
        return ExitCode.DONE;
    }

    private String required(Invocation inv, String option) throws UsageException {
        String value = inv.args().value(option);
        if (value == null) {
            throw new UsageException("missing --" + option, usage());
        }
        return value;
    }

    private static LocalDate shipDate(String text) throws InvalidInputException {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(new Problem("ship date", text, "is not a date", "YYYY-MM-DD"));
        }
    }
}
