/**
 * Keys and encryption (FORMAT.md, "Key files", "Blobs", "Envelopes"): the master keys, the passphrase's key files,
 * the blob codec (id, zstd, AES-256-GCM) with one per pipeline thread, and SHA-256, which names files by content.
 */
package org.seedbench.backup.internal.crypto;
