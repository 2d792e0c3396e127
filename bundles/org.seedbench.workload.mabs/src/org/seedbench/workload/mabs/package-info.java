/** The {@code mabs} workload source: an Azure Backup Server protection group, one snapshot per datasource. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.workload.mabs;
