package org.seedbench.backup;

import org.seedbench.core.spi.ObjectStore;

/**
 * An open repository: its storage and, held in memory until {@link #close()}, the keys its passphrase
 * unlocked. Obtained from {@link BackupEngine#init} or {@link BackupEngine#open}. Its {@code toString()}
 * names the location only.
 */
public interface Repository extends AutoCloseable {

    /** The repository's id (64 hex digits), the same in staging and in the vault. */
    String id();

    /** Where the repository is kept. */
    ObjectStore storage();

    /** The chunk and pack sizes the repository was created with. */
    RepositoryOptions options();

    /** Forgets the keys. */
    @Override
    void close();
}
