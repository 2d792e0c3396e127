package org.seedbench.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.seedbench.backup.BackupEngine;
import org.seedbench.backup.PrefixedStore;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.support.bandwidth.Bandwidth;
import org.seedbench.core.support.bandwidth.ThrottledObjectStore;

/**
 * Where a job's data sits in the cloud: the import container the datacenter filled, and the vault, the
 * container {@value #DEFAULT_CONTAINER} of the job's storage account (job property {@value #PROP_CONTAINER}
 * names another), which holds the job's repository under the prefix {@code <job>/}.
 */
final class Vaults {
    static final String DEFAULT_CONTAINER = "seedbench-vault";
    static final String PROP_CONTAINER = "vault.container";

    private Vaults() {
    }

    /**
     * A job's containers through a session of its connector.
     *
     * @param vaultName the vault container's name
     * @param spool     where versions before sessions spooled the vault's uploads (cleanup deletes it)
     */
    record Place(SeedingJob job, CloudSession connector, ObjectStore imports, ObjectStore vault,
            String vaultName, Path spool) {

        /** The prefix of the job's blobs in both containers. */
        String prefix() {
            return job.name() + "/";
        }

        /** The repository in the vault. */
        PrefixedStore storage() {
            return new PrefixedStore(vault, prefix());
        }

        /**
         * The same place, with every byte sent into the vault passing {@code bandwidth} (itself when nothing limits
         * it): the one place uploads are throttled, whatever the connector. Objects written wait in {@link #spool}.
         */
        Place throttled(Bandwidth bandwidth, Progress progress) {
            if (bandwidth == null || !bandwidth.limits()) {
                return this;
            }
            return new Place(job, connector, imports, new ThrottledObjectStore(vault, bandwidth, progress::isCanceled,
                    spool), vaultName, spool);
        }

        /** Where the vault is, for messages. */
        String describe() {
            return connector.connectorId() + ":" + job.storageAccount() + "/" + vaultName + "/" + prefix();
        }
    }

    /** The job's repository in the vault. @throws InvalidInputException when the vault holds none yet */
    static PrefixedStore repository(BackupEngine engine, Place place) throws InvalidInputException, IOException {
        PrefixedStore storage = place.storage();
        if (!engine.isRepository(storage)) {
            throw new InvalidInputException(new Problem("job", place.job().name(), "has no repository in the vault "
                    + place.describe() + " yet", "a seeded job: seedbench seed-vault " + place.job().name()));
        }
        return storage;
    }

    static Place place(CloudConnectors connectors, Workspace workspace, SeedingJob job, Map<String, String> properties)
            throws InvalidInputException, IOException {
        CloudSession connector = connectors.signedIn(workspace, job.connector());
        String vaultName = properties.getOrDefault(PROP_CONTAINER, DEFAULT_CONTAINER);
        return new Place(job, connector, connector.container(job.storageAccount(), job.container()),
                connector.container(job.storageAccount(), vaultName), vaultName,
                workspace.vaultFolder(job.name()).resolve("spool"));
    }
}
