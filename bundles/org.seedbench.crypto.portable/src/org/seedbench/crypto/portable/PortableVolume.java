package org.seedbench.crypto.portable;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

import javax.crypto.AEADBadTagException;

import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.support.volume.FolderVolume;
import org.seedbench.core.support.volume.StoredOutput;

/**
 * An unlocked portable drive: every file under its mount point is a header and AES-256-GCM sealed segments of
 * 64 KiB plain text (FORMAT.md). Holds the volume key until closed.
 *
 * <p>A segment is sealed as soon as it is full, so {@link org.seedbench.core.spi.DiskEncryptor.DriveFile#sync()}
 * makes every complete segment durable; the bytes of a segment still filling stay in memory until it is full
 * or the file is finished. Resume points are multiples of 1 MiB, which are segment boundaries, so every resume
 * point up to {@code position()} survives a sync.
 */
final class PortableVolume extends FolderVolume {
    private final byte[] volumeKey;
    private final SecureRandom random;

    PortableVolume(DriveTarget drive, byte[] volumeKey, SecureRandom random) throws IOException {
        super(drive);
        this.volumeKey = volumeKey;
        this.random = random;
    }

    @Override
    protected Encoder startFile(String path, StoredOutput out) throws IOException {
        byte[] salt = new byte[PortableFormat.SALT_LENGTH];
        random.nextBytes(salt);
        byte[] header = PortableFormat.fileHeader(salt);
        out.write(header, 0, header.length);
        return new SegmentEncoder(cipher(path, header), out, 0);
    }

    @Override
    protected Encoder resumeFile(String path, FileChannel unfinished, long at, StoredOutput out) throws IOException {
        byte[] header = readHeader(path, unfinished);
        SegmentCipher cipher = cipher(path, header);
        long index = at / PortableFormat.SEGMENT_SIZE;
        if (index > 0) {
            byte[] stored = new byte[PortableFormat.STORED_SEGMENT];
            readFully(unfinished, PortableFormat.segmentOffset(index - 1), stored, stored.length, path);
            try {
                cipher.open(index - 1, false, stored, 0, stored.length, new byte[PortableFormat.SEGMENT_SIZE], 0);
            } catch (GeneralSecurityException e) {
                throw new IOException(describe(path) + " cannot be resumed: the bytes before offset " + at
                        + " do not authenticate; create it afresh", e);
            }
        }
        return new SegmentEncoder(cipher, out, index);
    }

    @Override
    protected long storedOffset(long at) {
        return PortableFormat.segmentOffset(at / PortableFormat.SEGMENT_SIZE);
    }

    /** The plain bytes in the complete segments of the unfinished file; -1 when its header is missing. */
    @Override
    protected long resumableLength(String path, FileChannel unfinished) throws IOException {
        long size = unfinished.size();
        if (size < PortableFormat.HEADER_LENGTH) {
            return -1;
        }
        byte[] header = new byte[PortableFormat.HEADER_LENGTH];
        readFully(unfinished, 0, header, header.length, path);
        if (PortableFormat.headerProblem(header) != null) {
            return -1;
        }
        return (size - PortableFormat.HEADER_LENGTH) / PortableFormat.STORED_SEGMENT * PortableFormat.SEGMENT_SIZE;
    }

    /** The plain length, after checking that the last segment authenticates as the last one. */
    @Override
    protected long plainLength(String path, FileChannel file) throws IOException {
        long stored = file.size();
        long length = PortableFormat.plainLength(stored);
        if (length < 0) {
            throw damaged(path, "its " + stored + " bytes are not a header and whole segments (cut short?)", null);
        }
        new SegmentReader(path, file, readHeader(path, file), length, false)
                .openSegment(length / PortableFormat.SEGMENT_SIZE);
        return length;
    }

    @Override
    protected InputStream decoder(String path, FileChannel file, long offset, long length) throws IOException {
        SegmentReader reader = new SegmentReader(path, file, readHeader(path, file), length, true);
        reader.seek(offset);
        return reader;
    }

    @Override
    public long storedSize(long plainLength) {
        return PortableFormat.storedSize(plainLength);
    }

    @Override
    public void close() throws IOException {
        super.close();
        Arrays.fill(volumeKey, (byte) 0);
    }

    private SegmentCipher cipher(String path, byte[] header) throws IOException {
        ensureOpen();
        try {
            return new SegmentCipher(PortableFormat.fileKey(volumeKey, PortableFormat.salt(header)), header, path,
                    random);
        } catch (GeneralSecurityException e) {
            throw new IOException("AES-256-GCM is not available in this Java runtime: " + e.getMessage(), e);
        }
    }

    private byte[] readHeader(String path, FileChannel file) throws IOException {
        byte[] header = new byte[PortableFormat.HEADER_LENGTH];
        if (file.size() < header.length) {
            throw damaged(path, "it is shorter than its header", null);
        }
        readFully(file, 0, header, header.length, path);
        String problem = PortableFormat.headerProblem(header);
        if (problem != null) {
            throw damaged(path, "it " + problem, null);
        }
        return header;
    }

    private IOException damaged(String path, String why, Exception cause) {
        return new IOException(describe(path) + " is damaged: " + why + "; copy it to the drive again", cause);
    }

    private void readFully(FileChannel file, long position, byte[] into, int length, String path)
            throws IOException {
        ByteBuffer b = ByteBuffer.wrap(into, 0, length);
        while (b.hasRemaining()) {
            if (file.read(b, position + b.position()) < 0) {
                throw new EOFException(describe(path) + " ended early");
            }
        }
    }

    /** Seals plain bytes into segments as soon as a segment is full; the last one when the file is finished. */
    private static final class SegmentEncoder implements Encoder {
        private final SegmentCipher cipher;
        private final StoredOutput out;
        private final byte[] plain = new byte[PortableFormat.SEGMENT_SIZE];
        private int filled;
        private long index;

        SegmentEncoder(SegmentCipher cipher, StoredOutput out, long index) {
            this.cipher = cipher;
            this.out = out;
            this.index = index;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == 0 && len >= PortableFormat.SEGMENT_SIZE) {
                    seal(b, off, PortableFormat.SEGMENT_SIZE, false);
                    off += PortableFormat.SEGMENT_SIZE;
                    len -= PortableFormat.SEGMENT_SIZE;
                    continue;
                }
                int n = Math.min(len, PortableFormat.SEGMENT_SIZE - filled);
                System.arraycopy(b, off, plain, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == PortableFormat.SEGMENT_SIZE) {
                    seal(plain, 0, filled, false);
                    filled = 0;
                }
            }
        }

        @Override
        public void finish() throws IOException {
            seal(plain, 0, filled, true);
            filled = 0;
        }

        private void seal(byte[] b, int off, int len, boolean last) throws IOException {
            int at = out.append(len + PortableFormat.SEGMENT_OVERHEAD);
            try {
                cipher.seal(index, last, b, off, len, out.array(), at);
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-256-GCM failed: " + e.getMessage(), e);
            }
            index++;
        }
    }

    /** Reads a finished file's segments in batches, opening each; one that does not authenticate fails the read. */
    private final class SegmentReader extends InputStream {
        private static final int BATCH = 16;
        private final String path;
        private final FileChannel file;
        private final SegmentCipher cipher;
        private final long length;
        private final long lastIndex;
        private final byte[] stored;
        private final byte[] plain = new byte[PortableFormat.SEGMENT_SIZE];
        private final byte[] one = new byte[1];
        private long batchIndex;
        private long batchCount;
        private long nextIndex;
        private int plainPos;
        private int plainLen;
        private boolean closed;

        SegmentReader(String path, FileChannel file, byte[] header, long length, boolean batched) throws IOException {
            this.path = path;
            this.file = file;
            this.cipher = cipher(path, header);
            this.length = length;
            this.lastIndex = length / PortableFormat.SEGMENT_SIZE;
            this.stored = new byte[(batched ? BATCH : 1) * PortableFormat.STORED_SEGMENT];
        }

        /** Positions the stream at plain {@code offset}; the segment holding it is opened at once. */
        void seek(long offset) throws IOException {
            openSegment(offset / PortableFormat.SEGMENT_SIZE);
            plainPos = (int) (offset % PortableFormat.SEGMENT_SIZE);
        }

        /** Opens segment {@code index} into the plain buffer. */
        void openSegment(long index) throws IOException {
            if (index < batchIndex || index >= batchIndex + batchCount) {
                fetch(index);
            }
            int at = (int) (index - batchIndex) * PortableFormat.STORED_SEGMENT;
            try {
                plainLen = cipher.open(index, index == lastIndex, stored, at, storedLength(index), plain, 0);
            } catch (AEADBadTagException e) {
                throw damaged(path, "its bytes " + index * PortableFormat.SEGMENT_SIZE + " to "
                        + Math.min(length, (index + 1) * PortableFormat.SEGMENT_SIZE)
                        + " do not authenticate (changed, moved or cut short)", e);
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-256-GCM failed: " + e.getMessage(), e);
            }
            plainPos = 0;
            nextIndex = index + 1;
        }

        private int storedLength(long index) {
            return index == lastIndex ? (int) (length % PortableFormat.SEGMENT_SIZE) + PortableFormat.SEGMENT_OVERHEAD
                    : PortableFormat.STORED_SEGMENT;
        }

        /** Reads the stored segments from {@code index} on, as many as the batch holds. */
        private void fetch(long index) throws IOException {
            long count = Math.min(stored.length / PortableFormat.STORED_SEGMENT, lastIndex - index + 1);
            int bytes = (int) ((count - 1) * PortableFormat.STORED_SEGMENT) + storedLength(index + count - 1);
            batchCount = 0;
            readFully(file, PortableFormat.segmentOffset(index), stored, bytes, path);
            batchIndex = index;
            batchCount = count;
        }

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException(describe(path) + ": the stream is closed");
            }
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            while (plainPos == plainLen) {
                if (nextIndex > lastIndex) {
                    return -1;
                }
                openSegment(nextIndex);
            }
            int n = Math.min(len, plainLen - plainPos);
            System.arraycopy(plain, plainPos, b, off, n);
            plainPos += n;
            return n;
        }

        @Override
        public int available() {
            return plainLen - plainPos;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            file.close();
        }
    }
}
