package org.seedbench.staging.local;

import java.nio.file.Path;

import org.seedbench.core.spi.StagingProvider;
import org.seedbench.testsupport.StagingProviderContract;

/** The local staging provider keeps the contract of every staging provider, with locations given as paths. */
class LocalStagingProviderContractTest extends StagingProviderContract {

    private final LocalStagingProvider provider = new LocalStagingProvider();

    @Override
    protected StagingProvider provider() {
        return provider;
    }

    @Override
    protected String location(Path folder) {
        return folder.toString();
    }
}
