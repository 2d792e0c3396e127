package org.seedbench.core.support.volume;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

import org.seedbench.core.spi.DriveTarget;

/**
 * A {@link FolderVolume} that stores every byte as it is: for a drive whose operating system encrypts it below
 * the file system (BitLocker), so the files under its mount point are plain once it is unlocked.
 */
public class PlainFolderVolume extends FolderVolume {
    private static final int READ_BUFFER = 1 << 16;

    public PlainFolderVolume(DriveTarget drive) throws IOException {
        super(drive);
    }

    @Override
    protected Encoder startFile(String path, StoredOutput out) {
        return new Encoder() {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void finish() {
                // nothing closes a plain file
            }
        };
    }

    @Override
    protected Encoder resumeFile(String path, FileChannel unfinished, long at, StoredOutput out) {
        return startFile(path, out);
    }

    @Override
    protected long storedOffset(long at) {
        return at;
    }

    @Override
    protected long resumableLength(String path, FileChannel unfinished) throws IOException {
        return unfinished.size();
    }

    @Override
    protected long plainLength(String path, FileChannel file) throws IOException {
        return file.size();
    }

    @Override
    protected InputStream decoder(String path, FileChannel file, long offset, long length) throws IOException {
        file.position(offset);
        return new BufferedInputStream(Channels.newInputStream(file), READ_BUFFER);
    }

    /** A plain file takes its own length (the file system's block rounding aside). */
    @Override
    public long storedSize(long plainLength) {
        return plainLength;
    }
}
