/**
 * Verifying a repository: structure, index against packs, snapshots against index, and with read-data every blob.
 */
package org.seedbench.backup.internal.checker;
