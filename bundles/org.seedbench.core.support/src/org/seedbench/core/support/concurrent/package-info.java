/**
 * Waiting for work done on other threads ({@link org.seedbench.core.support.concurrent.Futures}).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.core.support.concurrent;
