/**
 * The drive manifest ({@code drive-manifest.xml}, the Import/Export tool's format): writing it while drives
 * are prepared, and reading a drive back against it block by block, as drive verification and the
 * datacenter do.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.seedbench.core.support.manifest;
