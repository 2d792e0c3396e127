/**
 * Drive preparation: allocates a staged seed's packs across drives, copies them through a
 * {@link org.seedbench.core.spi.DiskEncryptor} with an MD5 per 4 MiB block, writes the drive manifest the Azure
 * Import/Export service reads, the per-drive journal and DriveInfo file, and verifies drives against their
 * manifests.
 *
 * <p>What the Azure Import/Export tool (WAImportExport) leaves behind, and what Seedbench keeps of it, a faithful
 * subset: the drive's {@code drive-manifest.xml} at its root in the service's documented manifest format (the job
 * names it {@code \drive-manifest.xml}); and, on the copy computer, per drive, the
 * {@code <journal file name>_DriveInfo_<drive serial>.xml} file with the tool's {@code DriveId},
 * {@code BitLockerKey}, {@code ManifestFile} and {@code ManifestHash} (Seedbench's journal name is the job's name,
 * and its own fields follow the tool's). The tool's {@code .jrn} journal (a database of its own) and its dataset
 * and driveset CSV files are not written: Seedbench's {@code <serial>.journal} is its own resume point, and the
 * drives and what goes on them come from the job and {@code --drive}, not from CSV files.
 */
@org.osgi.annotation.versioning.Version("2.2.0")
package org.seedbench.diskprep;
