package org.seedbench.diskprep;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

import org.seedbench.core.support.files.DurableFiles;

/**
 * The copy journal of one drive, kept on the copy computer: which packs the drive holds, how far the copy has
 * come (files finished, blocks of the current file with their MD5s) and, once the drive is complete, its
 * manifest's hash. Every record is appended and forced to disk after the drive's data it describes, so a run
 * killed at any point resumes without copying a finished block again.
 *
 * <p>Text, one record a line, each ending with a space and the CRC-32C of what comes before it on the line
 * (8 lowercase hex digits):
 *
 * <pre>
 * seedbench-drive-journal 2
 * drive JOB SERIAL LISTING-SHA256
 * assigned PACK-COUNT BASE64-BITSET      (packs of the listing this drive holds, by index)
 * run N ISO-TIME
 * block FILE BLOCK MD5                   (FILE indexes the drive's files: metadata, then its packs)
 * done FILE MANIFEST-PART-LENGTH
 * done-through FILE MANIFEST-PART-LENGTH BLOCKS-COPIED   (compaction of the done records up to FILE)
 * complete MANIFEST-MD5 MANIFEST-LENGTH
 * </pre>
 *
 * A torn last line (a kill while appending) is ignored. A record whose checksum does not match, or that cannot
 * be read, ends the journal: it and every record after it are dropped (the journal is cut there), so the blocks
 * and files they recorded are read back or copied again. A journal whose {@code drive} or {@code assigned}
 * record is lost this way is set aside ({@code .SERIAL.journal.damaged}) and the drive is planned again. Version 1
 * journals (without checksums) are read the same way. When the journal grows past 1 MiB it is compacted
 * (temp file, fsync, rename): finished files fold into one {@code done-through} record, so a 10 TB drive's
 * journal stays well under 2 MB.
 */
public final class DriveJournal implements AutoCloseable {
    public static final String SUFFIX = ".journal";
    static final long COMPACT_AT = 1 << 20;
    private static final String MAGIC = "seedbench-drive-journal 2";
    private static final String MAGIC_V1 = "seedbench-drive-journal 1";
    private static final String DAMAGED_SUFFIX = ".damaged";
    private static final HexFormat HEX = HexFormat.of();

    private final Path file;
    private final boolean durable;
    private String jobName;
    private String serial;
    private String listingHash;
    private int packCount = -1;
    private BitSet assigned = new BitSet();
    private int runs;
    /** Files 0..doneFiles-1 are finished. */
    private int doneFiles;
    private long manifestPartLength;
    private long blocksCopied;
    /** MD5s of the finished blocks of file {@link #doneFiles}. */
    private final List<byte[]> currentBlocks = new ArrayList<>();
    private String manifestHash;
    private long manifestLength;
    private FileChannel channel;

    private DriveJournal(Path file, boolean durable) {
        this.file = file;
        this.durable = durable;
    }

    /** Opens the journal at {@code file}; {@link #exists()} tells whether it held anything. */
    public static DriveJournal open(Path file) throws IOException {
        return open(file, true);
    }

    /** {@code durable = false} skips the fsyncs; only for sizing journals without data. */
    static DriveJournal open(Path file, boolean durable) throws IOException {
        DriveJournal j = new DriveJournal(file, durable);
        if (Files.exists(file)) {
            j.load();
        }
        return j;
    }

    public static Path path(Path folder, String serial) {
        return folder.resolve(serial + SUFFIX);
    }

    public boolean exists() {
        return listingHash != null;
    }

    /** Starts the journal of a new drive: the listing it belongs to and the packs it holds. */
    public void create(String job, String driveSerial, SeedListing listing, BitSet packs) throws IOException {
        this.jobName = job;
        this.serial = driveSerial;
        this.listingHash = listing.hash();
        this.packCount = listing.packs().size();
        this.assigned = (BitSet) packs.clone();
        write(header());
    }

    private String header() {
        return MAGIC + "\n" + sealed("drive " + jobName + " " + serial + " " + listingHash) + sealed("assigned "
                + packCount + " " + Base64.getEncoder().encodeToString(assigned.toByteArray()));
    }

    /** The record as a journal line: its text, a space, its CRC-32C in hex, a newline. */
    static String sealed(String record) {
        CRC32C crc = new CRC32C();
        byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
        crc.update(bytes, 0, bytes.length);
        return record + " " + String.format("%08x", crc.getValue()) + "\n";
    }

    /** The record of a sealed line, or null when its checksum does not match. */
    private static String unsealed(String line) {
        int space = line.lastIndexOf(' ');
        if (space < 0) {
            return null;
        }
        String record = line.substring(0, space);
        return sealed(record).equals(line + "\n") ? record : null;
    }

    /** Where a journal whose beginning is damaged is set aside. */
    public static Path damagedPath(Path journal) {
        return journal.resolveSibling("." + journal.getFileName() + DAMAGED_SUFFIX);
    }

    public String listingHash() {
        return listingHash;
    }

    public String serial() {
        return serial;
    }

    /** The packs of the listing this drive holds, by index into {@link SeedListing#packs()}. */
    public BitSet assigned() {
        return (BitSet) assigned.clone();
    }

    public int doneFiles() {
        return doneFiles;
    }

    public long manifestPartLength() {
        return manifestPartLength;
    }

    /** MD5s of the blocks of file {@link #doneFiles()} already on the drive. */
    public List<byte[]> currentBlocks() {
        return List.copyOf(currentBlocks);
    }

    public long blocksCopied() {
        return blocksCopied;
    }

    public int runs() {
        return runs;
    }

    public boolean isComplete() {
        return manifestHash != null;
    }

    public String manifestHash() {
        return manifestHash;
    }

    public long manifestLength() {
        return manifestLength;
    }

    public long sizeOnDisk() throws IOException {
        return Files.size(file);
    }

    public void startRun(Instant when) throws IOException {
        runs++;
        append(sealed("run " + runs + " " + when));
    }

    /** Records blocks {@code first…} of file {@code fileIndex} as on the drive (after the drive's data was synced). */
    public void blocks(int fileIndex, int first, List<byte[]> md5s) throws IOException {
        if (fileIndex != doneFiles || first != currentBlocks.size()) {
            throw new IllegalStateException("journal of " + serial + ": block " + first + " of file " + fileIndex
                    + " out of order (at file " + doneFiles + " block " + currentBlocks.size() + ")");
        }
        StringBuilder b = new StringBuilder(md5s.size() * 50);
        for (int i = 0; i < md5s.size(); i++) {
            b.append(sealed("block " + fileIndex + " " + (first + i) + " " + HEX.formatHex(md5s.get(i))));
        }
        append(b.toString());
        currentBlocks.addAll(md5s);
        blocksCopied += md5s.size();
    }

    /** Records file {@code fileIndex} as finished on the drive and its manifest entry as written. */
    public void done(int fileIndex, long partLength) throws IOException {
        if (fileIndex != doneFiles) {
            throw new IllegalStateException("journal of " + serial + ": file " + fileIndex + " finished out of order");
        }
        append(sealed("done " + fileIndex + " " + partLength));
        doneFiles++;
        manifestPartLength = partLength;
        currentBlocks.clear();
        if (channel.size() > COMPACT_AT) {
            compact();
        }
    }

    /** Drops the blocks recorded for the current file beyond the first {@code keep}; they are copied again. */
    public void forgetBlocksFrom(int keep) throws IOException {
        if (keep < currentBlocks.size()) {
            blocksCopied -= currentBlocks.size() - keep;
            currentBlocks.subList(keep, currentBlocks.size()).clear();
            compact();
        }
    }

    public void complete(String md5, long length) throws IOException {
        append(sealed("complete " + md5 + " " + length));
        manifestHash = md5;
        manifestLength = length;
    }

    private void append(String text) throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        if (durable) {
            channel.force(false);
        }
    }

    private void compact() throws IOException {
        StringBuilder b = new StringBuilder(header());
        b.append(sealed("run " + runs + " compacted"));
        b.append(sealed("done-through " + (doneFiles - 1) + " " + manifestPartLength + " "
                + (blocksCopied - currentBlocks.size())));
        for (int i = 0; i < currentBlocks.size(); i++) {
            b.append(sealed("block " + doneFiles + " " + i + " " + HEX.formatHex(currentBlocks.get(i))));
        }
        if (manifestHash != null) {
            b.append(sealed("complete " + manifestHash + " " + manifestLength));
        }
        write(b.toString());
    }

    private void write(String content) throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (durable) {
            DurableFiles.write(file, content.getBytes(StandardCharsets.UTF_8), false);
        } else {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        }
    }

    private void load() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        String[] lines = new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n", -1);
        boolean sealedLines = lines[0].equals(MAGIC);
        if (!sealedLines && !lines[0].equals(MAGIC_V1)) {
            setAside();
            return;
        }
        long kept = lines[0].length() + 1; // bytes of the records read so far
        int n = 1;
        for (; n < lines.length - 1; n++) {
            String record = sealedLines ? unsealed(lines[n]) : lines[n];
            if (record == null || !read(record.split(" "))) {
                break; // a damaged record: it and the rest are dropped
            }
            kept += lines[n].getBytes(StandardCharsets.UTF_8).length + 1;
        }
        if (listingHash == null || jobName == null || packCount < 0) {
            setAside();
            return;
        }
        if (kept < bytes.length) {
            // a torn or damaged tail (a kill while appending, a damaged disk): what it recorded is done again
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                c.truncate(kept);
                c.force(false);
            }
        }
        if (!sealedLines) {
            compact(); // rewritten with checksums, before anything is appended
        }
    }

    /** Applies one record; false when it cannot be read or does not follow from the records before it. */
    private boolean read(String[] f) {
        try {
            switch (f[0]) {
                case "drive" -> {
                    if (f.length != 4) {
                        return false;
                    }
                    jobName = f[1];
                    serial = f[2];
                    listingHash = f[3];
                }
                case "assigned" -> {
                    if (listingHash == null) {
                        return false;
                    }
                    packCount = Integer.parseInt(f[1]);
                    assigned = BitSet.valueOf(Base64.getDecoder().decode(f.length > 2 ? f[2] : ""));
                }
                case "run" -> runs = Integer.parseInt(f[1]);
                case "block" -> {
                    int fileIndex = Integer.parseInt(f[1]);
                    int block = Integer.parseInt(f[2]);
                    if (fileIndex != doneFiles || block != currentBlocks.size()) {
                        return false;
                    }
                    currentBlocks.add(HEX.parseHex(f[3]));
                    blocksCopied++;
                }
                case "done" -> {
                    if (Integer.parseInt(f[1]) != doneFiles) {
                        return false;
                    }
                    doneFiles++;
                    manifestPartLength = Long.parseLong(f[2]);
                    currentBlocks.clear();
                }
                case "done-through" -> {
                    doneFiles = Integer.parseInt(f[1]) + 1;
                    manifestPartLength = Long.parseLong(f[2]);
                    blocksCopied = Long.parseLong(f[3]);
                    currentBlocks.clear();
                }
                case "complete" -> {
                    manifestHash = f[1];
                    manifestLength = Long.parseLong(f[2]);
                }
                default -> {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The journal's beginning is damaged: it is kept aside, and the drive is planned as a new one. */
    private void setAside() throws IOException {
        Files.move(file, damagedPath(file), StandardCopyOption.REPLACE_EXISTING);
        DurableFiles.forceFolder(file.getParent());
        jobName = null;
        serial = null;
        listingHash = null;
        packCount = -1;
        assigned = new BitSet();
        runs = 0;
        doneFiles = 0;
        manifestPartLength = 0;
        blocksCopied = 0;
        currentBlocks.clear();
        manifestHash = null;
        manifestLength = 0;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
