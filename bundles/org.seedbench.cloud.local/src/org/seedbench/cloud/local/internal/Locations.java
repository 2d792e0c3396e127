package org.seedbench.cloud.local.internal;

import java.util.List;

import org.seedbench.core.spi.DatacenterLocation;

/**
 * The Azure locations the simulated datacenter answers for. Their addresses say plainly that they are the
 * simulator's: nothing here is a place to send a real package to.
 */
public final class Locations {
    private static final String RECIPIENT = "Seedbench simulated datacenter (not a real address: do not ship)";

    private static final List<DatacenterLocation> ALL = List.of(
            location("westeurope", "West Europe", "Netherlands"),
            location("northeurope", "North Europe", "Ireland"),
            location("uksouth", "UK South", "United Kingdom"),
            location("francecentral", "France Central", "France"),
            location("germanywestcentral", "Germany West Central", "Germany"),
            location("eastus", "East US", "United States"),
            location("eastus2", "East US 2", "United States"),
            location("westus2", "West US 2", "United States"),
            location("centralus", "Central US", "United States"),
            location("japaneast", "Japan East", "Japan"),
            location("australiaeast", "Australia East", "Australia"));

    private Locations() {
    }

    public static List<DatacenterLocation> all() {
        return ALL;
    }

    private static DatacenterLocation location(String id, String name, String country) {
        return new DatacenterLocation(id, name + " (simulated)", RECIPIENT, "Simulated receiving dock, " + id,
                "Localhost", "Simulation", "00000", country, "none (simulated)");
    }
}
