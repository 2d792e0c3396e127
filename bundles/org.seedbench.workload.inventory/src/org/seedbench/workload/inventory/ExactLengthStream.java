package org.seedbench.workload.inventory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A replica file's content, exactly as long as its item says: the read fails when the file ends sooner, and
 * when it goes on past that length (a replica written while it is read gives no torn copy).
 */
final class ExactLengthStream extends FilterInputStream {
    private final long length;
    private final Path file;
    private long left;

    ExactLengthStream(InputStream in, long length, Path file) {
        super(in);
        this.length = length;
        this.file = file;
        this.left = length;
    }

    @Override
    public int read() throws IOException {
        if (left == 0) {
            return end();
        }
        int b = super.read();
        if (b < 0) {
            throw shorter();
        }
        left--;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (left == 0) {
            return end();
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw shorter();
        }
        left -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(Math.max(n, 0), left));
        left -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), left);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** At the item's length: the file must end here too. */
    private int end() throws IOException {
        if (super.read() >= 0) {
            throw changed("it is longer than the " + length + " bytes it had when listed");
        }
        return -1;
    }

    private IOException shorter() {
        return changed("it ended after " + (length - left) + " of " + length + " bytes");
    }

    private IOException changed(String what) {
        return new IOException(file + " changed while it was read (" + what + "); read it when the replica is "
                + "not being synchronised");
    }
}
