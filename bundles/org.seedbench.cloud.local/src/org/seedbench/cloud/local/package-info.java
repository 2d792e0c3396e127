/**
 * The embedded {@code local} cloud: storage accounts and import jobs on the local file system, and a
 * simulator that plays the datacenter for shipped drives.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.cloud.local;
