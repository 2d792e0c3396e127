package org.seedbench.backup.internal.archiver;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import org.apache.commons.io.IOUtils;
import org.seedbench.backup.internal.chunker.Chunker;
import org.seedbench.backup.internal.snapshot.SafePaths;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;

/**
 * The reader of a backup run, on the calling thread: enumerates a workload's items into its tree, takes a file's
 * chunk ids from the previous snapshot when it is unchanged, and else reads it, cuts it into chunks and hands them
 * to the encoder pool. A file that cannot be read whole (or changes while it is read) is tried once more, then left
 * out with a warning; an item whose path is not usable is left out with a warning.
 */
final class ItemReader {
    /**
     * Bytes asked for per read: large enough for sequential speed, small enough that the JDK's temporary
     * direct buffer behind a channel read stays small.
     */
    private static final int READ_SIZE = 1 << 20;

    private final Chunker chunker;
    private final byte[] buffer;
    private final EncoderPool encoders;
    private final Progress progress;
    private final RunState state;
    private final Consumer<String> runWarnings;

    /** @param runWarnings receives each warning (also kept with the workload's snapshot) */
    ItemReader(Chunker chunker, EncoderPool encoders, Progress progress, RunState state,
            Consumer<String> runWarnings) {
        this.chunker = chunker;
        this.buffer = new byte[2 * chunker.max()];
        this.encoders = encoders;
        this.progress = progress;
        this.state = state;
        this.runWarnings = runWarnings;
    }

    /** The run's progress for a source: cancellation passes, the source's own tasks do not. */
    static Progress cancelOnly(Progress progress) {
        return new Progress() {
            @Override
            public boolean isCanceled() {
                return progress.isCanceled();
            }

            @Override
            public void checkCanceled() {
                progress.checkCanceled();
            }
        };
    }

    /** Reads every item of the workload into its tree and seals the tree's last part. */
    void read(Workload w, ParentSnapshot parent) throws IOException {
        try {
            w.run.source().enumerate(w.run.spec(), item -> {
                try {
                    item(w, parent, item);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    throw new UncheckedIOException(new InterruptedIOException("the run is stopping"));
                }
            }, line -> warn(w, line), cancelOnly(progress));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof InterruptedIOException) {
                state.rethrow();
                throw new Progress.CanceledException();
            }
            throw e.getCause();
        }
        state.rethrow();
        w.tree.finish();
        w.duration = Duration.between(w.start, Instant.now());
    }

    private void item(Workload w, ParentSnapshot parent, WorkloadItem item) throws IOException, InterruptedException {
        progress.checkCanceled();
        state.rethrow();
        String unsafe = SafePaths.problem(item.path());
        if (unsafe != null) {
            warn(w, "'" + item.path() + "' was left out: its path is not usable (" + unsafe + ")");
            return;
        }
        ParentSnapshot.Match before = parent.find(item);
        ParentSnapshot.Origin same = before != null && before.same() ? before.origin() : null;
        switch (item.type()) {
            case DIRECTORY -> {
                w.directories++;
                w.tree.add(item, null, same);
            }
            case SYMLINK -> {
                if (item.linkTarget() == null) {
                    warn(w, item.path() + " was left out: the source gave no link target");
                    return;
                }
                w.symlinks++;
                w.tree.add(item, null, same);
            }
            case FILE -> {
                FileChunks chunks = parent.unchanged(item, before);
                if (chunks != null) {
                    // its bytes count as read: the statistics describe the data the snapshot covers
                    w.unchanged++;
                    w.chunks.add(chunks.count());
                    w.bytesRead += item.size();
                    progress.worked(item.size());
                } else {
                    same = null;
                    chunks = readFile(w, item, w.tree.open());
                }
                if (chunks == null) {
                    return;
                }
                w.files++;
                w.tree.add(item, chunks, same);
            }
        }
    }

    /** Reads a file into chunks, trying twice; {@code null} (and a warning) when it cannot be read whole. */
    private FileChunks readFile(Workload w, WorkloadItem item, TreeBuilder.Part part)
            throws InterruptedException, IOException {
        progress.subTask(item.path());
        String problem = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            FileChunks chunks = new FileChunks();
            try (InputStream in = w.run.source().open(w.run.spec(), item)) {
                long read = chunk(w, in, chunks, part);
                if (read == item.size()) {
                    w.bytesRead += read;
                    return chunks;
                }
                problem = "changed while it was read (listed with " + item.size() + " bytes, " + read + " read)";
            } catch (IOException | UncheckedIOException | SecurityException e) {
                state.rethrow();
                problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        warn(w, item.path() + " was left out after two attempts: " + problem);
        return null;
    }

    /** Cuts a stream into chunks and hands them to the encoder pool; returns the bytes read. */
    private long chunk(Workload w, InputStream in, FileChunks chunks, TreeBuilder.Part part)
            throws IOException, InterruptedException {
        byte[] buf = buffer;
        int max = chunker.max();
        int start = 0;
        int end = 0;
        boolean eof = false;
        long total = 0;
        while (true) {
            while (!eof && end - start < max) {
                if (buf.length - end < max) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                }
                int wanted = Math.min(buf.length - end, READ_SIZE);
                int n = IOUtils.read(in, buf, end, wanted);
                end += n;
                eof = n < wanted;
            }
            if (end == start) {
                return total;
            }
            int len = chunker.next(buf, start, end - start);
            FileChunks.Slot slot = chunks.next();
            part.taskStarted();
            encoders.submit(buf, start, len, chunker.allZero(buf, start, len), (id, length, stored) -> {
                slot.set(id);
                w.chunk(length, stored);
                part.taskDone();
            });
            start += len;
            total += len;
            progress.worked(len);
            progress.checkCanceled();
            state.rethrow();
        }
    }

    private void warn(Workload w, String line) {
        w.warnings.add(line);
        runWarnings.accept(line);
    }
}
