/** The {@code dpm} workload source: a DPM protection group, one snapshot per datasource. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.workload.dpm;
