package org.seedbench.backup.internal.pack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.crypto.Sha256;
import org.seedbench.core.spi.ObjectStore;

/**
 * Writes one pack at a time: blobs stream into a pending object while their SHA-256 is taken; {@link #finish}
 * appends the sealed trailer and footer and commits the pack under the hex of that hash. Used by one
 * thread.
 */
public final class PackWriter implements AutoCloseable {
    /**
     * Written and hashed in slices: the JIT compiles SHA-256 with its intrinsic early (see
     * {@link BlobCodec}), and the slices pass through the storage's buffer instead of a large direct one.
     */
    private static final int SLICE = 64 * 1024;
    private final ObjectStore storage;
    private final BlobCodec codec;
    private final String folder;
    private final List<PackEntry> entries = new ArrayList<>();
    private ObjectStore.PendingObject pending;
    private OutputStream out;
    private MessageDigest sha;
    private long offset;

    /** A writer of data packs; {@code codec} seals the trailers and is not shared with another thread. */
    public PackWriter(ObjectStore storage, BlobCodec codec) {
        this(storage, codec, PackFormat.FOLDER);
    }

    /**
     * A writer of packs into {@code folder} ({@link org.seedbench.backup.RepositoryLayout#DATA_PACKS} or
     * {@link org.seedbench.backup.RepositoryLayout#TREE_PACKS}); {@code codec} seals the trailers and is not shared
     * with another thread.
     */
    public PackWriter(ObjectStore storage, BlobCodec codec, String folder) {
        this.storage = storage;
        this.codec = codec;
        this.folder = folder;
    }

    /** A finished pack: its name (64 hex digits), its blobs and its size in bytes. */
    public record FinishedPack(String name, List<PackEntry> entries, long size) {
    }

    /**
     * A pack whose bytes are all written but which is not committed yet: committing (forcing it to disk
     * and giving it its name) may happen on another thread while the next pack is written.
     */
    public static final class SealedPack {
        private final FinishedPack pack;
        private final ObjectStore.PendingObject pending;
        private final String folder;

        SealedPack(FinishedPack pack, ObjectStore.PendingObject pending, String folder) {
            this.pack = pack;
            this.pending = pending;
            this.folder = folder;
        }

        public String name() {
            return pack.name();
        }

        /** Makes the pack durable and visible under its name. */
        public FinishedPack commit() throws IOException {
            pending.commit(PackFormat.objectName(folder, pack.name()));
            return pack;
        }

        /** Discards the pack unless it was committed. */
        public void discard() throws IOException {
            pending.close();
        }
    }

    /** Whether no blob was added since the last pack was finished. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Blobs the pack has so far. */
    public int entryCount() {
        return entries.size();
    }

    /** Bytes the pack has so far. */
    public long size() {
        return offset;
    }

    /** Appends a blob. */
    public void add(EncodedBlob blob) throws IOException {
        if (pending == null) {
            pending = storage.create(folder);
            out = pending.output();
            sha = Sha256.digest();
            offset = 0;
            write(PackFormat.HEADER);
        }
        entries.add(new PackEntry(blob.type(), blob.id(), offset, blob.length(), blob.rawLength()));
        write(blob.bytes(), blob.length());
    }

    private void write(byte[] bytes) throws IOException {
        write(bytes, bytes.length);
    }

    private void write(byte[] bytes, int length) throws IOException {
        for (int done = 0; done < length; done += SLICE) {
            int n = Math.min(SLICE, length - done);
            out.write(bytes, done, n);
            sha.update(bytes, done, n);
        }
        offset += length;
    }

    /** Writes trailer and footer, and commits the pack. */
    public FinishedPack finish() throws IOException {
        return seal().commit();
    }

    /** Writes trailer and footer; the pack is committed through what this returns. */
    public SealedPack seal() throws IOException {
        if (entries.isEmpty()) {
            throw new IllegalStateException("a pack holds at least one blob");
        }
        byte[] trailer = codec.seal(PackFormat.TRAILER_LABEL, PackFormat.encodeEntries(entries), false);
        write(trailer);
        ByteBuffer footer = ByteBuffer.allocate(PackFormat.FOOTER);
        footer.putInt(trailer.length);
        footer.put(PackFormat.FOOTER_MAGIC);
        write(footer.array());
        out.flush();
        String name = HexFormat.of().formatHex(sha.digest());
        SealedPack sealed = new SealedPack(new FinishedPack(name, List.copyOf(entries), offset), pending, folder);
        pending = null;
        out = null;
        entries.clear();
        offset = 0;
        return sealed;
    }

    /** Discards the pack being written, if any. */
    @Override
    public void close() throws IOException {
        entries.clear();
        if (pending != null) {
            ObjectStore.PendingObject p = pending;
            pending = null;
            out = null;
            p.close();
        }
    }
}
