package org.seedbench.backup.internal.index;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.DamagedException;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.crypto.Sha256;
import org.seedbench.backup.internal.pack.PackEntry;
import org.seedbench.backup.internal.pack.PackFormat;
import org.seedbench.core.spi.ObjectStore;

/**
 * An index file ({@code index/<sha-256 of the file>}): for a set of packs, the blobs each holds (FORMAT.md,
 * "Index files"). Files may overlap; a reader merges them.
 */
public final class IndexFile {
    /** Folder of the index files. */
    public static final String FOLDER = "index";
    public static final String LABEL = "seedbench:index:v1";
    private static final int VERSION = 1;

    private IndexFile() {
    }

    /** Seals and writes an index of the packs; returns its object name. */
    public static String write(ObjectStore storage, BlobCodec codec, Map<String, List<PackEntry>> packs)
            throws IOException {
        byte[] sealed = codec.seal(LABEL, encode(packs), false);
        String name = FOLDER + "/" + Sha256.hex(sealed);
        storage.put(name, sealed);
        return name;
    }

    /** Reads and opens an index file. */
    public static Map<String, List<PackEntry>> read(ObjectStore storage, BlobCodec codec, String name)
            throws IOException {
        return decode(codec.open(LABEL, storage.get(name)), name);
    }

    public static byte[] encode(Map<String, List<PackEntry>> packs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(packs.size());
            HexFormat hex = HexFormat.of();
            for (Map.Entry<String, List<PackEntry>> e : packs.entrySet()) {
                out.write(hex.parseHex(e.getKey()));
                PackFormat.writeEntries(out, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Map<String, List<PackEntry>> decode(byte[] plain, String name) throws DamagedException {
        ByteBuffer in = ByteBuffer.wrap(plain);
        try {
            if (in.get() != VERSION) {
                throw new DamagedException("index file " + name + " has an unknown version");
            }
            int count = in.getInt();
            if (count < 0 || count > plain.length / BlobId.LENGTH) {
                throw new DamagedException("index file " + name + " claims " + count + " packs");
            }
            Map<String, List<PackEntry>> packs = new LinkedHashMap<>();
            byte[] pack = new byte[BlobId.LENGTH];
            for (int i = 0; i < count; i++) {
                in.get(pack);
                packs.put(HexFormat.of().formatHex(pack), PackFormat.readEntries(in, "index file " + name));
            }
            if (in.hasRemaining()) {
                throw new DamagedException("index file " + name + " has bytes after its packs");
            }
            return packs;
        } catch (java.nio.BufferUnderflowException e) {
            throw new DamagedException("index file " + name + " ends too early", e);
        }
    }
}
