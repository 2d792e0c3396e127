package org.seedbench.core.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A package of drives on its way to the datacenter. It belongs to exactly one job, and its tracking number
 * to no other job.
 *
 * @param carrier        the carrier that takes the package to the datacenter
 * @param returnAddress  where the datacenter sends the drives back; never null ({@link ReturnAddress#NONE})
 * @param returnShipping the carrier and account the datacenter sends them back with; never null
 */
public record Shipment(
        String jobName,
        String carrier,
        String trackingNumber,
        LocalDate shipDate,
        List<String> driveSerials,
        ReturnAddress returnAddress,
        ReturnShipping returnShipping) {

    public Shipment {
        driveSerials = driveSerials == null ? List.of() : List.copyOf(driveSerials);
        returnAddress = returnAddress == null ? ReturnAddress.NONE : returnAddress;
        returnShipping = returnShipping == null ? ReturnShipping.NONE : returnShipping;
    }

    /**
     * A shipment as older callers gave it: the return address as free text and the return account of the
     * outbound carrier.
     */
    public Shipment(String jobName, String carrier, String trackingNumber, LocalDate shipDate,
            List<String> driveSerials, String returnAddressText, String returnCarrierAccount) {
        this(jobName, carrier, trackingNumber, shipDate, driveSerials, ReturnAddress.legacy(returnAddressText),
                new ReturnShipping(carrier, returnCarrierAccount));
    }

    public int driveCount() {
        return driveSerials.size();
    }

    /** The admin's account with the return carrier, or null. */
    public String returnCarrierAccount() {
        return returnShipping.carrierAccountNumber();
    }
}
