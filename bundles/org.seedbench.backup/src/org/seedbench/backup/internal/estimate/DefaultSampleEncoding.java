package org.seedbench.backup.internal.estimate;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.seedbench.backup.RepositoryOptions;
import org.seedbench.backup.SampleEncoding;
import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.chunker.Chunker;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.crypto.MasterKeys;

/** The engine's chunker and {@link BlobCodec} on samples, under throw-away keys. */
@Component(service = SampleEncoding.class)
public class DefaultSampleEncoding implements SampleEncoding {

    @Override
    public Encoder newEncoder() {
        return new SampleEncoder(RepositoryOptions.defaults());
    }

    /** One thread's encoder: its own keys, codec, chunker and output buffer. */
    static final class SampleEncoder implements Encoder {
        private final MasterKeys keys;
        private final BlobCodec codec;
        private final Chunker chunker;
        private byte[] out = new byte[0];

        SampleEncoder(RepositoryOptions options) {
            keys = MasterKeys.generate(new SecureRandom());
            codec = new BlobCodec(keys, options.compressionLevel());
            chunker = new Chunker(Chunker.gearTable(codec), options.minChunkSize(), options.averageChunkSize(),
                    options.maxChunkSize());
        }

        @Override
        public List<SampledChunk> encode(byte[] data, int off, int len, boolean fileStart, boolean fileEnd) {
            List<SampledChunk> chunks = new ArrayList<>();
            int end = off + len;
            int at = off;
            while (at < end) {
                int n = chunker.next(data, at, end - at);
                boolean first = at == off;
                boolean last = at + n == end;
                if ((fileStart || !first) && (fileEnd || !last)) {
                    chunks.add(encodeChunk(data, at, n));
                }
                at += n;
            }
            return chunks;
        }

        private SampledChunk encodeChunk(byte[] data, int at, int n) {
            BlobId id = codec.id(data, at, n);
            if (out.length < n + BlobCodec.OVERHEAD) {
                out = new byte[n + BlobCodec.OVERHEAD];
            }
            int stored = codec.encodeBlob(BlobType.DATA, id, data, at, n, out);
            return new SampledChunk(id.hex(), n, stored);
        }

        @Override
        public int maxChunkSize() {
            return chunker.max();
        }

        @Override
        public void close() {
            codec.close();
            keys.close();
        }
    }
}
