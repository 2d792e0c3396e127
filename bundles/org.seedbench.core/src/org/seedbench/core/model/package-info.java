/**
 * The Seedbench model: seeding jobs, drives, shipments and the cloud's view of an import job.
 * Plain Java values; no UI, no persistence.
 */
@org.osgi.annotation.versioning.Version("2.0.0")
package org.seedbench.core.model;
