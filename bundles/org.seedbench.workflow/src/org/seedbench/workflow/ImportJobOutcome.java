package org.seedbench.workflow;

import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.spi.DatacenterLocation;

/**
 * The import job of a seeding job, as created (or found, on a rerun) at the service.
 *
 * @param location the datacenter the drives are shipped to
 * @param created  whether this call created the import job; false when the service already had it
 */
public record ImportJobOutcome(CloudJobStatus status, DatacenterLocation location, boolean created) {
}
