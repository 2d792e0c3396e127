package org.seedbench.workflow;

import java.util.ArrayList;
import java.util.List;

import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.model.ReturnAddress;

/**
 * One job of a plan ({@code bundles/org.seedbench.batch/PLAN.md}) with the plan's defaults merged in: the inputs
 * {@code init} takes, what the later steps need, and the steps to run, in order. Absent values are null (lists:
 * empty).
 *
 * @param waitMinutes how long {@code wait} watches the import job; null: until it settles
 */
public record PlanJob(String name, String staging, String storageAccount, String container, String subscription,
        String location, String connector, String sourceHost, List<String> workloads, List<String> include,
        List<String> exclude, List<String> drives, String encryptor, String passphraseFile, Shipping shipping,
        List<String> steps, String waitMinutes, String rehearsalDaysPerSecond) {

    /** The steps of a job, in the order they run. */
    public static final List<String> STEPS = List.of("init", "stage", "prepare-drives", "ship", "wait",
            "seed-vault", "backup", "cleanup");

    /**
     * The shipping details the {@code ship} step gives; absent values are null. The return details are stored with
     * the job before {@code prepare-drives} (Data Box needs them when the import job is created) and given again at
     * {@code ship}.
     *
     * @param returns never null ({@link ReturnDetails#NONE} when the plan gives none)
     */
    public record Shipping(String carrier, String tracking, String shipDate, ReturnDetails returns) {
        public static final Shipping NONE = new Shipping(null, null, null, ReturnDetails.NONE);

        public Shipping {
            returns = returns == null ? ReturnDetails.NONE : returns;
        }
    }

    public PlanJob {
        workloads = workloads == null ? List.of() : List.copyOf(workloads);
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        drives = drives == null ? List.of() : List.copyOf(drives);
        shipping = shipping == null ? Shipping.NONE : shipping;
        steps = steps == null ? STEPS : List.copyOf(steps);
    }

    /** How long {@code wait} watches, in seconds (rounded as {@code status --timeout} takes it); null: no limit. */
    public Long waitSeconds() {
        return waitMinutes == null ? null : Math.round(Double.parseDouble(waitMinutes) * 60);
    }

    /**
     * The {@code seedbench} command line a user would type for the step, for front ends to show what runs (the plan
     * runner calls the services, not this command line).
     */
    public List<String> command(String step) {
        List<String> a = new ArrayList<>();
        a.add(step.equals("wait") ? "status" : step);
        if (step.equals("init")) {
            a.addAll(List.of("--name", name));
            option(a, "staging", staging);
            option(a, "storage-account", storageAccount);
            option(a, "container", container);
            option(a, "subscription", subscription);
            option(a, "location", location);
            option(a, "connector", connector);
            option(a, "source-host", sourceHost);
            workloads.forEach(w -> a.addAll(List.of("--workload", w)));
            include.forEach(w -> a.addAll(List.of("--include", w)));
            exclude.forEach(w -> a.addAll(List.of("--exclude", w)));
            if (rehearsalDaysPerSecond != null) {
                a.add("--rehearsal");
                option(a, "days-per-second", rehearsalDaysPerSecond);
            }
            return a;
        }
        a.add(name);
        switch (step) {
            case "stage", "backup" -> option(a, "passphrase-file", passphraseFile);
            case "prepare-drives" -> {
                a.add("--yes-format");
                option(a, "encryptor", encryptor);
                drives.forEach(d -> a.addAll(List.of("--drive", d)));
            }
            case "ship" -> {
                option(a, "carrier", shipping.carrier());
                option(a, "tracking", shipping.tracking());
                option(a, "ship-date", shipping.shipDate());
                ReturnAddress r = shipping.returns().address();
                option(a, "return-recipient", r.recipientName());
                option(a, "return-street1", r.streetAddress1());
                option(a, "return-street2", r.streetAddress2());
                option(a, "return-city", r.city());
                option(a, "return-state", r.stateOrProvince());
                option(a, "return-postal-code", r.postalCode());
                option(a, "return-country", r.countryOrRegion());
                option(a, "return-phone", r.phone());
                option(a, "return-email", r.email());
                option(a, "return-carrier", shipping.returns().shipping().carrierName());
                option(a, "return-carrier-account", shipping.returns().shipping().carrierAccountNumber());
            }
            case "wait" -> {
                a.add("--watch");
                if (waitMinutes != null) {
                    a.addAll(List.of("--timeout", String.valueOf(waitSeconds())));
                }
            }
            default -> {
            }
        }
        return a;
    }

    private static void option(List<String> a, String option, String value) {
        if (value != null) {
            a.addAll(List.of("--" + option, value));
        }
    }
}
