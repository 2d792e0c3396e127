package org.seedbench.batch.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.ReturnRules;

import picocli.CommandLine.Option;

/**
 * The return details of a job, as the import services ask for them: where the datacenter sends the drives back,
 * whom it calls about them, and the carrier and account it sends them with. For {@code init}, {@code ship} and
 * {@code return-address}; what is not given stays as the job has it.
 */
final class ReturnOptions {
    /** Each option by the problem field of the detail it gives, as {@link ReturnRules} names them. */
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put(ReturnRules.RECIPIENT_NAME, "--return-recipient");
        OPTIONS.put(ReturnRules.STREET_ADDRESS_1, "--return-street1");
        OPTIONS.put(ReturnRules.STREET_ADDRESS_2, "--return-street2");
        OPTIONS.put(ReturnRules.CITY, "--return-city");
        OPTIONS.put(ReturnRules.STATE_OR_PROVINCE, "--return-state");
        OPTIONS.put(ReturnRules.POSTAL_CODE, "--return-postal-code");
        OPTIONS.put(ReturnRules.COUNTRY_OR_REGION, "--return-country");
        OPTIONS.put(ReturnRules.PHONE, "--return-phone");
        OPTIONS.put(ReturnRules.EMAIL, "--return-email");
        OPTIONS.put(ReturnRules.RETURN_CARRIER, "--return-carrier");
        OPTIONS.put(ReturnRules.RETURN_CARRIER_ACCOUNT, "--return-carrier-account");
    }

    @Option(names = "--return-recipient", paramLabel = "NAME", description = "return address: the person or team "
            + "the drives go back to")
    String recipient;

    @Option(names = "--return-street1", paramLabel = "TEXT", description = "return address: street and number")
    String street1;

    @Option(names = "--return-street2", paramLabel = "TEXT", description = "return address: building, floor, suite "
            + "(optional)")
    String street2;

    @Option(names = "--return-city", paramLabel = "CITY", description = "return address: city")
    String city;

    @Option(names = "--return-state", paramLabel = "STATE", description = "return address: state or province "
            + "(where the country has them)")
    String state;

    @Option(names = "--return-postal-code", paramLabel = "CODE", description = "return address: postal code")
    String postalCode;

    @Option(names = "--return-country", paramLabel = "CC", description = "return address: country or region, its "
            + "two-letter ISO 3166-1 code, e.g. US, GB, DE")
    String country;

    @Option(names = "--return-phone", paramLabel = "PHONE", description = "the phone number the datacenter calls "
            + "about the drives (with country code)")
    String phone;

    @Option(names = "--return-email", paramLabel = "EMAIL", description = "the email address the datacenter writes "
            + "to about the drives")
    String email;

    @Option(names = "--return-carrier", paramLabel = "NAME", description = "the carrier that ships the drives back, "
            + "e.g. FedEx, UPS, DHL (may differ from the one that takes them there)")
    String carrier;

    @Option(names = "--return-carrier-account", paramLabel = "NO", description = "your account number with the "
            + "return carrier")
    String carrierAccount;

    /** The details given on the command line; what is not given is null. */
    ReturnDetails given() {
        return new ReturnDetails(new ReturnAddress(recipient, street1, street2, city, state, postalCode, country,
                phone, email), new ReturnShipping(carrier, carrierAccount));
    }

    /** Whether any option was given. */
    boolean any() {
        return !given().equals(ReturnDetails.NONE);
    }

    /** The options that give the missing details, e.g. {@code --return-city}, in the order of the help. */
    static List<String> options(List<String> missing) {
        List<String> options = new ArrayList<>();
        OPTIONS.forEach((detail, option) -> {
            if (missing.contains(detail)) {
                options.add(option);
            }
        });
        return options;
    }

    /** Whether every one of {@code problems} says that a return detail is missing. */
    static boolean allMissingDetails(List<Problem> problems) {
        return !problems.isEmpty() && problems.stream().allMatch(ReturnRules::isMissing);
    }

    /**
     * A problem of a return detail as the command line names it: by its option without the dashes (e.g.
     * {@code return country 'Ireland': …} for {@code returnAddress.countryOrRegion}); any other problem as it is.
     */
    static Problem labelled(Problem p) {
        String option = OPTIONS.get(p.field());
        return option == null ? p
                : new Problem(option.substring(2).replace('-', ' '), p.value(), p.problem(), p.allowed());
    }

    /**
     * The one line that says which return details are missing, e.g. {@code the return address lacks --return-city,
     * --return-phone; give them (or seedbench return-address JOB …)}.
     */
    static String missingLine(String job, List<String> missing) {
        List<String> options = options(missing);
        boolean addressOnly = missing.stream().allMatch(m -> m.startsWith(ReturnRules.ADDRESS));
        boolean shippingOnly = missing.stream().allMatch(m -> m.startsWith(ReturnRules.SHIPPING));
        String what = addressOnly ? "the return address" : shippingOnly ? "the return shipping" : "the return details";
        return what + " lacks " + String.join(", ", options) + "; give them (or seedbench return-address " + job
                + " " + options.get(0) + " …)";
    }

    /** Whether the address is only the free text of an older catalog, no field given yet. */
    static boolean isLegacy(ReturnAddress a) {
        return a.legacyText() != null && ReturnAddress.legacy(a.legacyText()).equals(a);
    }

    /**
     * The return details as {@code return-address} and {@code status} print them: {@code address: …} and
     * {@code carrier: …}.
     */
    static List<String> describe(ReturnDetails details) {
        List<String> lines = new ArrayList<>();
        ReturnAddress a = details.address();
        if (a.isEmpty()) {
            lines.add("address: (none)");
        } else if (isLegacy(a)) {
            lines.add("address: " + a.oneLine() + " (free text of an older Seedbench: enter it again with the "
                    + "--return-* options)");
        } else {
            lines.add("address: " + a.oneLine());
        }
        ReturnShipping s = details.shipping();
        lines.add("carrier: " + (s.carrierName() == null ? "(none)" : s.carrierName())
                + (s.carrierAccountNumber() == null ? ", no account" : ", account " + s.carrierAccountNumber()));
        return lines;
    }
}
