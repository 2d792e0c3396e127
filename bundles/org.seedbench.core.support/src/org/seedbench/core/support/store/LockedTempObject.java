package org.seedbench.core.support.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.io.output.CloseShieldOutputStream;
import org.seedbench.core.spi.ObjectStore.PendingObject;
import org.seedbench.core.support.files.DurableFiles;

/**
 * A pending object written into a temporary file that stays locked for as long as it is written
 * ({@link DurableFiles#createLocked}), so that a store's {@code deleteAbandoned} tells it from what a dead process
 * left ({@link DurableFiles#abandoned}). Subclasses say what a commit does with the written file: rename it into
 * place, or upload it. Closing it without a commit deletes the file.
 */
public abstract class LockedTempObject implements PendingObject {
    private static final int BUFFER = 1 << 20;

    private final Path temp;
    private final FileChannel channel;
    private final BufferedOutputStream buffer;
    private final OutputStream out;
    private boolean done;

    /** Creates {@code temp} (it must not exist yet) and locks it. */
    protected LockedTempObject(Path temp) throws IOException {
        this.temp = temp;
        this.channel = DurableFiles.createLocked(temp);
        this.buffer = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
        // a caller may close the output: the file stays open for the commit, which flushes the buffer
        this.out = CloseShieldOutputStream.wrap(buffer);
    }

    /** The temporary file. */
    protected final Path temp() {
        return temp;
    }

    @Override
    public final OutputStream output() {
        return out;
    }

    @Override
    public final void commit(String name) throws IOException {
        if (done) {
            throw new IllegalStateException("already committed or discarded");
        }
        buffer.flush();
        commit(name, channel);
        done = true;
        release();
    }

    /**
     * Makes the written content the object {@code name}: the whole content is in the file, {@code channel} still
     * open and locked. The subclass may close the channel (closing it again does nothing) and move the file away;
     * afterwards the channel is closed and what is left of the file deleted. When it throws, nothing was
     * committed and {@link #close()} still discards the object.
     */
    protected abstract void commit(String name, FileChannel channel) throws IOException;

    /** Called once the temporary file is committed or discarded (e.g. to forget it as a write in progress). */
    protected void finished() {
    }

    @Override
    public final void close() throws IOException {
        if (done) {
            return;
        }
        done = true;
        release();
    }

    private void release() throws IOException {
        try {
            channel.close();
        } finally {
            try {
                Files.deleteIfExists(temp);
            } finally {
                finished();
            }
        }
    }
}
