/**
 * The backup engine: a content-addressed, encrypted, deduplicating repository (the staging repository of a
 * seed and, later, the cloud vault) and the {@link org.seedbench.backup.BackupEngine} service that backs
 * workloads up into it, verifies it and restores from it. The repository is reached through a
 * {@link org.seedbench.core.spi.ObjectStore}: a staging provider's folder store keeps it in a local folder;
 * {@link org.seedbench.backup.PrefixedStore} puts it under a name prefix of another store, e.g. a cloud
 * connector's vault container. The on-disk format is described in the bundle's {@code FORMAT.md}.
 */
@org.osgi.annotation.versioning.Version("2.4.0")
package org.seedbench.backup;
