package org.seedbench.core.model;

/**
 * How the drives come back: the carrier the datacenter hands them to and the admin's account with it (the
 * services' {@code returnShipping} and {@code returnToCustomerPackageDetails}). Not the carrier that takes
 * them to the datacenter: that one is the {@link Shipment}'s.
 */
public record ReturnShipping(String carrierName, String carrierAccountNumber) {

    public static final ReturnShipping NONE = new ReturnShipping(null, null);

    public ReturnShipping {
        carrierName = carrierName == null || carrierName.isBlank() ? null : carrierName.strip();
        carrierAccountNumber = carrierAccountNumber == null || carrierAccountNumber.isBlank() ? null
                : carrierAccountNumber.strip();
    }

    public boolean isComplete() {
        return carrierName != null && carrierAccountNumber != null;
    }
}
