package org.seedbench.workload.files;

import java.io.IOException;
import java.io.InputStream;

import org.seedbench.core.spi.WorkloadItem;

/**
 * A file's content that gives exactly the item's size in bytes or throws: when the file ends early, goes on
 * past the size, or its size or modification time at the end differ from the item's, the read fails with
 * {@link ChangedWhileReadException} instead of handing back a torn copy. The check runs when the reader
 * reaches the end, or at {@link #close()} when every byte was read but the end was not asked for.
 */
final class CheckedContentStream extends InputStream {
    /** Re-reads the file's metadata and tells whether it still is the item that was opened. */
    interface Check {
        boolean unchanged() throws IOException;
    }

    private final InputStream in;
    private final WorkloadItem item;
    private final String file;
    private final Check check;
    private long remaining;
    private boolean checked;

    CheckedContentStream(InputStream in, WorkloadItem item, String file, Check check) {
        this.in = in;
        this.item = item;
        this.file = file;
        this.check = check;
        this.remaining = item.size();
    }

    @Override
    public int read() throws IOException {
        if (remaining == 0) {
            return atEnd();
        }
        int b = in.read();
        if (b < 0) {
            throw shrank();
        }
        remaining--;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining == 0) {
            return atEnd();
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw shrank();
        }
        remaining -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0 || remaining == 0) {
            return 0;
        }
        long skipped = in.skip(Math.min(n, remaining));
        if (skipped > 0) {
            remaining -= skipped;
        }
        return Math.max(skipped, 0);
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public void close() throws IOException {
        try {
            if (remaining == 0 && !checked) {
                atEnd();
            }
        } finally {
            in.close();
        }
    }

    private int atEnd() throws IOException {
        if (!checked) {
            checked = true;
            if (in.read() >= 0) {
                throw new ChangedWhileReadException(item.path(), file, "it grew past " + item.size() + " bytes");
            }
            if (!check.unchanged()) {
                throw new ChangedWhileReadException(item.path(), file,
                        "its size or modification time changed since it was listed");
            }
        }
        return -1;
    }

    private ChangedWhileReadException shrank() {
        checked = true;
        return new ChangedWhileReadException(item.path(), file,
                "it ended after " + (item.size() - remaining) + " of " + item.size() + " bytes");
    }
}
