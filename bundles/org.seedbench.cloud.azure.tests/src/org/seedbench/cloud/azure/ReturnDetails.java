package org.seedbench.cloud.azure;

import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;

/** A complete return address and return carrier, as an admin enters them, for requests the services accept. */
final class ReturnDetails {
    static final ReturnAddress ADDRESS = new ReturnAddress("Contoso IT", "1 Main St", "Building 4", "Springfield",
            "IL", "62701", "US", "+1 217 555 0100", "it@contoso.example");
    /** The carrier that brings the drives back: not the one that takes them to the datacenter. */
    static final ReturnShipping SHIPPING = new ReturnShipping("UPS", "UPS-778899");

    private ReturnDetails() {
    }
}
