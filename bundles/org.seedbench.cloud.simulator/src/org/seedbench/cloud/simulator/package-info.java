/**
 * A stand-in for Azure's import services on 127.0.0.1: {@link org.seedbench.cloud.simulator.ImportServiceSimulator}
 * answers the Azure Resource Manager REST operations of Azure Import/Export and Azure Data Box (customer disks)
 * and has any {@link org.seedbench.core.spi.CloudConnector} do the work, in practice the local connector's
 * datacenter simulator. The shipped drives are found on this computer through a {@link org.seedbench.cloud.simulator.Dock}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.cloud.simulator;
