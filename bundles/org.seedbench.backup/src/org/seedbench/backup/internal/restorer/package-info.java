/**
 * Restoring a snapshot into a folder.
 */
package org.seedbench.backup.internal.restorer;
