package org.seedbench.core.spi;

/** An Azure location and the address of the datacenter that receives its drives. */
public record DatacenterLocation(String id, String displayName, String recipient, String streetAddress,
        String city, String stateOrProvince, String postalCode, String countryOrRegion, String phone) {

    /** The address as it goes on the package. */
    public String shippingAddress() {
        return String.join("\n", recipient, streetAddress, city + ", " + stateOrProvince + " " + postalCode,
                countryOrRegion, "Phone: " + phone);
    }
}
