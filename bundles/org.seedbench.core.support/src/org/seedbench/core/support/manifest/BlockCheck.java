package org.seedbench.core.support.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.seedbench.core.support.manifest.DriveManifest.Blob;
import org.seedbench.core.support.manifest.DriveManifest.Block;
import org.seedbench.core.spi.DiskEncryptor.Volume;

/**
 * Reads a blob's file from an unlocked drive block by block and checks each block's MD5 against the manifest,
 * in one pass with whatever consumes the bytes (drive verification discards them, the datacenter writes them to
 * the import container). Every block is reported to a {@link Listener}; only checked bytes are handed on, and a
 * blob with any bad block never ends: the read that would deliver its last bytes fails with
 * {@link BadBlobException} once every block has been checked and reported, so a consumer that writes blobs
 * whole (temp file and rename, a block list committed at the end) leaves nothing of it behind.
 */
public final class BlockCheck extends InputStream {

    /** Hears of each block as it is checked. */
    public interface Listener {
        /** Something is wrong with the blob as a whole: its file is missing, or its length differs. */
        default void blobProblem(Blob blob, String problem) throws IOException {
        }

        /**
         * Block {@code index} of {@code blob} was read; {@code problem} says what is wrong with it (it cannot be
         * read, the file ends before it, its MD5 differs), or is null when the block matches the manifest.
         */
        default void block(Blob blob, int index, Block block, String problem) throws IOException {
        }
    }

    /** The blob does not match its manifest; every block was reported to the listener. */
    public static final class BadBlobException extends IOException {
        private static final long serialVersionUID = 1L;

        public BadBlobException(Blob blob) {
            super("blob " + blob.blobPath() + " does not match the drive manifest");
        }
    }

    private final Volume volume;
    private final Blob blob;
    private final Listener listener;
    private final List<Block> blocks;
    private final byte[] buffer;
    private InputStream file;
    /** The next block to load, and the plain-text offset {@link #file} is at. */
    private int next;
    private long filePosition;
    private int bufferLength;
    private int bufferPosition;
    private boolean bad;
    private boolean opened;

    private BlockCheck(Volume volume, Blob blob, Listener listener) {
        this.volume = volume;
        this.blob = blob;
        this.listener = listener;
        this.blocks = blob.blocks();
        int largest = blocks.stream().mapToInt(Block::length).max().orElse(0);
        this.buffer = new byte[Math.max(0, Math.min(largest, DriveManifest.BLOCK_SIZE))];
    }

    /** The checked bytes of {@code blob}'s file on {@code volume}. */
    public static BlockCheck open(Volume volume, Blob blob, Listener listener) {
        return new BlockCheck(volume, blob, listener);
    }

    /** Reads the whole blob, reporting each block; whether it matches its manifest. */
    public static boolean check(Volume volume, Blob blob, Listener listener) throws IOException {
        try (BlockCheck in = open(volume, blob, listener)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return true;
        } catch (BadBlobException e) {
            return false;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (bufferPosition == bufferLength && !fill()) {
            return -1;
        }
        int n = Math.min(len, bufferLength - bufferPosition);
        System.arraycopy(buffer, bufferPosition, b, off, n);
        bufferPosition += n;
        return n;
    }

    /** Loads the next good block; false at the end of a good blob. */
    private boolean fill() throws IOException {
        if (!opened) {
            opened = true;
            if (!open()) {
                throw new BadBlobException(blob);
            }
        }
        if (next == blocks.size()) {
            if (bad) {
                throw new BadBlobException(blob);
            }
            return false;
        }
        if (!bad && load(next++)) {
            return true;
        }
        while (next < blocks.size()) {
            load(next++);
        }
        throw new BadBlobException(blob);
    }

    /** Checks the file against the blob; false when it is missing (its blocks are not read then). */
    private boolean open() throws IOException {
        if (!volume.exists(blob.volumePath())) {
            bad = true;
            listener.blobProblem(blob, "file " + blob.volumePath() + " is missing");
            return false;
        }
        if (blocks.stream().anyMatch(b -> b.length() < 0 || b.length() > DriveManifest.BLOCK_SIZE || b.offset() < 0)) {
            bad = true;
            listener.blobProblem(blob, "the manifest lists a block that is not 0 to 4 MiB long within the file");
            return false;
        }
        long size = volume.size(blob.volumePath());
        long declared = blocks.stream().mapToLong(Block::length).sum();
        if (size != blob.length()) {
            bad = true;
            listener.blobProblem(blob, size + " bytes, the manifest says " + blob.length());
        } else if (declared != blob.length()) {
            bad = true;
            listener.blobProblem(blob, "its blocks hold " + declared + " bytes, its length is " + blob.length());
        }
        return true;
    }

    /** Reads and checks block {@code index} into the buffer; whether it is good. */
    private boolean load(int index) throws IOException {
        Block block = blocks.get(index);
        bufferPosition = 0;
        bufferLength = 0;
        String problem = read(block);
        if (problem == null) {
            String md5 = DriveManifest.hex(DriveManifest.md5(buffer, block.length()));
            if (!md5.equalsIgnoreCase(block.hash())) {
                problem = "MD5 " + md5 + " does not match the manifest's " + block.hash();
            }
        }
        listener.block(blob, index, block, problem);
        if (problem != null) {
            bad = true;
            return false;
        }
        bufferLength = block.length();
        return true;
    }

    /** Reads the block's bytes; what went wrong, or null. */
    private String read(Block block) throws IOException {
        try {
            if (file == null || filePosition != block.offset()) {
                closeFile();
                file = volume.open(blob.volumePath(), block.offset());
                filePosition = block.offset();
            }
            int n = file.readNBytes(buffer, 0, block.length());
            filePosition += n;
            return n == block.length() ? null : "the file ends early";
        } catch (IOException e) {
            // an unreadable block (e.g. an encrypted segment that fails its check): the next block reopens the file
            closeFile();
            return "cannot be read: " + e.getMessage();
        }
    }

    private void closeFile() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // only read from; nothing to lose
            }
            file = null;
        }
    }

    @Override
    public void close() {
        closeFile();
    }
}
