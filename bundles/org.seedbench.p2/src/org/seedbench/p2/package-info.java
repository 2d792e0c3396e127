/**
 * Installing, updating, listing and removing Seedbench plugins (features of an update site) with p2, without a
 * user interface: what the workbench's Help &gt; Install Plugins… and the headless {@code seedbench plugins} verb
 * both use, so that both read sites, resolve, check signatures and decide trust the same way.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.p2;
