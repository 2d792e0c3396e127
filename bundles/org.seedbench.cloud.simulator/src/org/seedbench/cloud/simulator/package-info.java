/**
 * A stand-in for Azure's import services on 127.0.0.1: {@link org.seedbench.cloud.simulator.ImportServiceSimulator}
 * answers the Azure Resource Manager REST operations of Azure Import/Export and Azure Data Box (customer disks)
 * and has a signed-in {@link org.seedbench.core.spi.CloudSession} do the work, in practice the local connector's
 * datacenter simulator, which finds the shipped drives on this computer through its
 * {@link org.seedbench.core.spi.DriveDock}.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.seedbench.cloud.simulator;
