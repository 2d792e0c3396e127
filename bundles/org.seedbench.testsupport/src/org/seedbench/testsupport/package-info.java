/**
 * Contract tests for the four SPIs. An implementation's test bundle extends the contract class of its SPI
 * and supplies the implementation and its test data; the inherited tests check the SPI's documented
 * contract. {@link org.seedbench.testsupport.RealDatacenterRulesConnector} gives tests a simulated datacenter
 * with a real one's rules about drives (the encryptors it unlocks, a container SAS), without reaching Azure.
 * {@link org.seedbench.testsupport.PostgresServer} is the real PostgreSQL server the shared catalog's tests use.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.seedbench.testsupport;
