package org.seedbench.backup.internal.pack;

import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;

/**
 * Where a blob is in its pack.
 *
 * @param type      what it holds
 * @param id        its id
 * @param offset    where its stored bytes start in the pack file
 * @param length    how many bytes it takes there (flags, nonce, ciphertext, tag)
 * @param rawLength its plaintext size
 */
public record PackEntry(BlobType type, BlobId id, long offset, int length, int rawLength) {
    /** Bytes of an entry in a trailer or an index file. */
    public static final int ENCODED = 1 + BlobId.LENGTH + 8 + 4 + 4;
}
