package org.seedbench.staging.local;

import java.nio.file.Path;

import org.seedbench.core.spi.StagingProvider;
import org.seedbench.testsupport.StagingProviderContract;

/** The same contract with every location given as a {@code file:} URI. */
class FileUriLocationContractTest extends StagingProviderContract {

    private final LocalStagingProvider provider = new LocalStagingProvider();

    @Override
    protected StagingProvider provider() {
        return provider;
    }

    @Override
    protected String location(Path folder) {
        return folder.toUri().toString();
    }
}
