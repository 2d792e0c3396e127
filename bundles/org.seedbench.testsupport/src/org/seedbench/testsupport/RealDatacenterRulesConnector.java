package org.seedbench.testsupport;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.ConnectorSettings;

/**
 * A simulated connector with a real datacenter's rules about drives, for tests that must not reach Azure: it signs
 * in to another connector (the local cloud) and its sessions say that their datacenter unlocks only the given
 * encryptors (Azure's: {@code bitlocker}) and give the given container SAS for the drive manifests, as an Azure
 * session does. Everything else is the other connector's. A test registers it as a service under its own id.
 */
public final class RealDatacenterRulesConnector implements CloudConnector {
    private final String id;
    private final CloudConnector delegate;
    private final List<String> unlockable;
    private final String containerSas;

    /**
     * @param containerSas the SAS every {@link CloudSession#importContainerSas} gives, or null for none
     */
    public RealDatacenterRulesConnector(String id, CloudConnector delegate, List<String> unlockable,
            String containerSas) {
        this.id = id;
        this.delegate = delegate;
        this.unlockable = List.copyOf(unlockable);
        this.containerSas = containerSas;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return "simulated datacenter with real rules (" + delegate.label() + ")";
    }

    @Override
    public CloudSession signIn(ConnectorSettings settings) throws IOException {
        return new Session(delegate.signIn(settings));
    }

    private final class Session extends ForwardingCloudSession {
        Session(CloudSession inner) {
            super(inner);
        }

        @Override
        public String connectorId() {
            return id;
        }

        @Override
        public List<String> unlockableEncryptors() {
            return unlockable;
        }

        @Override
        public Optional<Secret> importContainerSas(String storageAccount, String container, Instant expiresAt) {
            return Optional.ofNullable(containerSas).map(Secret::of);
        }

        @Override
        public Clock clock() {
            return inner().clock();
        }

        @Override
        public Clock clock(String subscriptionId, String jobName) throws IOException {
            return inner().clock(subscriptionId, jobName);
        }
    }
}
