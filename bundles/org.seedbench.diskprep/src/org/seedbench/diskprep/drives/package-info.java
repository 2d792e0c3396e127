/**
 * The drives a copy computer can prepare: discovery of attached drives ({@code lsblk} on Linux, Get-Disk on
 * Windows), folder drives for rehearsals, and the copy-computer rule for virtual-machine sources.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.diskprep.drives;
