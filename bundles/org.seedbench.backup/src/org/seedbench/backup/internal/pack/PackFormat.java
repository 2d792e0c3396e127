package org.seedbench.backup.internal.pack;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.seedbench.backup.RepositoryLayout;
import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.blob.DamagedException;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.core.spi.ObjectStore;

/**
 * The pack file layout (FORMAT.md, "Packs"): an 8-byte header, the blobs, the sealed trailer listing
 * them, and an 8-byte footer giving the trailer's length.
 */
public final class PackFormat {
    /** "SBPK", version 1, three zero bytes. */
    static final byte[] HEADER = { 'S', 'B', 'P', 'K', 1, 0, 0, 0 };
    /** The footer's magic after the trailer length. */
    static final byte[] FOOTER_MAGIC = { 'S', 'B', 'P', 'T' };
    public static final int FOOTER = 8;
    /** The label of the trailer's envelope. */
    static final String TRAILER_LABEL = "seedbench:pack-trailer:v1";
    static final int TRAILER_VERSION = 1;
    /** Folder of the data packs (and, in a version 1 repository, of every pack). */
    public static final String FOLDER = RepositoryLayout.DATA_PACKS;
    /** The folders packs are kept in. */
    public static final List<String> PACK_FOLDERS = List.of(RepositoryLayout.DATA_PACKS, RepositoryLayout.TREE_PACKS);
    /** Bytes of the tail read at first when looking for a trailer. */
    private static final int FIRST_READ = 64 * 1024;

    private PackFormat() {
    }

    /** The object name of a data pack: {@code packs/<first two hex digits>/<64 hex digits>}. */
    public static String objectName(String pack) {
        return objectName(FOLDER, pack);
    }

    /**
     * The object name of a pack in a pack folder ({@link RepositoryLayout#DATA_PACKS} or
     * {@link RepositoryLayout#TREE_PACKS}): {@code <folder>/<first two hex digits>/<64 hex digits>}.
     */
    public static String objectName(String folder, String pack) {
        return folder + "/" + pack.substring(0, 2) + "/" + pack;
    }

    /**
     * The pack name of an object name under {@code packs/} or {@code treepacks/}, or {@code null} when it is not
     * one.
     */
    public static String packName(String objectName) {
        int slash = objectName.lastIndexOf('/');
        String name = objectName.substring(slash + 1);
        if (!name.matches("[0-9a-f]{64}")) {
            return null;
        }
        for (String folder : PACK_FOLDERS) {
            if (objectName.equals(objectName(folder, name))) {
                return name;
            }
        }
        return null;
    }

    /** The plaintext of a trailer. */
    static byte[] encodeEntries(List<PackEntry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(5 + entries.size() * PackEntry.ENCODED);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(TRAILER_VERSION);
            writeEntries(out, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static void writeEntries(DataOutputStream out, List<PackEntry> entries) throws IOException {
        out.writeInt(entries.size());
        byte[] id = new byte[BlobId.LENGTH];
        for (PackEntry e : entries) {
            out.writeByte(e.type().code());
            e.id().copyTo(id, 0);
            out.write(id);
            out.writeLong(e.offset());
            out.writeInt(e.length());
            out.writeInt(e.rawLength());
        }
    }

    public static List<PackEntry> readEntries(ByteBuffer in, String what) throws DamagedException {
        try {
            int count = in.getInt();
            if (count < 0 || (long) count * PackEntry.ENCODED > in.remaining()) {
                throw new DamagedException(what + " claims " + count + " entries, more than it holds");
            }
            List<PackEntry> entries = new ArrayList<>(count);
            byte[] id = new byte[BlobId.LENGTH];
            for (int i = 0; i < count; i++) {
                BlobType type = BlobType.of(in.get() & 0xff);
                in.get(id);
                long offset = in.getLong();
                int length = in.getInt();
                int raw = in.getInt();
                if (offset < HEADER.length || length < BlobCodec.OVERHEAD || raw < 0) {
                    throw new DamagedException(what + " has an entry with impossible offset or length");
                }
                entries.add(new PackEntry(type, BlobId.of(id), offset, length, raw));
            }
            return entries;
        } catch (java.nio.BufferUnderflowException e) {
            throw new DamagedException(what + " ends in the middle of an entry", e);
        }
    }

    /** The entries of a trailer's plaintext. */
    static List<PackEntry> decodeEntries(byte[] plain, String pack) throws DamagedException {
        ByteBuffer in = ByteBuffer.wrap(plain);
        if (plain.length < 5 || in.get() != TRAILER_VERSION) {
            throw new DamagedException("the trailer of pack " + pack + " has an unknown version");
        }
        List<PackEntry> entries = readEntries(in, "the trailer of pack " + pack);
        if (in.hasRemaining()) {
            throw new DamagedException("the trailer of pack " + pack + " has bytes after its entries");
        }
        return entries;
    }

    /**
     * Reads the trailer of a pack with one range read of its tail (two when the trailer is large), and
     * checks every entry lies inside the pack's blob area.
     *
     * @param object the pack's object name, e.g. {@code treepacks/3f/3f…}
     */
    public static List<PackEntry> readTrailer(ObjectStore storage, BlobCodec codec, String object)
            throws IOException {
        String pack = object.substring(object.lastIndexOf('/') + 1);
        long size = storage.size(object);
        if (size < HEADER.length + FOOTER + BlobCodec.OVERHEAD) {
            throw new DamagedException("pack " + pack + " is too short (" + size + " bytes) to be a pack");
        }
        int first = (int) Math.min(size, FIRST_READ);
        byte[] tail = storage.getRange(object, size - first, first);
        ByteBuffer footer = ByteBuffer.wrap(tail, first - FOOTER, FOOTER);
        int trailerLength = footer.getInt();
        byte[] magic = new byte[4];
        footer.get(magic);
        if (!java.util.Arrays.equals(magic, FOOTER_MAGIC)) {
            throw new DamagedException("pack " + pack + " does not end with a pack footer");
        }
        long trailerStart = size - FOOTER - (trailerLength & 0xffffffffL);
        if (trailerLength < BlobCodec.OVERHEAD || trailerStart < HEADER.length) {
            throw new DamagedException("pack " + pack + " has a footer with an impossible trailer length");
        }
        byte[] sealed;
        if (trailerLength + FOOTER <= first) {
            sealed = java.util.Arrays.copyOfRange(tail, first - FOOTER - trailerLength, first - FOOTER);
        } else {
            sealed = storage.getRange(object, trailerStart, trailerLength);
        }
        List<PackEntry> entries = decodeEntries(codec.open(TRAILER_LABEL, sealed), pack);
        for (PackEntry e : entries) {
            if (e.offset() + e.length() > trailerStart) {
                throw new DamagedException("the trailer of pack " + pack + " lists a blob beyond the pack's blobs");
            }
        }
        return entries;
    }

    /** The hex of a pack's raw 32-byte name. */
    static String hex(byte[] name) {
        return HexFormat.of().formatHex(name);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
