package org.seedbench.backup.internal.pack;

import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;

/**
 * A blob ready to go into a pack: compressed and encrypted.
 *
 * @param type      what it holds
 * @param id        its id
 * @param bytes     holds the stored form in its first {@code length} bytes
 * @param length    the stored form's length
 * @param rawLength its plaintext size
 */
public record EncodedBlob(BlobType type, BlobId id, byte[] bytes, int length, int rawLength) {

    /** A blob whose stored form is all of {@code bytes}. */
    public EncodedBlob(BlobType type, BlobId id, byte[] bytes, int rawLength) {
        this(type, id, bytes, bytes.length, rawLength);
    }
}
