package org.seedbench.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.seedbench.backup.SampleEncoding;
import org.seedbench.backup.WorkloadRun;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.DriveRules;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.support.bandwidth.Rate;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;

/**
 * The pre-flight estimate of a job: lists its sources, reads a bounded random sample of them (whole small files,
 * windows of large ones; never everything), runs the backup engine's chunking, compression and encryption on it,
 * measures how fast that goes and how fast the staging location takes a flushed write, and compares shipping
 * drives with uploading the seed. Reads the job from the catalog and writes nothing but a temporary file in the
 * staging location, removed at the end.
 */
@Component(service = EstimateService.class)
public class EstimateService {
    /** The size of the windows read from large files: a few of the engine's chunks. */
    static final int WINDOW = 4 << 20;
    private static final double SECONDS_PER_DAY = 86_400;
    private static final long MIN_SAMPLE = 256L << 20;
    private static final long MAX_SAMPLE = 4L << 30;
    private static final int DRIVE_PROBE = 64 << 20;
    /** Files of more windows than this are read in two windows at least, to see repeats within them. */
    private static final int MIN_WINDOWS_FROM = 4;
    /** The most draws of large files a sample makes (drawing a file again costs no read). */
    private static final int MAX_DRAWS = 10_000;

    @Reference
    private SampleEncoding encoding;

    @Reference
    private InstalledProviders installed;

    /**
     * What to estimate with.
     *
     * @param bandwidthBitsPerSecond the network link, bits a second
     * @param utilisation            the share of the link the upload may use, above 0 and at most 1
     * @param transitDays            shipping the drives to the datacenter
     * @param processingDays         the service's processing once the drives arrived
     * @param driveSize              capacity of a drive, bytes
     * @param sampleBytes            the most bytes to sample; 0 for the default (a fiftieth of the sources, from 256
     *                               MiB to 4 GiB, and never more than a third of them)
     * @param seed                   the seed of the random sample (the same seed samples the same files)
     */
    public record Request(long bandwidthBitsPerSecond, double utilisation, double transitDays, double processingDays,
            long driveSize, long sampleBytes, long seed) {
        /** A transit of 2 days and the service's typical 7–10 days of processing, taken as 10. */
        public static final double DEFAULT_TRANSIT_DAYS = 2;
        public static final double DEFAULT_PROCESSING_DAYS = 10;
        public static final double DEFAULT_UTILISATION = 0.8;
    }

    /**
     * Estimates the job's seed.
     *
     * @throws InvalidInputException when the job does not exist, a workload is not valid or a setting is out of
     *                               range
     */
    public SeedEstimate estimate(Workspace workspace, String jobName, Request request, Progress progress)
            throws InvalidInputException, IOException {
        SeedingJob job;
        try (Catalog catalog = workspace.catalog()) {
            job = Jobs.require(catalog, jobName);
        }
        return estimate(job, request, progress);
    }

    /**
     * Estimates the seed of a job that need not exist yet (the "Initiate offline backup" wizard's): its workloads
     * and staging location as given.
     *
     * @throws InvalidInputException when a workload is not valid or a setting is out of range
     */
    public SeedEstimate estimate(SeedingJob job, Request request, Progress progress)
            throws InvalidInputException, IOException {
        check(request);
        String jobName = job.name();
        InvalidInputException.throwIfAny(Jobs.workloadProblems(job, installed.workloadSources()));
        List<WorkloadRun> runs = Jobs.workloadRuns(job, installed.workloadSources());

        List<Sampled> files = new ArrayList<>();
        progress.begin("listing the sources of " + jobName, -1);
        for (WorkloadRun run : runs) {
            run.source().enumerate(run.spec(), item -> {
                if (item.type() == WorkloadItem.Type.FILE) {
                    files.add(new Sampled(run, item));
                }
            }, w -> {
            }, progress);
            progress.checkCanceled();
        }
        long total = files.stream().mapToLong(f -> f.item.size()).sum();
        long budget = request.sampleBytes() > 0 ? request.sampleBytes()
                : Math.min(total / 3, Math.max(MIN_SAMPLE, Math.min(MAX_SAMPLE, total / 50)));
        plan(files, budget, new SplittableRandom(request.seed()));

        SampleStatistics statistics = new SampleStatistics();
        long small = 0;
        long large = 0;
        long sampled = 0;
        long sampledFiles = 0;
        long readNanos = 0;
        long encodeNanos = 0;
        long planned = files.stream().mapToLong(Sampled::plannedBytes).sum();
        progress.begin("sampling " + jobName, planned);
        byte[] buffer = new byte[WINDOW];
        try (SampleEncoding.Encoder encoder = encoding.newEncoder()) {
            for (Sampled f : files) {
                long size = f.item.size();
                if (size <= WINDOW) {
                    small += size;
                } else {
                    large += size;
                }
                if (f.windows.isEmpty()) {
                    continue;
                }
                progress.checkCanceled();
                sampledFiles++;
                List<SampleEncoding.SampledChunk> chunks = new ArrayList<>();
                try (InputStream in = f.run.source().open(f.run.spec(), f.item)) {
                    long at = 0;
                    for (long window : f.windows) {
                        long t0 = System.nanoTime();
                        in.skipNBytes(window - at);
                        int len = (int) Math.min(WINDOW, size - window);
                        in.readNBytes(buffer, 0, len);
                        long t1 = System.nanoTime();
                        chunks.addAll(encoder.encode(buffer, 0, len, window == 0, window + len == size));
                        encodeNanos += System.nanoTime() - t1;
                        readNanos += t1 - t0;
                        at = window + len;
                        sampled += len;
                        progress.worked(len);
                    }
                } catch (IOException e) {
                    continue;
                }
                if (size <= WINDOW) {
                    statistics.smallFile(chunks);
                } else {
                    statistics.largeFile(size, chunks, f.draws);
                }
            }
        }
        long stored = statistics.stored(small, large);
        double readRate = sampled / seconds(readNanos);
        double encodeRate = sampled / seconds(encodeNanos) * Runtime.getRuntime().availableProcessors();
        double stageRate = Math.min(readRate, encodeRate);
        progress.begin("measuring a flushed write to " + job.stagingLocation(), DRIVE_PROBE);
        double driveRate = writeRate(Path.of(job.stagingLocation()), buffer);
        progress.worked(DRIVE_PROBE);
        int drives = (int) Math.max(1, Math.ceil((double) stored / request.driveSize()));
        double networkRate = request.bandwidthBitsPerSecond() / 8.0 * request.utilisation();
        return new SeedEstimate(total, files.size(), sampled, sampledFiles, stored, request.driveSize(), drives,
                readRate, encodeRate, driveRate, sampled == 0 ? 0 : total / stageRate / SECONDS_PER_DAY,
                stored / driveRate / SECONDS_PER_DAY, request.transitDays(), request.processingDays(), networkRate,
                stored / networkRate / SECONDS_PER_DAY);
    }

    /**
     * Bits a second of a rate as {@link Rate#parse} reads it ({@code 100Mbit}, {@code 1Gbps}, {@code 12.5MB/s}); a
     * speed, so not {@code unlimited}.
     *
     * @param field what the text was given as, for the message (e.g. {@code bandwidth})
     */
    public static long bitsPerSecond(String field, String text) throws InvalidInputException {
        Rate rate = Rate.parse(field, text);
        if (rate.unlimited()) {
            throw new InvalidInputException(new Problem(field, text, "is not a speed",
                    "a rate such as 100Mbit, 1Gbit, 20Mbps or 12.5MB/s"));
        }
        return Math.multiplyExact(rate.bytesPerSecond(), 8);
    }

    private static void check(Request r) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        if (r.bandwidthBitsPerSecond() <= 0) {
            problems.add(new Problem("bandwidth", Long.toString(r.bandwidthBitsPerSecond()), "is not a speed",
                    "the network link, e.g. 100Mbit, 1Gbit or 20Mbit"));
        }
        if (!(r.utilisation() > 0 && r.utilisation() <= 1)) {
            problems.add(new Problem("utilisation", Double.toString(r.utilisation()), "is not a share of the link",
                    "a number above 0 and at most 1, e.g. 0.8"));
        }
        if (!(r.transitDays() >= 0) || !(r.processingDays() >= 0)) {
            problems.add(new Problem("days", r.transitDays() + "/" + r.processingDays(), "is negative",
                    "transit and processing days of 0 or more"));
        }
        if (r.driveSize() <= 0 || r.driveSize() > DriveRules.MAX_CAPACITY_BYTES) {
            problems.add(new Problem(DriveRules.FIELD, Long.toString(r.driveSize()), "is not a drive size the service "
                    + "takes", "a drive of at most 10 TB, e.g. 8TB"));
        }
        InvalidInputException.throwIfAny(problems);
    }

    /**
     * Chooses what to read: each small file whole, with the sample's share of all bytes as probability; large files
     * drawn one after the other with probability in proportion to their size (a file drawn again is not read again),
     * each read in random windows, the sample's share of its windows but at least one (two for a file of more than
     * {@value #MIN_WINDOWS_FROM}, so that repeats within it show), until the budget is spent.
     */
    static void plan(List<Sampled> files, long budget, SplittableRandom random) {
        long total = files.stream().mapToLong(f -> f.item.size()).sum();
        if (total == 0) {
            return;
        }
        double share = Math.min(1, (double) budget / total);
        List<Sampled> large = new ArrayList<>();
        long left = budget;
        for (Sampled f : files) {
            if (f.item.size() <= WINDOW) {
                if (f.item.size() > 0 && random.nextDouble() < share) {
                    f.windows.add(0L);
                    left -= f.item.size();
                }
            } else {
                large.add(f);
            }
        }
        if (large.isEmpty()) {
            return;
        }
        long[] cumulative = new long[large.size()];
        long sum = 0;
        for (int i = 0; i < large.size(); i++) {
            sum += large.get(i).item.size();
            cumulative[i] = sum;
        }
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            int i = java.util.Arrays.binarySearch(cumulative, random.nextLong(sum));
            Sampled f = large.get(i >= 0 ? i + 1 : -i - 1);
            if (f.draws == 0) {
                int slots = f.slots();
                int least = slots > MIN_WINDOWS_FROM ? 2 : 1;
                int want = Math.min(slots, Math.max(least, (int) Math.floor(share * slots + random.nextDouble())));
                if ((long) want * WINDOW > left) {
                    break;
                }
                List<Integer> order = new ArrayList<>();
                for (int s = 0; s < slots; s++) {
                    order.add(s);
                }
                java.util.Collections.shuffle(order, new Random(random.nextLong()));
                order.subList(0, want).stream().sorted().forEach(s -> f.windows.add((long) s * WINDOW));
                left -= (long) want * WINDOW;
            }
            f.draws++;
        }
    }

    /**
     * Bytes a second a new file in {@code folder} takes a write and a flush at (random bytes, never the sample's);
     * the file is removed.
     */
    private static double writeRate(Path folder, byte[] data) throws IOException {
        new Random().nextBytes(data);
        Files.createDirectories(folder);
        Path probe = Files.createTempFile(folder, ".seedbench-estimate-", ".tmp");
        try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.WRITE)) {
            long t0 = System.nanoTime();
            for (int written = 0; written < DRIVE_PROBE; written += data.length) {
                ch.write(ByteBuffer.wrap(data));
            }
            ch.force(true);
            return DRIVE_PROBE / seconds(System.nanoTime() - t0);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static double seconds(long nanos) {
        return Math.max(nanos, 1) / 1e9;
    }

    /** A file of the job and the offsets of the windows read from it. */
    static final class Sampled {
        final WorkloadRun run;
        final WorkloadItem item;
        final List<Long> windows = new ArrayList<>();
        /** How often the plan drew this large file. */
        int draws;

        Sampled(WorkloadRun run, WorkloadItem item) {
            this.run = run;
            this.item = item;
        }

        /** Windows the file's bytes make. */
        int slots() {
            return (int) ((item.size() + WINDOW - 1) / WINDOW);
        }

        long plannedBytes() {
            return windows.stream().mapToLong(w -> Math.min(WINDOW, item.size() - w)).sum();
        }
    }
}
