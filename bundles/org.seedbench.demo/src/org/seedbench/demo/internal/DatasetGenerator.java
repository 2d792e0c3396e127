package org.seedbench.demo.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Writes the dataset that the benchmark and {@code seedbench demo} back up, and changes it for an incremental round.
 * <p>
 * The dataset mixes what a file server holds, in four categories whose counts are given for the benchmark size
 * ({@value #BENCHMARK_BYTES} bytes) and scale in proportion to the size asked for:
 * <ul>
 * <li>about 2,000 text-like files of 1–64 KiB: prose from a small vocabulary, log lines, CSV rows (they compress
 * three to five times);</li>
 * <li>about 200 random binaries of about 1–20 MiB (incompressible, no duplicates); they take whatever the other
 * categories leave, so that the dataset is exactly the size asked for;</li>
 * <li>3 disk-image-like files of 300 MiB each, built from a handful of distinct random 4 MiB blocks repeated in a
 * random order, so that deduplication finds them;</li>
 * <li>about 20,000 tiny configuration-like files of less than 1 KiB.</li>
 * </ul>
 * They are spread over a tree of a few levels and some tens of folders. Everything — names, sizes, contents and
 * modification times — follows from the seed alone: the same size and seed give the same bytes on every machine and
 * every Java version, because the generator uses its own SplitMix64 sequence rather than a JDK random generator.
 * Content comes from that fast generator and is written in large blocks, so generating gigabytes is bound by the
 * disk, not the processor.
 */
public final class DatasetGenerator {
    /** The dataset size the category counts of the class description are given for: the benchmark's size. */
    public static final long BENCHMARK_BYTES = 3_200_000_000L;
    /** The smallest dataset size that still holds every category. */
    public static final long MIN_BYTES = 4L << 20;

    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;
    private static final int TEXT_FILES = 2_000;
    private static final int BINARY_FILES = 200;
    private static final int IMAGE_FILES = 3;
    private static final int TINY_FILES = 20_000;
    private static final long IMAGE_BYTES = 300L * MIB;
    private static final int IMAGE_BLOCK = 4 * MIB;
    private static final int DISTINCT_BLOCKS = 5;
    private static final int MIN_TEXT_FILES = 3;
    private static final int MIN_TINY_FILES = 10;
    private static final int WRITE_BUFFER = MIB;
    /** 2024-01-01T00:00:00Z: generated files are dated within the year that follows. */
    private static final long EPOCH_2024 = 1_704_067_200_000L;
    private static final long YEAR_MILLIS = 365L * 24 * 3600 * 1000;

    private static final int STREAM_PLAN = 1;
    private static final int STREAM_TEXT = 2;
    private static final int STREAM_TINY = 3;
    private static final int STREAM_BINARY = 4;
    private static final int STREAM_IMAGE = 5;
    private static final int STREAM_MUTATE = 6;
    private static final int STREAM_FILES = 7;

    /** The most files (and sub-folders) {@link #generateFiles} puts in one folder. */
    public static final int FILES_PER_FOLDER = 1_000;
    /** The largest file {@link #generateFiles} writes, in bytes. */
    public static final int MAX_TINY_BYTES = KIB;

    private static final Set<String> TEXT_EXTENSIONS = Set.of("txt", "log", "csv", "conf", "cfg", "ini",
            "properties");
    private static final String[] LEAVES = { "q1", "q2", "q3", "q4", "drafts", "final", "raw", "east", "west",
            "shared", "old" };
    private static final String[] LEVELS = { "INFO ", "INFO ", "INFO ", "INFO ", "INFO ", "INFO ", "INFO ",
            "DEBUG", "DEBUG", "WARN ", "WARN ", "ERROR" };
    private static final String[] COMPONENTS = { "o.s.billing.InvoiceService", "o.s.portal.LoginController",
            "o.s.inventory.StockLedger", "o.s.scheduler.JobRunner", "o.s.gateway.RequestRouter",
            "o.s.db.ConnectionPool", "o.s.mail.Dispatcher", "o.s.auth.TokenIssuer" };
    private static final String[] CUSTOMERS = { "Contoso", "Fabrikam", "Northwind", "Tailspin", "Litware",
            "Adventure Works", "Wide World Importers", "Woodgrove Bank", "Proseware", "Alpine Ski House" };
    private static final String[] REGIONS = { "north", "south", "east", "west", "central" };
    private static final String[] PRODUCTS = { "backup-basic", "backup-pro", "archive-tier", "seed-disk",
            "support-hours", "licence-renewal" };
    private static final String[] STATES = { "paid", "paid", "paid", "open", "overdue", "cancelled" };
    private static final Style[] TEXT_STYLES = { Style.PROSE, Style.LOG, Style.CSV };

    private DatasetGenerator() {
    }

    /**
     * What a call wrote or changed.
     *
     * @param files       files written (by {@link #generate}) or changed and added (by {@link #mutate})
     * @param directories directories created
     * @param bytes       bytes written
     */
    public record Summary(long files, long directories, long bytes) {
    }

    /**
     * Writes a new dataset of {@code targetBytes} bytes into {@code dir}.
     *
     * @param dir          where to write; it is created when missing and must be empty when it exists
     * @param targetBytes  the total size of the files, at least {@link #MIN_BYTES}; the dataset is exactly this
     *                     size
     * @param seed         the seed that every name, size and byte follows from
     * @param bytesWritten receives the number of bytes written since its previous call (so the calls add up to
     *                     {@code targetBytes}), after each file and every 8 MiB within large files; may be
     *                     {@code null}
     * @return the files, directories (below {@code dir}) and bytes written
     * @throws IllegalArgumentException   when {@code targetBytes} is below {@link #MIN_BYTES}
     * @throws DirectoryNotEmptyException when {@code dir} exists and holds anything
     * @throws IOException                when a file cannot be written
     */
    public static Summary generate(Path dir, long targetBytes, long seed, LongConsumer bytesWritten)
            throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (targetBytes < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "a dataset needs at least " + MIN_BYTES + " bytes to hold every kind of file, not " + targetBytes);
        }
        prepareEmpty(dir);
        Plan plan = new Plan(targetBytes, seed);
        Output out = new Output(bytesWritten);
        for (Folder f : plan.folders) {
            Files.createDirectory(dir.resolve(f.path));
        }
        Prng dates = new Prng(mix(seed, STREAM_PLAN, -1));
        byte[] buffer = new byte[WRITE_BUFFER];
        Text text = new Text();
        for (int i = 0; i < plan.textSizes.length; i++) {
            Prng r = new Prng(mix(seed, STREAM_TEXT, i));
            Folder folder = plan.textFolders[i];
            Style style = folder.kind.style != null ? folder.kind.style : TEXT_STYLES[r.below(TEXT_STYLES.length)];
            text.reset();
            style.write(text, r, plan.textSizes[i]);
            Path file = dir.resolve(folder.path).resolve(style.prefix + "-" + pad(i + 1, 4) + "." + style.extension);
            out.write(file, text.bytes, plan.textSizes[i], dates);
        }
        for (int i = 0; i < plan.tinySizes.length; i++) {
            Prng r = new Prng(mix(seed, STREAM_TINY, i));
            Folder folder = plan.tinyFolders[i];
            String extension = folder.kind.tinyExtensions[r.below(folder.kind.tinyExtensions.length)];
            text.reset();
            Style.SETTINGS.write(text, r, plan.tinySizes[i]);
            Path file = dir.resolve(folder.path).resolve("settings-" + pad(i + 1, 5) + "." + extension);
            out.write(file, text.bytes, plan.tinySizes[i], dates);
        }
        for (int i = 0; i < plan.binarySizes.length; i++) {
            Prng r = new Prng(mix(seed, STREAM_BINARY, i));
            Folder folder = plan.binaryFolders[i];
            String extension = folder.kind.binaryExtensions[r.below(folder.kind.binaryExtensions.length)];
            Path file = dir.resolve(folder.path).resolve(folder.kind.binaryPrefix + "-" + pad(i + 1, 4) + "."
                    + extension);
            out.writeRandom(file, plan.binarySizes[i], r, buffer, dates);
        }
        byte[][] blocks = new byte[DISTINCT_BLOCKS][plan.imageBlock];
        for (int b = 0; b < DISTINCT_BLOCKS; b++) {
            new Prng(mix(seed, STREAM_IMAGE, -1 - b)).fill(blocks[b], 0, plan.imageBlock);
        }
        for (int i = 0; i < IMAGE_FILES; i++) {
            Prng r = new Prng(mix(seed, STREAM_IMAGE, i));
            Path file = dir.resolve(plan.imageFolders[i].path).resolve("disk-" + (i + 1) + ".vhdx");
            out.writeBlocks(file, plan.imageBytes, blocks, r, dates);
        }
        for (int i = plan.folders.size() - 1; i >= 0; i--) {
            Files.setLastModifiedTime(dir.resolve(plan.folders.get(i).path), date(dates));
        }
        Files.setLastModifiedTime(dir, date(dates));
        return new Summary(out.files, plan.folders.size(), out.bytes);
    }

    /**
     * Writes a new dataset of {@code count} tiny files into {@code dir}, for the scale run of the benchmark (a
     * million files cost a backup tool a million opens, stats and closes, whatever their size). Each file holds
     * 0 to {@value #MAX_TINY_BYTES} bytes: three in four are configuration-like text, the others random bytes.
     * They fill folders {@code group-GGG/folder-FFF/} of {@value #FILES_PER_FOLDER} files each (the last one
     * fewer), at most {@value #FILES_PER_FOLDER} folders a group. Names, sizes, contents and modification times
     * follow from the seed alone; nothing is forced to the disk.
     *
     * @param dir          where to write; it is created when missing and must be empty when it exists
     * @param count        how many files, from 1 to {@link Integer#MAX_VALUE}
     * @param seed         the seed that every size and byte follows from
     * @param filesWritten receives 1 after each file written; may be {@code null}
     * @return the files, directories (below {@code dir}) and bytes written
     * @throws IllegalArgumentException   when {@code count} is out of range
     * @throws DirectoryNotEmptyException when {@code dir} exists and holds anything
     * @throws IOException                when a file cannot be written
     */
    public static Summary generateFiles(Path dir, long count, long seed, LongConsumer filesWritten)
            throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (count < 1 || count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a dataset of files needs 1 to " + Integer.MAX_VALUE + " files, not "
                    + count);
        }
        prepareEmpty(dir);
        Output out = new Output(null);
        Prng dates = new Prng(mix(seed, STREAM_PLAN, -2));
        Text text = new Text();
        long perGroup = (long) FILES_PER_FOLDER * FILES_PER_FOLDER;
        List<Path> folders = new ArrayList<>();
        Path folder = null;
        for (long i = 0; i < count; i++) {
            if (i % FILES_PER_FOLDER == 0) {
                Path group = dir.resolve("group-" + pad((int) (i / perGroup), 3));
                if (i % perGroup == 0) {
                    folders.add(Files.createDirectory(group));
                }
                folder = Files.createDirectory(group.resolve("folder-" + pad((int) (i % perGroup
                        / FILES_PER_FOLDER), 3)));
                folders.add(folder);
            }
            Prng r = new Prng(mix(seed, STREAM_FILES, (int) i));
            int size = r.below(MAX_TINY_BYTES + 1);
            text.reset();
            String extension;
            if (r.below(4) == 0) {
                text.ensure(size);
                r.fill(text.bytes, 0, size);
                extension = "bin";
            } else {
                Style.SETTINGS.write(text, r, size);
                extension = "conf";
            }
            out.write(folder.resolve("file-" + pad((int) (i % FILES_PER_FOLDER), 3) + "." + extension), text.bytes,
                    size, dates);
            if (filesWritten != null) {
                filesWritten.accept(1);
            }
        }
        for (int f = folders.size() - 1; f >= 0; f--) {
            Files.setLastModifiedTime(folders.get(f), date(dates));
        }
        Files.setLastModifiedTime(dir, date(dates));
        return new Summary(out.files, folders.size(), out.bytes);
    }

    /**
     * Changes a share of the files below {@code dir}, as a day of work on a file server would, for an incremental
     * backup round. The files are chosen from the sorted list of regular files, so the same dataset, fraction and
     * seed give the same changes. Of the chosen files, about 45% have part of their content rewritten in place,
     * about 45% grow at the end and, for about 10%, a new file is added beside them; text-like files get text,
     * the others random bytes. Changed files keep the modification time the file system gives them.
     *
     * @param dir      a dataset, as {@link #generate} wrote it (any folder works)
     * @param fraction the share of the files to change, from 0 to 1 (0.05 changes one file in twenty); any
     *                 positive fraction changes at least one file
     * @param seed     the seed that the choice of files and the new content follow from
     * @return the files changed or added, the directories created (none) and the bytes written
     * @throws IllegalArgumentException when {@code fraction} is not within 0 to 1
     * @throws IOException              when {@code dir} cannot be read or a file cannot be changed
     */
    public static Summary mutate(Path dir, double fraction, long seed) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the share of files to change must be within 0 and 1, not " + fraction);
        }
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir.toString());
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .forEach(p -> names.add(relativeName(dir, p)));
        }
        names.sort(null);
        int n = names.size();
        int count = fraction == 0 || n == 0 ? 0 : (int) Math.max(1, Math.round(fraction * n));
        Prng r = new Prng(mix(seed, STREAM_MUTATE, -1));
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        for (int i = 0; i < count; i++) {
            int j = i + r.below(n - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] chosen = Arrays.copyOf(order, count);
        Arrays.sort(chosen);
        Text text = new Text();
        byte[] buffer = new byte[WRITE_BUFFER];
        long files = 0;
        long bytes = 0;
        int added = 0;
        for (int index : chosen) {
            Path file = dir.resolve(names.get(index));
            long size = Files.size(file);
            boolean textLike = TEXT_EXTENSIONS.contains(extension(file));
            int action = r.below(20);
            if (action < 2) {
                bytes += addBeside(file, seed, added++, r, text, buffer);
            } else if (action < 11 && size > 0) {
                bytes += rewritePart(file, size, textLike, r, text, buffer);
            } else {
                bytes += append(file, size, textLike, r, text, buffer);
            }
            files++;
        }
        return new Summary(files, 0, bytes);
    }

    private static long rewritePart(Path file, long size, boolean textLike, Prng r, Text text, byte[] buffer)
            throws IOException {
        long length = size < 64 * KIB ? 1 + r.below((int) size)
                : 4 * KIB + r.below((int) Math.min(MIB, size / 4) - 4 * KIB + 1);
        long offset = r.belowLong(size - length + 1);
        return writeAt(file, offset, length, textLike, r, text, buffer, StandardOpenOption.WRITE);
    }

    private static long append(Path file, long size, boolean textLike, Prng r, Text text, byte[] buffer)
            throws IOException {
        long length = size < 64 * KIB ? 1 + r.below(KIB) : 4 * KIB + r.below((int) Math.min(MIB, size / 8));
        return writeAt(file, size, length, textLike, r, text, buffer, StandardOpenOption.WRITE);
    }

    private static long addBeside(Path neighbour, long seed, int number, Prng r, Text text, byte[] buffer)
            throws IOException {
        boolean textLike = r.below(2) == 0;
        long length = textLike ? KIB + r.below(63 * KIB + 1) : 64 * KIB + r.below(2 * MIB - 64 * KIB + 1);
        String base = "added-" + Long.toHexString(seed) + "-" + pad(number + 1, 4);
        Path file = neighbour.resolveSibling(base + (textLike ? ".txt" : ".dat"));
        for (int clash = 1; Files.exists(file, LinkOption.NOFOLLOW_LINKS); clash++) {
            file = neighbour.resolveSibling(base + "-" + clash + (textLike ? ".txt" : ".dat"));
        }
        return writeAt(file, 0, length, textLike, r, text, buffer, StandardOpenOption.CREATE_NEW);
    }

    private static long writeAt(Path file, long offset, long length, boolean textLike, Prng r, Text text,
            byte[] buffer, StandardOpenOption mode) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, mode)) {
            long done = 0;
            while (done < length) {
                int part = (int) Math.min(buffer.length, length - done);
                byte[] source = buffer;
                if (textLike) {
                    text.reset();
                    Style.PROSE.write(text, r, part);
                    source = text.bytes;
                } else {
                    r.fill(buffer, 0, part);
                }
                writeFully(ch, ByteBuffer.wrap(source, 0, part), offset + done);
                done += part;
            }
        }
        return length;
    }

    private static void writeFully(FileChannel ch, ByteBuffer data, long position) throws IOException {
        long at = position;
        while (data.hasRemaining()) {
            at += ch.write(data, at);
        }
    }

    private static void prepareEmpty(Path dir) throws IOException {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(dir.toString(), null, "exists and is not a directory");
            }
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new DirectoryNotEmptyException(dir.toString());
                }
            }
        } else {
            Files.createDirectories(dir);
        }
    }

    private static String relativeName(Path dir, Path file) {
        StringBuilder name = new StringBuilder();
        for (Path part : dir.relativize(file)) {
            if (name.length() > 0) {
                name.append('/');
            }
            name.append(part);
        }
        return name.toString();
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String pad(int value, int width) {
        String digits = Integer.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    private static FileTime date(Prng dates) {
        return FileTime.fromMillis(EPOCH_2024 + dates.belowLong(YEAR_MILLIS) / 1000 * 1000);
    }

    /** A seed for one stream of one category, well spread even for neighbouring inputs. */
    private static long mix(long seed, int stream, int index) {
        long z = avalanche(seed ^ 0x5DEECE66DL);
        z = avalanche(z + stream * 0x9E3779B97F4A7C15L);
        return avalanche(z + index * 0xC2B2AE3D27D4EB4FL);
    }

    /** The finalizer of MurmurHash3: every input bit flips about half of the output bits. */
    private static long avalanche(long value) {
        long z = value;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    /** Writes the files of one dataset and keeps the counts. */
    private static final class Output {
        private static final long REPORT_EVERY = 8L * MIB;

        private final LongConsumer progress;
        long files;
        long bytes;
        private long reported;

        Output(LongConsumer progress) {
            this.progress = progress != null ? progress : b -> {
            };
        }

        void write(Path file, byte[] data, int length, Prng dates) throws IOException {
            try (FileChannel ch = create(file)) {
                writeFully(ch, ByteBuffer.wrap(data, 0, length), 0);
            }
            done(file, length, dates);
        }

        void writeRandom(Path file, long length, Prng r, byte[] buffer, Prng dates) throws IOException {
            try (FileChannel ch = create(file)) {
                long written = 0;
                while (written < length) {
                    int part = (int) Math.min(buffer.length, length - written);
                    r.fill(buffer, 0, part);
                    writeFully(ch, ByteBuffer.wrap(buffer, 0, part), written);
                    written += part;
                    report(written - part, written, length);
                }
            }
            done(file, length, dates);
        }

        void writeBlocks(Path file, long length, byte[][] blocks, Prng r, Prng dates) throws IOException {
            try (FileChannel ch = create(file)) {
                long written = 0;
                while (written < length) {
                    byte[] block = blocks[r.below(blocks.length)];
                    int part = (int) Math.min(block.length, length - written);
                    writeFully(ch, ByteBuffer.wrap(block, 0, part), written);
                    written += part;
                    report(written - part, written, length);
                }
            }
            done(file, length, dates);
        }

        private static FileChannel create(Path file) throws IOException {
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        /** Reports the bytes written so far each time a file in progress passes a multiple of 8 MiB. */
        private void report(long before, long written, long length) {
            if (written < length && before / REPORT_EVERY != written / REPORT_EVERY) {
                progress.accept(bytes + written - reported);
                reported = bytes + written;
            }
        }

        private void done(Path file, long length, Prng dates) throws IOException {
            Files.setLastModifiedTime(file, date(dates));
            files++;
            bytes += length;
            progress.accept(bytes - reported);
            reported = bytes;
        }
    }

    /** Every size, name and folder of one dataset, drawn before anything is written. */
    private static final class Plan {
        final List<Folder> folders = new ArrayList<>();
        final int[] textSizes;
        final Folder[] textFolders;
        final int[] tinySizes;
        final Folder[] tinyFolders;
        final long[] binarySizes;
        final Folder[] binaryFolders;
        final long imageBytes;
        final int imageBlock;
        final Folder[] imageFolders = new Folder[IMAGE_FILES];

        Plan(long targetBytes, long seed) {
            Prng r = new Prng(mix(seed, STREAM_PLAN, 0));
            double scale = (double) targetBytes / BENCHMARK_BYTES;
            for (Kind kind : Kind.values()) {
                addFolders(kind, r);
            }
            textSizes = new int[Math.max(MIN_TEXT_FILES, (int) Math.round(TEXT_FILES * scale))];
            textFolders = new Folder[textSizes.length];
            long used = 0;
            List<Folder> textHomes = foldersFor(k -> k.holdsText);
            for (int i = 0; i < textSizes.length; i++) {
                textSizes[i] = KIB + r.below(63 * KIB + 1);
                textFolders[i] = textHomes.get(r.below(textHomes.size()));
                used += textSizes[i];
            }
            tinySizes = new int[Math.max(MIN_TINY_FILES, (int) Math.round(TINY_FILES * scale))];
            tinyFolders = new Folder[tinySizes.length];
            for (int i = 0; i < tinySizes.length; i++) {
                tinySizes[i] = 1 + r.below(KIB - 1);
                tinyFolders[i] = folders.get(r.below(folders.size()));
                used += tinySizes[i];
            }
            imageBytes = Math.round(IMAGE_BYTES * scale);
            // 4 MiB blocks as long as each image holds a few; in smaller images, smaller blocks repeat as often
            imageBlock = imageBytes >= 4L * IMAGE_BLOCK ? IMAGE_BLOCK
                    : (int) Math.max(4 * KIB, imageBytes / 16 / (4 * KIB) * (4 * KIB));
            List<Folder> imageHomes = foldersFor(k -> k == Kind.IMAGES);
            for (int i = 0; i < IMAGE_FILES; i++) {
                imageFolders[i] = imageHomes.get(i % imageHomes.size());
            }
            used += IMAGE_FILES * imageBytes;
            binarySizes = new long[Math.max(1, (int) Math.round(BINARY_FILES * scale))];
            binaryFolders = new Folder[binarySizes.length];
            List<Folder> binaryHomes = foldersFor(k -> k.binaryPrefix != null);
            long drawn = 0;
            for (int i = 0; i < binarySizes.length; i++) {
                binarySizes[i] = MIB + r.below(19 * MIB + 1);
                binaryFolders[i] = binaryHomes.get(r.below(binaryHomes.size()));
                drawn += binarySizes[i];
            }
            long budget = targetBytes - used;
            long assigned = 0;
            for (int i = 0; i < binarySizes.length - 1; i++) {
                binarySizes[i] = Math.max(1, (long) ((double) binarySizes[i] * budget / drawn));
                assigned += binarySizes[i];
            }
            binarySizes[binarySizes.length - 1] = budget - assigned;
        }

        private void addFolders(Kind kind, Prng r) {
            Folder top = new Folder(kind.folder, kind);
            folders.add(top);
            String[] children = shuffled(kind.children, r);
            int childCount = 2 + r.below(Math.min(3, children.length - 1));
            for (int c = 0; c < childCount; c++) {
                Folder child = new Folder(top.path + "/" + children[c], kind);
                folders.add(child);
                if (r.below(2) == 0) {
                    String[] leaves = shuffled(LEAVES, r);
                    int leafCount = 1 + r.below(3);
                    for (int l = 0; l < leafCount; l++) {
                        folders.add(new Folder(child.path + "/" + leaves[l], kind));
                    }
                }
            }
        }

        private List<Folder> foldersFor(Predicate<Kind> wanted) {
            return folders.stream().filter(f -> wanted.test(f.kind)).toList();
        }

        private static String[] shuffled(String[] names, Prng r) {
            String[] copy = names.clone();
            for (int i = copy.length - 1; i > 0; i--) {
                int j = r.below(i + 1);
                String swap = copy[i];
                copy[i] = copy[j];
                copy[j] = swap;
            }
            return copy;
        }
    }

    /** What a top-level folder holds: its name, the text style and binaries it gets, its sub-folders. */
    private enum Kind {
        DOCUMENTS("documents", true, Style.PROSE, null, new String[] { "contracts", "minutes", "policies",
                "handbooks", "letters", "proposals" }, "txt", "ini"),
        LOGS("logs", true, Style.LOG, null, new String[] { "app", "web", "db", "mail", "auth", "batch" }, "conf"),
        REPORTS("reports", true, Style.CSV, null, new String[] { "2021", "2022", "2023", "2024", "adhoc" }, "txt",
                "ini"),
        PROJECTS("projects", true, null, null, new String[] { "billing", "portal", "inventory", "scheduler",
                "gateway" }, "properties", "cfg"),
        MEDIA("media", false, null, "IMG", new String[] { "photos", "video", "audio", "scans" }, "txt", "ini"),
        ARCHIVE("archive", false, null, "backup", new String[] { "2019", "2020", "2021", "2022", "old-server" },
                "txt"),
        CONFIG("config", false, null, null, new String[] { "hosts", "services", "users", "certs" }, "conf", "cfg",
                "ini"),
        IMAGES("vm-images", false, null, null, new String[] { "templates", "machines", "retired" }, "conf");

        final String folder;
        final boolean holdsText;
        /** The style of its text files, or {@code null} for a mix of styles. */
        final Style style;
        /** The name prefix of its binaries, or {@code null} when it holds none. */
        final String binaryPrefix;
        final String[] binaryExtensions;
        final String[] children;
        final String[] tinyExtensions;

        Kind(String folder, boolean holdsText, Style style, String binaryPrefix, String[] children,
                String... tinyExtensions) {
            this.folder = folder;
            this.holdsText = holdsText;
            this.style = style;
            this.binaryPrefix = binaryPrefix;
            this.binaryExtensions = "IMG".equals(binaryPrefix) ? new String[] { "jpg", "mp4", "wav", "png" }
                    : new String[] { "zip", "7z", "bin", "gz" };
            this.children = children;
            this.tinyExtensions = tinyExtensions;
        }
    }

    /** A folder of the tree, by its path below the dataset root ('/'-separated). */
    private record Folder(String path, Kind kind) {
    }

    /** The kinds of text content. */
    private enum Style {
        PROSE("note", "txt") {
            @Override
            void fill(Text t, Prng r) {
                int column = 0;
                int sentences = 3 + r.below(6);
                for (int s = 0; s < sentences; s++) {
                    int words = 5 + r.below(12);
                    for (int w = 0; w < words; w++) {
                        byte[] word = Text.word(r);
                        if (column + word.length > 72) {
                            t.put('\n');
                            column = 0;
                        } else if (column > 0) {
                            t.put(' ');
                            column++;
                        }
                        if (w == 0) {
                            t.put(Character.toUpperCase((char) word[0]));
                            t.put(word, 1, word.length - 1);
                        } else {
                            t.put(word, 0, word.length);
                        }
                        column += word.length;
                        if (w < words - 1 && r.below(9) == 0) {
                            t.put(',');
                            column++;
                        }
                    }
                    t.put('.');
                    column++;
                }
                t.put('\n');
                t.put('\n');
            }
        },
        LOG("app", "log") {
            @Override
            void fill(Text t, Prng r) {
                if (t.length == 0) {
                    t.clock = EPOCH_2024 + r.belowLong(YEAR_MILLIS);
                }
                t.clock += r.below(3000);
                LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(t.clock, 1000), 0, ZoneOffset.UTC);
                t.digits(time.getYear(), 4).put('-').digits(time.getMonthValue(), 2).put('-')
                        .digits(time.getDayOfMonth(), 2).put(' ').digits(time.getHour(), 2).put(':')
                        .digits(time.getMinute(), 2).put(':').digits(time.getSecond(), 2).put('.')
                        .digits(Math.floorMod(t.clock, 1000), 3).put(' ').ascii(LEVELS[r.below(LEVELS.length)])
                        .ascii(" [worker-").digits(1 + r.below(8), 1).ascii("] ")
                        .ascii(COMPONENTS[r.below(COMPONENTS.length)]).ascii(" - ");
                int words = 3 + r.below(7);
                for (int w = 0; w < words; w++) {
                    if (w > 0) {
                        t.put(' ');
                    }
                    byte[] word = Text.word(r);
                    t.put(word, 0, word.length);
                }
                if (r.below(2) == 0) {
                    t.ascii(" (id=").number(10_000 + r.below(90_000)).ascii(", took ").number(r.below(500))
                            .ascii(" ms)");
                }
                t.put('\n');
            }
        },
        CSV("report", "csv") {
            @Override
            void fill(Text t, Prng r) {
                if (t.length == 0) {
                    t.ascii("id,date,customer,region,product,quantity,unit_price,total,status\n");
                    t.clock = 100_000 + r.below(800_000);
                }
                int quantity = 1 + r.below(40);
                int cents = 500 + r.below(20) * 250;
                long total = (long) quantity * cents;
                t.number(t.clock++).put(',').ascii("2024-").digits(1 + r.below(12), 2).put('-')
                        .digits(1 + r.below(28), 2).put(',').ascii(CUSTOMERS[r.below(CUSTOMERS.length)]).put(',')
                        .ascii(REGIONS[r.below(REGIONS.length)]).put(',').ascii(PRODUCTS[r.below(PRODUCTS.length)])
                        .put(',').number(quantity).put(',').number(cents / 100).put('.').digits(cents % 100, 2)
                        .put(',').number(total / 100).put('.').digits((int) (total % 100), 2).put(',')
                        .ascii(STATES[r.below(STATES.length)]).put('\n');
            }
        },
        SETTINGS("settings", "conf") {
            @Override
            void fill(Text t, Prng r) {
                if (t.length == 0) {
                    t.ascii("# managed by the configuration service; local changes are overwritten\n");
                }
                byte[] section = Text.word(r);
                byte[] key = Text.word(r);
                t.put(section, 0, section.length).put('.').put(key, 0, key.length).ascii(" = ");
                if (r.below(2) == 0) {
                    t.number(r.below(65_536));
                } else {
                    byte[] value = Text.word(r);
                    t.put(value, 0, value.length);
                }
                t.put('\n');
            }
        };

        final String prefix;
        final String extension;

        Style(String prefix, String extension) {
            this.prefix = prefix;
            this.extension = extension;
        }

        /** Appends one unit (paragraph, line, row) of this style. */
        abstract void fill(Text t, Prng r);

        /** Writes exactly {@code size} bytes of this style, cutting the last unit. */
        void write(Text t, Prng r, int size) {
            while (t.length < size) {
                fill(t, r);
            }
        }
    }

    /** A growable byte buffer for text, with the vocabulary. */
    private static final class Text {
        private static final byte[][] WORDS = Stream.of(("the of and to in is that for it as with was on be by "
                + "at this have from or an are not but all which their were there one can has been more will if "
                + "backup data drive disk server storage volume file folder share copy restore seed vault "
                + "import export job shipment carrier tracking label region account container blob key password "
                + "recovery policy schedule retention snapshot incremental full initial offline online network "
                + "bandwidth latency throughput capacity customer invoice order contract meeting report quarter "
                + "budget review project team manager office building floor room printer laptop desktop monitor "
                + "update patch release version install service process request response error warning status "
                + "complete pending failed queued started finished user group admin operator engineer support "
                + "ticket incident change approval after before during while until because however therefore "
                + "please note also only each every other same new old first last next previous daily weekly "
                + "monthly annual north south east west central local remote primary secondary").split(" "))
                .map(w -> w.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

        byte[] bytes = new byte[WRITE_BUFFER + 64 * KIB];
        int length;
        long clock;

        /** A word, the common ones (at the start of the list) far more often than the rare ones. */
        static byte[] word(Prng r) {
            double u = r.unit();
            return WORDS[(int) (u * u * u * WORDS.length)];
        }

        void reset() {
            length = 0;
            clock = 0;
        }

        Text put(char c) {
            ensure(1);
            bytes[length++] = (byte) c;
            return this;
        }

        Text put(byte[] b, int offset, int count) {
            ensure(count);
            System.arraycopy(b, offset, bytes, length, count);
            length += count;
            return this;
        }

        Text ascii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                bytes[length++] = (byte) s.charAt(i);
            }
            return this;
        }

        Text number(long value) {
            return ascii(Long.toString(value));
        }

        Text digits(int value, int width) {
            ensure(width);
            int v = value;
            for (int i = width - 1; i >= 0; i--) {
                bytes[length + i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            length += width;
            return this;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }

    /**
     * SplitMix64 (Steele, Lea and Flood, 2014): fast, good enough for test data, and the same on every JVM.
     */
    private static final class Prng {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
                ByteOrder.LITTLE_ENDIAN);

        private long state;

        Prng(long seed) {
            this.state = seed;
        }

        long next() {
            long z = state += 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** A number from 0 (inclusive) to {@code bound} (exclusive); {@code bound} must be positive. */
        int below(int bound) {
            return (int) (((next() >>> 32) * bound) >>> 32);
        }

        /** A number from 0 (inclusive) to {@code bound} (exclusive); {@code bound} must be positive. */
        long belowLong(long bound) {
            return Math.floorMod(next(), bound);
        }

        /** A number from 0 (inclusive) to 1 (exclusive). */
        double unit() {
            return (next() >>> 11) * 0x1.0p-53;
        }

        void fill(byte[] b, int offset, int length) {
            int i = offset;
            int end = offset + length;
            for (; i + 8 <= end; i += 8) {
                LONGS.set(b, i, next());
            }
            if (i < end) {
                long v = next();
                for (; i < end; i++) {
                    b[i] = (byte) v;
                    v >>>= 8;
                }
            }
        }
    }
}
