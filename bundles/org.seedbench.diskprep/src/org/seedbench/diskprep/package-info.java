/**
 * Drive preparation: allocates a staged seed's packs across drives, copies them through a
 * {@link org.seedbench.core.spi.DiskEncryptor} with an MD5 per 4 MiB block, writes the WAImportExport-style
 * drive manifest, the per-drive journal and DriveInfo file, and verifies drives against their manifests.
 */
@org.osgi.annotation.versioning.Version("2.0.0")
package org.seedbench.diskprep;
