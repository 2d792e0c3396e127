/**
 * The persistent catalog of seeding jobs, their drives, shipments and event log. Obtain a
 * {@link CatalogService} as an OSGi service and {@link CatalogService#open open} the data directory.
 */
@org.osgi.annotation.versioning.Version("1.5.0")
package org.seedbench.catalog;
