/**
 * An open repository (config, keys, index loading, blob and snapshot reads and writes) and the pack committer that
 * writes a run's packs and index files in the order that keeps the repository good when a run is killed.
 */
package org.seedbench.backup.internal.repository;
