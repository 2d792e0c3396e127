package org.seedbench.diskprep;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.seedbench.core.support.manifest.DriveManifest;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.DiskEncryptor.DriveFile;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.support.concurrent.Futures;

/**
 * Copies a staged seed onto its drives: places the packs (see {@link Allocation}), then streams each file
 * to its drive through the drive's encryptor, computing the MD5 of every 4 MiB block in the same pass. Each
 * drive's stream is a pipeline: a read-ahead thread reads the next blocks into pooled buffers and starts their
 * MD5s (on {@link #HASH_THREADS} threads: MD5 runs at well under 1 GB/s on one core, slower than AES-GCM, and
 * would otherwise bound the stream) while the copy thread encrypts and writes earlier ones (the volume writes
 * them behind, in 4 MiB writes). The drive is synced every {@link #SYNC_BLOCKS} blocks (64 MiB) and at the end
 * of each file, and the journal records a block once it is synced and its MD5 known: a resume point is a sync.
 * Drives on different physical devices are written in parallel.
 * When every file of a drive is on it, the drive gets its {@code drive-manifest.xml} and the copy computer its
 * DriveInfo file.
 */
public final class DriveCopier {
    /**
     * Blocks written between two syncs of the drive, each sync a resume point and one journal record: a kill
     * copies at most this many blocks (64 MiB) again, and never one the journal records.
     */
    static final int SYNC_BLOCKS = 16;
    /** Blocks read and not yet both written and hashed, at most: the block buffers of a drive (4 MiB each). */
    static final int BLOCKS_IN_FLIGHT = 6;
    /** Threads computing the MD5s of one drive's blocks. */
    static final int HASH_THREADS = Math.max(1, Math.min(BLOCKS_IN_FLIGHT, Runtime.getRuntime().availableProcessors()));
    private static final String PART_SUFFIX = ".manifest.part";

    /** An unlocked drive to copy to. {@code device} groups drives on one physical device, written one at a time. */
    public record DriveSession(String serial, Volume volume, String device, String encryptorId, KeyProtector key) {
        @Override
        public String toString() {
            return "DriveSession[" + serial + " on " + device + "]";
        }
    }

    /**
     * What one drive holds after the run; {@code copyNanos} is how long this run spent copying to it (0 when it
     * was already complete).
     */
    public record DriveReport(String serial, int files, long bytes, long blocksCopied, long blocksResumed,
            boolean complete, String manifestHash, Path driveInfo, long copyNanos) {
    }

    /**
     * Where the copy threads spent their time, in nanoseconds summed over the drives: reading the staged files,
     * computing MD5s (beside the write, on its own thread), writing through the encryptor (encryption and the
     * write) and syncing the drives.
     */
    public record Timing(long readNanos, long md5Nanos, long writeNanos, long syncNanos) {
    }

    /** The outcome of a run: each drive, and the packs that fit on none of them. */
    public record Result(List<DriveReport> drives, Allocation allocation, long bytesCopied,
            List<String> unusedDrives, Timing timing) {
        public boolean complete() {
            return allocation.complete() && drives.stream().allMatch(DriveReport::complete);
        }
    }

    private final SeedListing listing;
    private final String jobName;
    private final String container;
    private final Path journalFolder;
    private final Clock clock;
    private final Secret containerSas;
    /** The packs other copy computers place, when several share the seed; null when this computer places them all. */
    private PackClaims claims;
    /** Block buffers of the drives already copied, for the next drive of the device. */
    private final Queue<byte[]> spareBuffers = new ConcurrentLinkedQueue<>();
    private final AtomicLong copied = new AtomicLong();
    private final AtomicLong readNanos = new AtomicLong();
    private final AtomicLong md5Nanos = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    private final AtomicLong syncNanos = new AtomicLong();

    /**
     * @param journalFolder where journals, manifest parts and DriveInfo files live on the copy computer
     * @param container     the import container, the first segment of each BlobPath
     */
    public DriveCopier(SeedListing listing, String jobName, String container, Path journalFolder, Clock clock) {
        this(listing, jobName, container, journalFolder, clock, null);
    }

    /**
     * @param containerSas the import container's write-only SAS the manifests carry as {@code ContainerSas}, or null
     *                     when the service needs none; the caller keeps and closes it
     */
    public DriveCopier(SeedListing listing, String jobName, String container, Path journalFolder, Clock clock,
            Secret containerSas) {
        this.listing = listing;
        this.jobName = jobName;
        this.container = container;
        this.journalFolder = journalFolder;
        this.clock = clock;
        this.containerSas = containerSas;
    }

    /**
     * Shares the seed with other copy computers: this computer places only the packs it claims through
     * {@code claims}, and a drive of an earlier run that lost packs to another computer (its lease expired) is
     * planned again, keeping what it still holds.
     */
    public DriveCopier sharing(PackClaims packClaims) {
        this.claims = packClaims;
        return this;
    }

    /** The serials of the drives that hold part of this seed from earlier runs, by their journals. */
    public static List<String> journaledDrives(Path journalFolder) throws IOException {
        if (!Files.isDirectory(journalFolder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(journalFolder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(DriveJournal.SUFFIX))
                    .filter(n -> !n.startsWith(".")).map(n -> n.substring(0, n.length() - DriveJournal.SUFFIX.length()))
                    .sorted().toList();
        }
    }

    /**
     * Places what no drive holds yet on the new drives of {@code sessions} and copies every drive's missing
     * files and blocks.
     *
     * @throws InvalidInputException when a drive of an earlier run is missing, or the staging repository
     *                               changed since the drives were planned
     */
    public Result run(List<DriveSession> sessions, Progress progress) throws InvalidInputException, IOException {
        Map<String, DriveJournal> journals = new LinkedHashMap<>();
        BitSet placed = new BitSet();
        List<Problem> problems = new ArrayList<>();
        List<String> given = sessions.stream().map(DriveSession::serial).toList();
        try {
            for (String serial : journaledDrives(journalFolder)) {
                DriveJournal j = DriveJournal.open(DriveJournal.path(journalFolder, serial));
                if (!j.exists()) {
                    j.close();
                    continue;
                }
                if (!j.listingHash().equals(listing.hash())) {
                    problems.add(new Problem("drive", serial, "was planned for a different content of the staging "
                            + "repository", "prepare the drives again from the start (prepare-drives --restart)"));
                } else if (!given.contains(serial) && !j.isComplete()) {
                    problems.add(new Problem("drive", serial, "holds part of this seed and its copy is not finished",
                            "give it again with --drive, beside any new drives"));
                } else if (claims != null && given.contains(serial) && !stillHeld(j)) {
                    // another computer took some of its packs over: planned again with what it still holds
                    j.close();
                    Path journal = DriveJournal.path(journalFolder, serial);
                    Files.move(journal, journal.resolveSibling("." + serial + DriveJournal.SUFFIX + ".replanned"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    continue;
                }
                placed.or(j.assigned());
                if (given.contains(serial)) {
                    journals.put(serial, j);
                } else {
                    j.close();
                }
            }
            InvalidInputException.throwIfAny(problems);

            List<Allocation.Space> fresh = new ArrayList<>();
            Map<String, Volume> freshVolumes = new LinkedHashMap<>();
            for (DriveSession s : sessions) {
                if (!journals.containsKey(s.serial())) {
                    // files of this seed on a drive without a journal (its journal was damaged) are planned again
                    long seedFiles = 0;
                    for (String f : seedFilesOn(s.volume())) {
                        seedFiles += s.volume().storedSize(s.volume().size(f));
                    }
                    fresh.add(new Allocation.Space(s.serial(), s.volume().freeSpace() + seedFiles,
                            s.volume()::storedSize));
                    freshVolumes.put(s.serial(), s.volume());
                }
            }
            Allocation allocation = claims == null ? Allocation.allocate(listing, jobName, container, placed, fresh)
                    : claimed(placed, fresh);
            List<String> unused = new ArrayList<>();
            for (Allocation.Space s : fresh) {
                BitSet packs = allocation.assigned().get(s.serial());
                Volume volume = freshVolumes.get(s.serial());
                if (packs.isEmpty()) {
                    unused.add(s.serial());
                    if (claims != null) {
                        // a drive planned again whose packs are all another computer's now holds none of the seed
                        for (String f : seedFilesOn(volume)) {
                            volume.delete(f);
                        }
                        if (volume.exists(DriveManifest.FILE_NAME)) {
                            volume.delete(DriveManifest.FILE_NAME);
                        }
                    }
                    continue;
                }
                Set<String> planned = new HashSet<>();
                filesOf(packs).forEach(f -> planned.add(f.drivePath(jobName)));
                for (String f : seedFilesOn(volume)) {
                    if (!planned.contains(f)) {
                        volume.delete(f); // planned onto another drive this time
                    }
                }
                DriveJournal j = DriveJournal.open(DriveJournal.path(journalFolder, s.serial()));
                j.create(jobName, s.serial(), listing, packs);
                journals.put(s.serial(), j);
            }
            if (claims != null) {
                BitSet mine = (BitSet) placed.clone();
                journals.values().forEach(j -> mine.or(j.assigned()));
                claims.keepOnly(mine);
            }
            List<DriveReport> reports = copyAll(sessions, journals, progress);
            return new Result(reports, allocation, copied.get(), List.copyOf(unused),
                    new Timing(readNanos.get(), md5Nanos.get(), writeNanos.get(), syncNanos.get()));
        } finally {
            for (DriveJournal j : journals.values()) {
                j.close();
            }
        }
    }

    /** Whether this computer still holds every pack of a drive of an earlier run (it claims them again). */
    private boolean stillHeld(DriveJournal j) throws IOException {
        BitSet packs = j.assigned();
        return packs.isEmpty() || claims.claim(j.serial(), packs).equals(packs);
    }

    /** Rounds of placing and claiming before a run gives up on packs other computers keep winning. */
    private static final int CLAIM_ROUNDS = 5;

    /**
     * Places the packs no computer holds on the new drives, as {@link Allocation} does, and claims them; packs
     * another computer won meanwhile are left to it, and the room they leave is offered to the next packs.
     */
    private Allocation claimed(BitSet placed, List<Allocation.Space> fresh) throws IOException {
        Map<String, BitSet> won = new LinkedHashMap<>();
        fresh.forEach(s -> won.put(s.serial(), new BitSet()));
        BitSet taken = (BitSet) placed.clone();
        List<Allocation.Space> room = fresh;
        Allocation last = null;
        for (int round = 0; round < CLAIM_ROUNDS; round++) {
            taken.or(claims.heldElsewhere());
            last = Allocation.allocate(listing, jobName, container, taken, room);
            boolean lost = false;
            for (Allocation.Space s : room) {
                BitSet want = last.assigned().get(s.serial());
                if (want.isEmpty()) {
                    continue;
                }
                BitSet got = claims.claim(s.serial(), want);
                won.get(s.serial()).or(got);
                taken.or(got);
                lost |= !got.equals(want);
            }
            if (!lost) {
                break;
            }
            List<Allocation.Space> left = new ArrayList<>();
            for (Allocation.Space s : fresh) {
                long used = 0;
                BitSet packs = won.get(s.serial());
                for (int i = packs.nextSetBit(0); i >= 0; i = packs.nextSetBit(i + 1)) {
                    used += Allocation.cost(listing.packs().get(i), jobName, container, s.storedSize());
                }
                left.add(new Allocation.Space(s.serial(), s.freeBytes() - used, s.storedSize()));
            }
            room = left;
        }
        taken.or(claims.heldElsewhere());
        BitSet unplaced = new BitSet();
        unplaced.set(0, listing.packs().size());
        unplaced.andNot(taken);
        return unplaced.isEmpty() ? new Allocation(won, unplaced, 0, 0)
                : new Allocation(won, unplaced, last.shortfallBytes(), last.drivesNeeded());
    }

    private List<DriveReport> copyAll(List<DriveSession> sessions, Map<String, DriveJournal> journals,
            Progress progress) throws IOException {
        Map<String, List<DriveSession>> byDevice = new LinkedHashMap<>();
        long total = 0;
        Map<String, List<SeedFile>> files = new LinkedHashMap<>();
        for (DriveSession s : sessions) {
            DriveJournal j = journals.get(s.serial());
            if (j == null) {
                continue;
            }
            List<SeedFile> driveFiles = filesOf(j.assigned());
            files.put(s.serial(), driveFiles);
            total += remainingBytes(j, driveFiles);
            byDevice.computeIfAbsent(s.device(), d -> new ArrayList<>()).add(s);
        }
        Progress shared = new SynchronizedProgress(progress);
        shared.begin("Copying to " + journals.size() + (journals.size() == 1 ? " drive" : " drives"), total);
        List<DriveReport> reports = Collections.synchronizedList(new ArrayList<>());
        ExecutorService devices = Executors.newFixedThreadPool(Math.max(1, byDevice.size()), r -> {
            Thread t = new Thread(r, "seedbench-drive-copy");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<DriveSession> group : byDevice.values()) {
                running.add(devices.submit(() -> {
                    for (DriveSession s : group) {
                        try {
                            reports.add(copyDrive(s, journals.get(s.serial()), files.get(s.serial()), shared));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    return null;
                }));
            }
            RuntimeException first = null;
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null || e.getCause() instanceof Progress.CanceledException) {
                        first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Progress.CanceledException();
                }
            }
            if (first instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (first != null) {
                throw first;
            }
        } finally {
            devices.shutdownNow();
        }
        List<DriveReport> ordered = new ArrayList<>(reports);
        ordered.sort(java.util.Comparator.comparing(r -> sessions.stream().map(DriveSession::serial).toList()
                .indexOf(r.serial())));
        return ordered;
    }

    /** The finished files of this seed on a drive. */
    private List<String> seedFilesOn(Volume volume) throws IOException {
        return volume.list().stream().filter(f -> f.startsWith(jobName + "/")).toList();
    }

    /** The files of a drive, in copy order: the metadata, then its packs. */
    List<SeedFile> filesOf(BitSet packs) {
        List<SeedFile> files = new ArrayList<>(listing.metadata());
        for (int i = packs.nextSetBit(0); i >= 0; i = packs.nextSetBit(i + 1)) {
            files.add(listing.packs().get(i));
        }
        return files;
    }

    private static long remainingBytes(DriveJournal j, List<SeedFile> files) {
        if (j.isComplete()) {
            return 0;
        }
        long bytes = 0;
        for (int f = j.doneFiles(); f < files.size(); f++) {
            bytes += files.get(f).length();
        }
        return Math.max(0, bytes - (long) j.currentBlocks().size() * DriveManifest.BLOCK_SIZE);
    }

    private DriveReport copyDrive(DriveSession s, DriveJournal journal, List<SeedFile> files, Progress progress)
            throws IOException {
        long bytes = files.stream().mapToLong(SeedFile::length).sum();
        Path driveInfo = DriveInfoFile.path(journalFolder, jobName, s.serial());
        if (journal.isComplete() && Files.exists(driveInfo)) {
            return new DriveReport(s.serial(), files.size(), bytes, 0, journal.blocksCopied(), true,
                    journal.manifestHash(), driveInfo, 0);
        }
        long started = System.nanoTime();
        long resumedBlocks = journal.blocksCopied();
        journal.startRun(clock.instant());
        Path partFile = journalFolder.resolve(s.serial() + PART_SUFFIX);
        ExecutorService hasher = Executors.newFixedThreadPool(HASH_THREADS, r -> {
            Thread t = new Thread(r, "seedbench-md5-" + s.serial());
            t.setDaemon(true);
            return t;
        });
        // the read-ahead: the next blocks of the file being copied, read while earlier ones are written
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "seedbench-read-" + s.serial());
            t.setDaemon(true);
            return t;
        });
        // the SHA-256 of each staged object, block after block in order, beside the copy
        ExecutorService checker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "seedbench-sha256-" + s.serial());
            t.setDaemon(true);
            return t;
        });
        try (FileChannel part = FileChannel.open(partFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            if (part.size() < journal.manifestPartLength()) {
                throw new IOException("the manifest in progress of drive " + s.serial() + " (" + partFile
                        + ") is shorter than its journal records; prepare this drive again (--restart)");
            }
            part.truncate(journal.manifestPartLength());
            Buffers buffers = new Buffers(spareBuffers);
            for (int f = journal.doneFiles(); f < files.size(); f++) {
                progress.checkCanceled();
                SeedFile file = files.get(f);
                List<byte[]> md5s = copyFile(s, journal, f, file, buffers, reader, hasher, checker,
                        progress);
                String entry = DriveManifest.blob(Allocation.blobPath(container, jobName, file), file.drivePath(jobName),
                        file.length(), md5s);
                ByteBuffer b = ByteBuffer.wrap(entry.getBytes(StandardCharsets.UTF_8));
                part.position(part.size());
                while (b.hasRemaining()) {
                    part.write(b);
                }
                part.force(false);
                journal.done(f, part.size());
            }
            if (!journal.isComplete()) {
                writeManifest(s, journal, part);
            }
            DriveInfoFile.write(driveInfo, new DriveInfoFile.Info(jobName, s.serial(), s.encryptorId(), s.key(),
                    DriveManifest.MANIFEST_FILE, journal.manifestHash(), journal.manifestLength()));
            buffers.release(spareBuffers);
        } finally {
            reader.shutdownNow();
            hasher.shutdownNow();
            checker.shutdownNow();
        }
        return new DriveReport(s.serial(), files.size(), bytes, journal.blocksCopied() - resumedBlocks, resumedBlocks,
                true, journal.manifestHash(), driveInfo, System.nanoTime() - started);
    }

    /** Copies the missing blocks of one file; returns the MD5s of all its blocks. */
    private List<byte[]> copyFile(DriveSession s, DriveJournal journal, int index, SeedFile file, Buffers buffers,
            ExecutorService reader, ExecutorService hasher, ExecutorService checker, Progress progress) throws IOException {
        Volume volume = s.volume();
        String path = file.drivePath(jobName);
        int total = DriveManifest.blockCount(file.length());
        List<byte[]> md5s = new ArrayList<>(journal.currentBlocks());
        if (md5s.size() > total) {
            throw new IOException("the journal of drive " + s.serial() + " records more blocks of " + path
                    + " than it has; prepare this drive again (--restart)");
        }
        if (volume.exists(path) && volume.size(path) == file.length() && volume.unfinishedLength(path) < 0) {
            // finished on the drive before the run was killed, but not yet journaled: read back, never copy
            if (md5s.size() == total) {
                return md5s;
            }
            MessageDigest sha = file.expectedSha256() == null ? null : sha256();
            List<byte[]> missing = readBack(volume, path, md5s.size(), total, file.length(), buffers, sha);
            if (sha == null || HexFormat.of().formatHex(sha.digest()).equals(file.expectedSha256())) {
                journal.blocks(index, md5s.size(), missing);
                md5s.addAll(missing);
                return md5s;
            }
            // the copy on the drive is not the object its name says: copy it again from staging
            volume.delete(path);
            journal.forgetBlocksFrom(0);
            md5s.clear();
        }
        progress.subTask(s.serial() + ": " + path);
        long resumeAt = (long) md5s.size() * DriveManifest.BLOCK_SIZE;
        DriveFile out;
        if (!md5s.isEmpty() && volume.unfinishedLength(path) >= resumeAt) {
            out = volume.resume(path, resumeAt);
        } else {
            if (!md5s.isEmpty()) {
                journal.forgetBlocksFrom(0);
                md5s.clear();
            }
            out = volume.create(path);
        }
        try (out; StagedReader in = listing.read(file, path)) {
            MessageDigest sha = file.expectedSha256() == null ? null : sha256();
            if (!md5s.isEmpty()) {
                byte[] buf = buffers.take();
                in.skip((long) md5s.size() * DriveManifest.BLOCK_SIZE, sha, buf);
                buffers.give(buf);
            }
            BlockingQueue<Object> ready = new LinkedBlockingQueue<>(); // blocks read, in order; a failure; END
            Future<?> reading = reader.submit(() -> readAhead(in, file, md5s.size(), total, buffers, sha, hasher,
                    checker, ready));
            List<byte[]> hashed = new ArrayList<>(); // MD5s known, of blocks not yet journaled
            try {
                Deque<Block> hashing = new ArrayDeque<>(); // blocks written, their MD5s maybe not yet known
                int synced = md5s.size();
                for (int b = md5s.size(); b < total; b++) {
                    progress.checkCanceled();
                    Block block = nextBlock(ready);
                    long t0 = System.nanoTime();
                    out.write(block.buf(), 0, block.length());
                    writeNanos.addAndGet(System.nanoTime() - t0);
                    // the buffer is read into again once the block is written and both its hashes are known
                    block.hashed().whenComplete((digest, failure) -> buffers.give(block.buf()));
                    hashing.addLast(block);
                    copied.addAndGet(block.length());
                    progress.worked(block.length());
                    if (b < total - 1 && b + 1 - synced == SYNC_BLOCKS) {
                        long s0 = System.nanoTime();
                        out.sync();
                        syncNanos.addAndGet(System.nanoTime() - s0);
                        synced = b + 1;
                        while (!hashing.isEmpty()) {
                            hashed.add(join(hashing.removeFirst().hashed()));
                        }
                        journalSynced(journal, index, md5s, hashed, synced);
                    }
                }
                while (!hashing.isEmpty()) {
                    hashed.add(join(hashing.removeFirst().hashed()));
                }
            } finally {
                reading.cancel(true);
            }
            if (sha != null) {
                String actual = HexFormat.of().formatHex(sha.digest());
                if (!actual.equals(file.expectedSha256())) {
                    // never finished on the drive, and nothing of it stays journaled: a rerun copies it afresh
                    journal.forgetBlocksFrom(0);
                    throw new DamagedStagedFileException(file, actual);
                }
            }
            long f0 = System.nanoTime();
            out.finish();
            syncNanos.addAndGet(System.nanoTime() - f0);
            journalSynced(journal, index, md5s, hashed, total);
        }
        return md5s;
    }

    /** A block read ahead of the write: its buffer, its length, and its MD5 once known (after its SHA-256 step). */
    private record Block(byte[] buf, int length, CompletableFuture<byte[]> hashed) {
    }

    private static final Object END = new Object();

    /**
     * The read-ahead of one file, on the drive's reader thread: reads blocks {@code from…} into free buffers and
     * starts their MD5s (and the file's SHA-256, in order) as soon as each is read, so reading, hashing and the
     * encryption and write of earlier blocks overlap. Hands the blocks to the copy thread through {@code ready}.
     */
    private void readAhead(StagedReader in, SeedFile file, int from, int total, Buffers buffers, MessageDigest sha,
            ExecutorService hasher, ExecutorService checker, BlockingQueue<Object> ready) {
        try {
            for (int b = from; b < total; b++) {
                byte[] buf = buffers.take();
                long offset = (long) b * DriveManifest.BLOCK_SIZE;
                int length = (int) Math.min(DriveManifest.BLOCK_SIZE, file.length() - offset);
                long t0 = System.nanoTime();
                in.readFully(buf, length);
                readNanos.addAndGet(System.nanoTime() - t0);
                CompletableFuture<byte[]> md5 = CompletableFuture.supplyAsync(() -> {
                    long h0 = System.nanoTime();
                    byte[] digest = DriveManifest.md5(buf, length);
                    md5Nanos.addAndGet(System.nanoTime() - h0);
                    return digest;
                }, hasher);
                ready.add(new Block(buf, length, sha == null ? md5 : md5.thenCombine(CompletableFuture.runAsync(
                        () -> sha.update(buf, 0, length), checker), (digest, none) -> digest)));
            }
            ready.add(END);
        } catch (Throwable t) {
            ready.add(t);
        }
    }

    /** The next block the reader read; its failure if it failed. */
    private static Block nextBlock(BlockingQueue<Object> ready) throws IOException {
        Object next;
        try {
            next = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Progress.CanceledException();
        }
        if (next instanceof Block block) {
            return block;
        }
        if (next == END) {
            throw new IOException("reading ahead of the copy ended before the file's last block");
        }
        throw ParallelDrives.asIOException((Throwable) next, "reading ahead of the copy failed");
    }

    /**
     * Once the MD5s of all the blocks synced to the drive ({@code synced} of the file's blocks) are known (in
     * {@code hashed}, following {@code md5s}), journals those blocks in one record and moves them to {@code md5s}.
     */
    private static void journalSynced(DriveJournal journal, int index, List<byte[]> md5s, List<byte[]> hashed,
            int synced) throws IOException {
        int n = synced - md5s.size();
        if (n > 0 && hashed.size() >= n) {
            List<byte[]> done = List.copyOf(hashed.subList(0, n));
            journal.blocks(index, md5s.size(), done);
            md5s.addAll(done);
            hashed.subList(0, n).clear();
        }
    }

    /**
     * Reads blocks {@code from…} of a finished file back from the drive and returns their MD5s; with {@code sha},
     * reads the whole file and hashes it there too.
     */
    private static List<byte[]> readBack(Volume volume, String path, int from, int total, long length, Buffers buffers,
            MessageDigest sha) throws IOException {
        List<byte[]> md5s = new ArrayList<>();
        int first = sha == null ? from : 0;
        byte[] buf = buffers.take();
        try (InputStream in = volume.open(path, (long) first * DriveManifest.BLOCK_SIZE)) {
            for (int b = first; b < total; b++) {
                int n = (int) Math.min(DriveManifest.BLOCK_SIZE, length - (long) b * DriveManifest.BLOCK_SIZE);
                if (in.readNBytes(buf, 0, n) != n) {
                    throw new IOException(path + " on the drive ends before its block " + b);
                }
                if (sha != null) {
                    sha.update(buf, 0, n);
                }
                if (b >= from) {
                    md5s.add(DriveManifest.md5(buf, n));
                }
            }
        } finally {
            buffers.give(buf);
        }
        return md5s;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A staged object whose bytes do not have the SHA-256 its name says: it was damaged after staging. It is not
     * finished on any drive and nothing of it is journaled.
     */
    public static final class DamagedStagedFileException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String path;

        DamagedStagedFileException(SeedFile file, String actual) {
            super("the staged " + (file.metadata() ? "file " : "pack ") + file.path() + " is damaged: its SHA-256 is "
                    + actual.substring(0, 16) + "…, not its name; it was not copied to any drive (check the staging "
                    + "repository with seedbench verify --read-data)");
            this.path = file.path();
        }

        /** The damaged object, relative to the repository. */
        public String path() {
            return path;
        }
    }

    private void writeManifest(DriveSession s, DriveJournal journal, FileChannel part) throws IOException {
        MessageDigest md5 = DriveManifest.md5();
        long length = 0;
        try (DriveFile out = s.volume().create(DriveManifest.FILE_NAME)) {
            byte[] head = DriveManifest.header(s.serial(), containerSas).getBytes(StandardCharsets.UTF_8);
            md5.update(head);
            out.write(head);
            length += head.length;
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            part.position(0);
            while (part.read(buf) > 0) {
                buf.flip();
                md5.update(buf.array(), 0, buf.limit());
                out.write(buf.array(), 0, buf.limit());
                length += buf.limit();
                buf.clear();
            }
            byte[] foot = DriveManifest.footer().getBytes(StandardCharsets.UTF_8);
            md5.update(foot);
            out.write(foot);
            length += foot.length;
            out.finish();
        }
        journal.complete(HexFormat.of().withUpperCase().formatHex(md5.digest()), length);
    }

    private static byte[] join(Future<byte[]> f) throws IOException {
        return Futures.await(f, cause -> new IOException("computing a block's MD5 failed", cause));
    }

    /**
     * The block buffers of a drive (4 MiB each): the reader takes a free one for the next block, and it is free
     * again once its block is written and hashed. Reading stops when all are in use.
     */
    private static final class Buffers {
        private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BLOCKS_IN_FLIGHT);

        /** Takes the buffers from {@code spare} first, then allocates the rest. */
        Buffers(Queue<byte[]> spare) {
            for (int i = 0; i < BLOCKS_IN_FLIGHT; i++) {
                byte[] b = spare.poll();
                free.add(b != null ? b : new byte[DriveManifest.BLOCK_SIZE]);
            }
        }

        /** The drive is done and every buffer free: they go to {@code spare}. */
        void release(Queue<byte[]> spare) {
            free.drainTo(spare);
        }

        byte[] take() {
            try {
                return free.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Progress.CanceledException();
            }
        }

        void give(byte[] buffer) {
            free.add(buffer);
        }
    }

    /** A Progress several copy threads report to. */
    private static final class SynchronizedProgress implements Progress {
        private final Progress delegate;

        SynchronizedProgress(Progress delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized void begin(String task, long totalWork) {
            delegate.begin(task, totalWork);
        }

        @Override
        public synchronized void subTask(String name) {
            delegate.subTask(name);
        }

        @Override
        public synchronized void worked(long units) {
            delegate.worked(units);
        }

        @Override
        public boolean isCanceled() {
            return delegate.isCanceled();
        }
    }
}
