/**
 * A backup run, one pipeline stage a class: the item reader, the encoder pool, the tree builder, and the run that
 * ties them to the pack committer and writes the snapshots.
 */
package org.seedbench.backup.internal.archiver;
