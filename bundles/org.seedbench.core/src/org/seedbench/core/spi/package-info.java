/**
 * The four service provider interfaces through which plugins meet the engines: {@link WorkloadSource},
 * {@link StagingProvider}, {@link DiskEncryptor} and {@link CloudConnector}. Implementations register as
 * OSGi Declarative Services components; each SPI has a contract test in {@code org.seedbench.testsupport}.
 */
@org.osgi.annotation.versioning.Version("3.2.0")
package org.seedbench.core.spi;
