package org.seedbench.backup.internal.checker;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.commons.io.IOUtils;
import org.seedbench.backup.VerifyProblem;
import org.seedbench.backup.VerifyProblem.AffectedFile;
import org.seedbench.backup.VerifyProblem.Severity;
import org.seedbench.backup.VerifyReport;
import org.seedbench.backup.internal.DaemonThreads;
import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.blob.DamagedException;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.crypto.KeyFile;
import org.seedbench.backup.internal.crypto.Sha256;
import org.seedbench.backup.internal.crypto.ThreadCodecs;
import org.seedbench.backup.internal.index.ChunkIndex;
import org.seedbench.backup.internal.index.IndexFile;
import org.seedbench.backup.internal.pack.PackEntry;
import org.seedbench.backup.internal.pack.PackFormat;
import org.seedbench.backup.internal.repository.OpenRepository;
import org.seedbench.backup.internal.repository.RepositoryConfig;
import org.seedbench.backup.internal.snapshot.SafePaths;
import org.seedbench.backup.internal.snapshot.SnapshotRecord;
import org.seedbench.backup.internal.snapshot.TreeEntry;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.core.support.concurrent.Futures;

/**
 * Checks a repository: index files, packs (present, trailer readable and agreeing with the index),
 * snapshots and their trees (readable, safe paths, every chunk indexed); with read-data, every pack is read
 * whole, its SHA-256 compared with its name, and every blob decrypted, authenticated, decompressed and
 * hashed again. Each problem names its pack and, at the end, the files of every snapshot it affects.
 */
public final class Verifier {
    private final OpenRepository repository;
    private final ObjectStore storage;
    private final Progress progress;
    private final List<Found> found = new ArrayList<>();
    private final Map<BlobId, List<Found>> byChunk = new HashMap<>();
    private final Map<String, List<Found>> byPack = new HashMap<>();
    /** Every pack in the storage: its name to its object name. */
    private Map<String, String> objects = Map.of();

    public Verifier(OpenRepository repository, Progress progress) {
        this.repository = repository;
        this.storage = repository.storage();
        this.progress = progress;
    }

    /** A problem while it collects the files it affects. */
    private static final class Found {
        final Severity severity;
        final String pack;
        final String message;
        final Set<AffectedFile> affected = new LinkedHashSet<>();

        Found(Severity severity, String pack, String message) {
            this.severity = severity;
            this.pack = pack;
            this.message = message;
        }
    }

    /** What reading one pack found. */
    private record PackResult(String pack, long blobs, List<String> messages, Set<BlobId> damagedBlobs,
            boolean wholePack) {
    }

    private Found problem(Severity severity, String pack, String message) {
        Found f = new Found(severity, pack, message);
        found.add(f);
        return f;
    }

    /** Files whose chunks lie in the pack are affected by the problem. */
    private void affectsPack(Found f, String pack) {
        byPack.computeIfAbsent(pack, k -> new ArrayList<>()).add(f);
    }

    /** Files that use the chunk are affected by the problem. */
    private void affectsChunk(Found f, BlobId id) {
        byChunk.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
    }

    public VerifyReport verify(boolean readData) throws IOException {
        try (BlobCodec codec = repository.newCodec()) {
            List<String> indexFiles = storage.list(IndexFile.FOLDER + "/");
            objects = repository.packObjects();
            List<String> packs = new ArrayList<>(objects.keySet());
            List<String> snapshots = repository.snapshotIds();
            Map<String, Long> sizes = new LinkedHashMap<>();
            for (Map.Entry<String, String> pack : objects.entrySet()) {
                sizes.put(pack.getKey(), storage.size(pack.getValue()));
            }
            long total = readData ? sizes.values().stream().mapToLong(Long::longValue).sum() : packs.size();
            progress.begin("Verifying the repository at " + storage.location(), total,
                    readData ? Progress.Unit.BYTES : Progress.Unit.ITEMS);

            progress.subTask("Config and key files");
            checkKeys();

            progress.subTask("Index files");
            Map<String, List<PackEntry>> indexed = readIndexFiles(indexFiles, codec);
            ChunkIndex index = new ChunkIndex();
            indexed.forEach(index::addPack);

            Set<String> present = new HashSet<>(packs);
            for (Map.Entry<String, List<PackEntry>> e : indexed.entrySet()) {
                if (!present.contains(e.getKey())) {
                    Found f = problem(Severity.ERROR, e.getKey(), "pack " + e.getKey() + " is missing ("
                            + e.getValue().size() + " blobs the index lists in it cannot be read)");
                    affectsPack(f, e.getKey());
                }
            }

            Map<String, List<PackEntry>> trailers = new HashMap<>();
            for (String pack : packs) {
                progress.checkCanceled();
                progress.subTask("Pack " + pack.substring(0, 8));
                checkTrailer(pack, sizes.get(pack), indexed.get(pack), index, trailers, codec);
                if (!readData) {
                    progress.worked(1);
                }
            }

            long blobs = 0;
            if (readData) {
                blobs = readPacks(packs, sizes, trailers, indexed);
            }

            progress.subTask("Snapshots");
            for (String id : snapshots) {
                progress.checkCanceled();
                checkSnapshot(id, index, codec);
            }

            List<VerifyProblem> problems = new ArrayList<>();
            for (Found f : found) {
                problems.add(new VerifyProblem(f.severity, f.pack, f.message, new ArrayList<>(f.affected)));
            }
            problems.sort(Comparator.comparing((VerifyProblem p) -> p.severity() == Severity.ERROR ? 0 : 1));
            return new VerifyReport(problems, packs.size(), blobs, snapshots.size(), readData);
        }
    }

    /** Every key file matches its name, and the config file the checksum the key files record. */
    private void checkKeys() throws IOException {
        String configSha256 = Sha256.hex(storage.get(RepositoryConfig.NAME));
        for (String name : storage.list(KeyFile.FOLDER + "/")) {
            String damage = KeyFile.damage(repository.documents().json(), name,
                    OpenRepository.where(storage, name), storage.get(name), configSha256,
                    RepositoryConfig.file(storage.location()));
            if (damage != null) {
                problem(Severity.ERROR, null, damage);
            }
        }
    }

    private Map<String, List<PackEntry>> readIndexFiles(List<String> names, BlobCodec codec) throws IOException {
        Map<String, List<PackEntry>> indexed = new LinkedHashMap<>();
        for (String name : names) {
            progress.checkCanceled();
            byte[] content = storage.get(name);
            String expected = name.substring(IndexFile.FOLDER.length() + 1);
            if (!Sha256.hex(content).equals(expected)) {
                problem(Severity.ERROR, null, "index file " + name + " does not match its name: it is damaged");
            }
            try {
                Map<String, List<PackEntry>> packs = IndexFile.decode(codec.open(IndexFile.LABEL, content), name);
                for (Map.Entry<String, List<PackEntry>> e : packs.entrySet()) {
                    List<PackEntry> before = indexed.putIfAbsent(e.getKey(), e.getValue());
                    if (before != null && !new HashSet<>(before).equals(new HashSet<>(e.getValue()))) {
                        Found f = problem(Severity.ERROR, e.getKey(), "index files disagree about the blobs of pack "
                                + e.getKey());
                        affectsPack(f, e.getKey());
                    }
                }
            } catch (DamagedException e) {
                problem(Severity.ERROR, null, "index file " + name + " cannot be read: " + e.getMessage()
                        + " (the packs it lists are found again by their trailers; a backup rewrites the index)");
            }
        }
        return indexed;
    }

    private void checkTrailer(String pack, long size, List<PackEntry> fromIndex, ChunkIndex index,
            Map<String, List<PackEntry>> trailers, BlobCodec codec) throws IOException {
        List<PackEntry> entries;
        try {
            entries = PackFormat.readTrailer(storage, codec, objects.get(pack));
        } catch (DamagedException | EOFException e) {
            Found f = problem(Severity.ERROR, pack, "pack " + pack + ": its trailer cannot be read: " + e.getMessage());
            affectsPack(f, pack);
            return;
        }
        trailers.put(pack, entries);
        if (fromIndex == null) {
            problem(Severity.WARNING, pack, "pack " + pack + " is in no index file (an interrupted backup finished it;"
                    + " the next backup adds it to the index)");
            index.addPack(pack, entries);
            return;
        }
        if (!new HashSet<>(entries).equals(new HashSet<>(fromIndex))) {
            Found f = problem(Severity.ERROR, pack, "pack " + pack + ": its trailer and the index disagree about the "
                    + "blobs it holds");
            affectsPack(f, pack);
        }
        long blobArea = size - PackFormat.FOOTER;
        for (PackEntry e : fromIndex) {
            if (e.offset() + e.length() > blobArea) {
                Found f = problem(Severity.ERROR, pack, "pack " + pack + " is shorter than the index says (" + size
                        + " bytes)");
                affectsPack(f, pack);
                return;
            }
        }
    }

    /** Reads every pack whole, in parallel, reporting progress from this thread. */
    private long readPacks(List<String> packs, Map<String, Long> sizes, Map<String, List<PackEntry>> trailers,
            Map<String, List<PackEntry>> indexed) throws IOException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("seedbench-verify"));
        ThreadCodecs codec = new ThreadCodecs(repository::newCodec);
        long blobs = 0;
        try {
            List<Future<PackResult>> results = new ArrayList<>();
            for (String pack : packs) {
                List<PackEntry> entries = trailers.containsKey(pack) ? trailers.get(pack) : indexed.get(pack);
                results.add(pool.submit(() -> readPack(pack, entries == null ? List.of() : entries, codec.get())));
            }
            for (int i = 0; i < results.size(); i++) {
                progress.checkCanceled();
                progress.subTask("Reading pack " + packs.get(i).substring(0, 8));
                PackResult r = get(results.get(i));
                blobs += r.blobs();
                for (String message : r.messages()) {
                    Found f = problem(Severity.ERROR, r.pack(), message);
                    if (r.wholePack()) {
                        affectsPack(f, r.pack());
                    }
                    r.damagedBlobs().forEach(id -> affectsChunk(f, id));
                }
                progress.worked(sizes.get(packs.get(i)));
            }
        } finally {
            pool.shutdownNow();
            try {
                if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                    codec.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return blobs;
    }

    private static PackResult get(Future<PackResult> f) throws IOException {
        return Futures.await(f, cause -> {
            if (cause instanceof IOException io) {
                return io;
            }
            throw new IllegalStateException(cause);
        });
    }

    /** Reads a pack front to back: its hash, and each blob authenticated, decompressed and hashed again. */
    private PackResult readPack(String pack, List<PackEntry> listed, BlobCodec codec) throws IOException {
        List<PackEntry> entries = new ArrayList<>(listed);
        entries.sort(Comparator.comparingLong(PackEntry::offset));
        List<String> messages = new ArrayList<>();
        Set<BlobId> damaged = new LinkedHashSet<>();
        List<String> blobProblems = new ArrayList<>();
        long blobs = 0;
        MessageDigest sha = Sha256.digest();
        boolean structural = false;
        try (InputStream in = new DigestInputStream(new BufferedInputStream(
                storage.open(objects.get(pack)), 1 << 20), sha)) {
            long position = 0;
            for (PackEntry e : entries) {
                if (e.offset() < position) {
                    messages.add("pack " + pack + " lists blobs that overlap");
                    structural = true;
                    break;
                }
                long gap = e.offset() - position;
                if (gap > 0 && IOUtils.skip(in, gap) < gap) {
                    messages.add("pack " + pack + " ends before blob " + e.id());
                    structural = true;
                    break;
                }
                position = e.offset();
                byte[] stored = in.readNBytes(e.length());
                position += stored.length;
                if (stored.length < e.length()) {
                    messages.add("pack " + pack + " ends inside blob " + e.id());
                    structural = true;
                    break;
                }
                blobs++;
                try {
                    byte[] plain = codec.decodeBlob(e.type(), e.id(), stored, 0, stored.length, e.rawLength());
                    if (!codec.id(plain, 0, plain.length).equals(e.id())) {
                        throw new DamagedException("blob " + e.id() + " does not hash to its id");
                    }
                } catch (DamagedException ex) {
                    damaged.add(e.id());
                    blobProblems.add((e.type() == BlobType.TREE ? "tree " : "chunk ") + e.id().hex().substring(0, 12)
                            + " at byte " + e.offset() + ": " + ex.getMessage());
                }
            }
            IOUtils.consume(in);
        } catch (EOFException e) {
            messages.add("pack " + pack + " is shorter than its blobs: " + e.getMessage());
            structural = true;
        }
        if (!blobProblems.isEmpty()) {
            messages.add("pack " + pack + ": " + blobProblems.size() + " of " + entries.size()
                    + " blobs are damaged: " + String.join("; ", blobProblems));
        }
        boolean hashOk = HexFormat.of().formatHex(sha.digest()).equals(pack);
        if (!hashOk && blobProblems.isEmpty() && !structural) {
            messages.add("pack " + pack + ": its content does not match its name (SHA-256): the file is damaged "
                    + "outside its blobs");
            structural = true;
        }
        return new PackResult(pack, blobs, messages, damaged, structural);
    }

    private void checkSnapshot(String id, ChunkIndex index, BlobCodec codec) {
        String shortId = id.substring(0, 8);
        SnapshotRecord snapshot;
        try {
            snapshot = repository.readSnapshot(id, codec);
        } catch (IOException e) {
            problem(Severity.ERROR, null, "snapshot " + shortId + " cannot be read: " + e.getMessage());
            return;
        }
        Map<BlobId, Found> missing = new HashMap<>();
        for (BlobId tree : snapshot.trees()) {
            List<TreeEntry> entries;
            try {
                entries = repository.documents().decodeTree(repository.readBlob(index, BlobType.TREE, tree, codec),
                        "tree " + tree);
            } catch (IOException e) {
                ChunkIndex.Location at = index.find(BlobType.TREE, tree);
                problem(Severity.ERROR, at == null ? null : at.pack(), "snapshot " + shortId + ": part of its tree ("
                        + tree.hex().substring(0, 12) + ") cannot be read, so the items it lists cannot be restored: "
                        + e.getMessage());
                continue;
            }
            for (TreeEntry e : entries) {
                String unsafe = SafePaths.problem(e.path());
                if (unsafe != null) {
                    problem(Severity.ERROR, null, "snapshot " + shortId + " holds the path '" + e.path() + "' ("
                            + unsafe + "): damaged or tampered with; restore refuses it");
                }
                if (e.type() != WorkloadItem.Type.FILE) {
                    continue;
                }
                AffectedFile file = new AffectedFile(id, e.path());
                for (BlobId chunk : e.chunks()) {
                    ChunkIndex.Location at = index.find(BlobType.DATA, chunk);
                    if (at == null) {
                        Found f = missing.computeIfAbsent(chunk, c -> problem(Severity.ERROR, null, "snapshot "
                                + shortId + ": chunk " + c.hex().substring(0, 12) + " is in no pack"));
                        f.affected.add(file);
                        continue;
                    }
                    for (Found f : byChunk.getOrDefault(chunk, List.of())) {
                        f.affected.add(file);
                    }
                    for (Found f : byPack.getOrDefault(at.pack(), List.of())) {
                        f.affected.add(file);
                    }
                }
            }
        }
    }
}
