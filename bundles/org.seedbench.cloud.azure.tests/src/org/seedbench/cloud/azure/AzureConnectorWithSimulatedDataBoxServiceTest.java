package org.seedbench.cloud.azure;

/**
 * The same contract with the jobs created through Azure Data Box's customer-disk REST operations, answered by
 * the simulator on 127.0.0.1.
 */
class AzureConnectorWithSimulatedDataBoxServiceTest extends AzureConnectorWithSimulatedImportServiceTest {

    AzureConnectorWithSimulatedDataBoxServiceTest(Azurite azurite) {
        super(azurite);
    }

    @Override
    protected String route() {
        return "databox";
    }
}
