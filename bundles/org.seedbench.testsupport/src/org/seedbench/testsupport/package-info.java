/**
 * Contract tests for the four SPIs. An implementation's test bundle extends the contract class of its SPI
 * and supplies the implementation and its test data; the inherited tests check the SPI's documented
 * contract.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.testsupport;
