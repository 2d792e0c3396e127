package org.seedbench.backup;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs the backup engine's own chunker, compression and encryption on samples of data, without a repository: what a
 * pre-flight estimate measures the seed's size and the staging speed with. Registered as a Declarative Services
 * component.
 */
@ProviderType
public interface SampleEncoding {

    /**
     * A new encoder under fresh random keys with the default chunk sizes and compression level (a new staging
     * repository's); used by one thread at a time. Nothing it encodes is kept or written.
     */
    Encoder newEncoder();

    /** Chunks and encodes windows of files as a stage would. */
    interface Encoder extends AutoCloseable {

        /**
         * Cuts the window into chunks and compresses and encrypts each one. A chunk that a stage of the whole file
         * could cut elsewhere is left out: the first when the window does not start the file, the last when it does
         * not end it.
         *
         * @param fileStart whether the window starts at the file's first byte
         * @param fileEnd   whether the window ends at the file's last byte
         * @return the chunks kept, in order
         */
        List<SampledChunk> encode(byte[] data, int off, int len, boolean fileStart, boolean fileEnd);

        /** The largest chunk the chunker cuts, in bytes. */
        int maxChunkSize();

        @Override
        void close();
    }

    /**
     * One chunk of a sample.
     *
     * @param id           the chunk's id under the encoder's key (equal content, equal id)
     * @param rawLength    its bytes before compression
     * @param storedLength its bytes once compressed (when that shrinks it) and encrypted, as a pack holds it
     */
    record SampledChunk(String id, int rawLength, int storedLength) {
    }
}
