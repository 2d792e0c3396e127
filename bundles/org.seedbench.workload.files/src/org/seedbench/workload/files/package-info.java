/**
 * The {@code files} workload: files and folders under a root folder, read as they are on disk. Besides the
 * {@link org.seedbench.core.spi.WorkloadSource} service, this package offers the change check the backup
 * engine uses for files that are written while they are read: {@link FilesWorkloadSource#unchanged},
 * {@link FilesWorkloadSource#refresh} and {@link ChangedWhileReadException}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.workload.files;
