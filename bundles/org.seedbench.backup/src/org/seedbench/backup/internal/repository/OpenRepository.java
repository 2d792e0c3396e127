package org.seedbench.backup.internal.repository;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.seedbench.backup.Repository;
import org.seedbench.backup.RepositoryException;
import org.seedbench.backup.RepositoryLayout;
import org.seedbench.backup.RepositoryOptions;
import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.blob.DamagedException;
import org.seedbench.backup.internal.chunker.Chunker;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.crypto.MasterKeys;
import org.seedbench.backup.internal.crypto.Sha256;
import org.seedbench.backup.internal.index.ChunkIndex;
import org.seedbench.backup.internal.index.IndexFile;
import org.seedbench.backup.internal.pack.PackEntry;
import org.seedbench.backup.internal.pack.PackFormat;
import org.seedbench.backup.internal.snapshot.Documents;
import org.seedbench.backup.internal.snapshot.SnapshotRecord;
import org.seedbench.backup.internal.snapshot.TreeEntry;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.ObjectStore;

/**
 * An open repository: storage, config and keys, with the reads and writes every operation shares (index,
 * blobs, snapshots).
 */
public final class OpenRepository implements Repository {
    /** Folder of the snapshot files. */
    public static final String SNAPSHOTS = RepositoryLayout.SNAPSHOTS;
    /** Folder of the key files. */
    public static final String KEYS = RepositoryLayout.KEYS;
    static final String SNAPSHOT_LABEL = "seedbench:snapshot:v1";

    private final ObjectStore storage;
    private final RepositoryConfig config;
    private final MasterKeys keys;
    private final Documents documents;
    private boolean closed;

    public OpenRepository(ObjectStore storage, RepositoryConfig config, MasterKeys keys, Documents documents) {
        this.storage = storage;
        this.config = config;
        this.keys = keys;
        this.documents = documents;
    }

    /** The engine's view of a repository handle. */
    public static OpenRepository of(Repository repository) {
        if (repository instanceof OpenRepository open) {
            if (open.closed) {
                throw new IllegalStateException("the repository at " + open.storage.location() + " was closed");
            }
            return open;
        }
        throw new IllegalArgumentException("not a repository opened by this backup engine: " + repository);
    }

    /** An object of the storage as a person finds it, e.g. {@code /srv/stage/fs01/keys/3f…}, for messages. */
    public static String where(ObjectStore storage, String name) {
        String location = storage.location();
        return location + (location.endsWith("/") ? "" : "/") + name;
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public ObjectStore storage() {
        return storage;
    }

    @Override
    public RepositoryOptions options() {
        return config.options();
    }

    /** The format version of the repository's config (FORMAT.md, "config"). */
    public int version() {
        return config.version();
    }

    /**
     * The folder packs of blobs of this type go into: tree blobs into packs of their own under
     * {@code treepacks/} (so that the metadata travels apart from the data), data blobs under {@code packs/}; in a
     * version 1 repository every blob under {@code packs/}.
     */
    public String packFolder(BlobType type) {
        return type == BlobType.TREE && config.treePacks() ? RepositoryLayout.TREE_PACKS : RepositoryLayout.DATA_PACKS;
    }

    /** The object name of the pack holding a blob. */
    public String packObject(ChunkIndex.Location at) {
        return PackFormat.objectName(packFolder(at.type()), at.pack());
    }

    public Documents documents() {
        return documents;
    }

    /** A codec for one thread; the caller closes it. */
    public BlobCodec newCodec() {
        return new BlobCodec(keys, config.options().compressionLevel());
    }

    /** The repository's chunker. */
    public Chunker newChunker(BlobCodec codec) {
        RepositoryOptions o = config.options();
        return new Chunker(Chunker.gearTable(codec), o.minChunkSize(), o.averageChunkSize(), o.maxChunkSize());
    }

    @Override
    public void close() {
        closed = true;
        keys.close();
    }

    @Override
    public String toString() {
        return "Repository[" + storage.location() + "]";
    }

    /**
     * The index as the index files and the packs give it.
     *
     * @param index       the index, with every blob of every readable pack
     * @param unindexed   packs no index file lists (an interrupted backup finished them), with their blobs
     *                    as their trailers list them
     */
    public record LoadedIndex(ChunkIndex index, Map<String, List<PackEntry>> unindexed) {
    }

    /**
     * Reads every index file, then the trailers of the packs none lists, so that blobs of packs an
     * interrupted run finished are known too. Damaged index files and packs are left out with a warning
     * (verify reports them). A blob both in a pack the storage lists and in one it lacks is located in the
     * one it lists.
     */
    public LoadedIndex loadIndex(BlobCodec codec, Consumer<String> warnings, Runnable checkCanceled)
            throws IOException {
        return loadIndex(codec, warnings, checkCanceled, false);
    }

    /**
     * {@link #loadIndex(BlobCodec, Consumer, Runnable)}, optionally leaving out the blobs of packs the index
     * files name but the storage does not list (a lost pack), each such pack with a warning: a backup then
     * stores again the blobs it needs of them instead of pointing a new snapshot at blobs that are gone.
     */
    public LoadedIndex loadIndex(BlobCodec codec, Consumer<String> warnings, Runnable checkCanceled,
            boolean leaveOutMissingPacks) throws IOException {
        ChunkIndex.Loader loader = ChunkIndex.loader();
        Map<String, String> packs = packObjects();
        Set<String> listed = packs.keySet();
        Map<String, Integer> missing = new TreeMap<>();
        for (String name : storage.list(IndexFile.FOLDER + "/")) {
            checkCanceled.run();
            try {
                for (Map.Entry<String, List<PackEntry>> pack : IndexFile.read(storage, codec, name).entrySet()) {
                    boolean lost = !listed.contains(pack.getKey());
                    loader.addPack(pack.getKey(), pack.getValue(), lost);
                    if (lost) {
                        missing.merge(pack.getKey(), pack.getValue().size(), Integer::sum);
                    }
                }
            } catch (DamagedException e) {
                warnings.accept("index file " + name + " is damaged and was left out: " + e.getMessage());
            }
        }
        Map<String, List<PackEntry>> unindexed = new LinkedHashMap<>();
        for (Map.Entry<String, String> pack : packs.entrySet()) {
            if (!loader.hasPack(pack.getKey())) {
                checkCanceled.run();
                try {
                    List<PackEntry> entries = PackFormat.readTrailer(storage, codec, pack.getValue());
                    loader.addPack(pack.getKey(), entries, false);
                    unindexed.put(pack.getKey(), entries);
                } catch (DamagedException e) {
                    warnings.accept("pack " + pack.getValue() + " is damaged and was left out: " + e.getMessage());
                }
            }
        }
        if (leaveOutMissingPacks) {
            missing.forEach((pack, blobs) -> warnings.accept("pack " + pack + " is missing from "
                    + storage.location() + ": its " + blobs + " blobs were left out of the index, and those this"
                    + " backup needs are stored again"));
        }
        ChunkIndex index = loader.finish(leaveOutMissingPacks);
        return new LoadedIndex(index, unindexed);
    }

    /** The names (64 hex digits) of every pack in the storage, data and tree packs. */
    public List<String> listPacks() throws IOException {
        return new ArrayList<>(packObjects().keySet());
    }

    /** Every pack in the storage, data packs then tree packs: its name (64 hex digits) to its object name. */
    public Map<String, String> packObjects() throws IOException {
        Map<String, String> packs = new LinkedHashMap<>();
        for (String folder : PackFormat.PACK_FOLDERS) {
            for (String object : storage.list(folder + "/")) {
                String pack = PackFormat.packName(object);
                if (pack != null) {
                    packs.putIfAbsent(pack, object);
                }
            }
        }
        return packs;
    }

    /**
     * Reads, authenticates and decompresses a blob, and checks its id against its content.
     *
     * @throws RepositoryException when the index does not know it or it is damaged
     */
    public byte[] readBlob(ChunkIndex index, BlobType type, BlobId id, BlobCodec codec) throws IOException {
        ChunkIndex.Location at = index.find(type, id);
        if (at == null) {
            throw new RepositoryException((type == BlobType.TREE ? "tree " : "chunk ") + id
                    + " is in no pack of the repository");
        }
        byte[] stored;
        try {
            stored = storage.getRange(packObject(at), at.offset(), at.length());
        } catch (NoSuchFileException e) {
            throw new RepositoryException("pack " + at.pack() + " is missing", e);
        } catch (java.io.EOFException e) {
            throw new DamagedException("pack " + at.pack() + " is shorter than its index says", e);
        }
        byte[] plain;
        try {
            plain = codec.decodeBlob(type, id, stored, 0, stored.length, at.rawLength());
        } catch (DamagedException e) {
            throw new DamagedException("pack " + at.pack() + ": " + e.getMessage(), e);
        }
        if (!codec.id(plain, 0, plain.length).equals(id)) {
            throw new DamagedException("pack " + at.pack() + ": blob " + id + " does not hash to its id");
        }
        return plain;
    }

    /** The snapshot ids (64 hex digits), sorted. */
    public List<String> snapshotIds() throws IOException {
        List<String> ids = new ArrayList<>();
        for (String name : storage.list(SNAPSHOTS + "/")) {
            String id = name.substring(SNAPSHOTS.length() + 1);
            if (id.matches("[0-9a-f]{64}")) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Reads and opens a snapshot file. */
    public SnapshotRecord readSnapshot(String id, BlobCodec codec) throws IOException {
        byte[] sealed;
        try {
            sealed = storage.get(SNAPSHOTS + "/" + id);
        } catch (NoSuchFileException e) {
            throw new RepositoryException("there is no snapshot " + id + " in the repository at "
                    + storage.location(), e);
        }
        String what = "snapshot " + id;
        if (!Sha256.hex(sealed).equals(id)) {
            throw new DamagedException(what + " does not match its name (damaged)");
        }
        return documents.decodeSnapshot(codec.open(SNAPSHOT_LABEL, sealed), what);
    }

    /** Seals and writes a snapshot file; returns its id (the SHA-256 of the file). */
    public String writeSnapshot(SnapshotRecord snapshot, BlobCodec codec) throws IOException {
        byte[] sealed = codec.seal(SNAPSHOT_LABEL, documents.encodeSnapshot(snapshot), true);
        String id = Sha256.hex(sealed);
        storage.put(SNAPSHOTS + "/" + id, sealed);
        return id;
    }

    /**
     * The id of the snapshot meant: {@code latest} (the newest), a full id or a unique prefix of at least 4
     * hex digits.
     */
    public String resolveSnapshot(String wanted, BlobCodec codec) throws IOException, InvalidInputException {
        List<String> ids = snapshotIds();
        if (ids.isEmpty()) {
            throw new RepositoryException("the repository at " + storage.location() + " holds no snapshot yet");
        }
        if (wanted == null || wanted.isBlank() || wanted.equals("latest")) {
            String latest = null;
            SnapshotRecord best = null;
            for (String id : ids) {
                SnapshotRecord s = readSnapshot(id, codec);
                if (best == null || Comparator.comparing(SnapshotRecord::time).compare(s, best) > 0) {
                    best = s;
                    latest = id;
                }
            }
            return latest;
        }
        String allowed = "latest, or at least 4 hex digits of an id the snapshots command lists";
        String prefix = wanted.trim().toLowerCase(java.util.Locale.ROOT);
        if (prefix.length() < 4 || !prefix.matches("[0-9a-f]+")) {
            throw new InvalidInputException(new Problem("snapshot", wanted, "is not a snapshot id", allowed));
        }
        List<String> matches = ids.stream().filter(id -> id.startsWith(prefix)).toList();
        if (matches.isEmpty()) {
            throw new InvalidInputException(new Problem("snapshot", wanted, "is not in the repository at "
                    + storage.location() + " (" + ids.size() + (ids.size() == 1 ? " snapshot" : " snapshots") + ")",
                    allowed));
        }
        if (matches.size() > 1) {
            throw new InvalidInputException(new Problem("snapshot", wanted, "matches " + matches.size()
                    + " snapshots", "more of the id's hex digits"));
        }
        return matches.get(0);
    }

    /** Every entry of a snapshot's tree, in order. */
    public List<TreeEntry> readTree(SnapshotRecord snapshot, ChunkIndex index, BlobCodec codec) throws IOException {
        List<TreeEntry> entries = new ArrayList<>();
        for (BlobId tree : snapshot.trees()) {
            entries.addAll(documents.decodeTree(readBlob(index, BlobType.TREE, tree, codec), "tree " + tree));
        }
        return entries;
    }
}
