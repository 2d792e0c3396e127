package org.seedbench.core.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A package of drives on its way to the datacenter. It belongs to exactly one job, and its tracking number
 * to no other job.
 */
public record Shipment(
        String jobName,
        String carrier,
        String trackingNumber,
        LocalDate shipDate,
        List<String> driveSerials,
        String returnAddress,
        String returnCarrierAccount) {

    public Shipment {
        driveSerials = driveSerials == null ? List.of() : List.copyOf(driveSerials);
    }

    public int driveCount() {
        return driveSerials.size();
    }
}
