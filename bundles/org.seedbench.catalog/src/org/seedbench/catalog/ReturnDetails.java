package org.seedbench.catalog;

import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;

/**
 * A job's return details as the catalog keeps them: where the datacenter sends the drives back and with which
 * carrier and account. They belong to the job (Data Box needs them when the import job is created, Import/Export
 * when the drives ship); the job's shipment shows the same.
 *
 * @param address  never null ({@link ReturnAddress#NONE} when none was given)
 * @param shipping never null ({@link ReturnShipping#NONE} when none was given)
 */
public record ReturnDetails(ReturnAddress address, ReturnShipping shipping) {

    /** Nothing given yet. */
    public static final ReturnDetails NONE = new ReturnDetails(ReturnAddress.NONE, ReturnShipping.NONE);

    public ReturnDetails {
        address = address == null ? ReturnAddress.NONE : address;
        shipping = shipping == null ? ReturnShipping.NONE : shipping;
    }
}
