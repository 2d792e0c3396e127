/**
 * The engine's internals, a package per concern (blob, crypto, chunker, pack, index, snapshot, repository,
 * archiver, restorer, checker, engine); here only what several of them and the storages share: locked temporary
 * files and daemon threads.
 */
package org.seedbench.backup.internal;
