/** The command runner of this computer, the {@link org.seedbench.core.spi.CommandRunner} service. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.core.support.commands;
