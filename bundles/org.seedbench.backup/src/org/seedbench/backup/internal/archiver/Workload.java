package org.seedbench.backup.internal.archiver;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import org.seedbench.backup.BackupStatistics;
import org.seedbench.backup.WorkloadRun;

/**
 * What one workload of a run gathers for its snapshot: its tree, its warnings and its counts (those of the chunks
 * added up by the encoder pool's workers, the others by the reader).
 */
final class Workload {
    final WorkloadRun run;
    final TreeBuilder tree;
    final List<String> warnings = new ArrayList<>();
    final LongAdder chunks = new LongAdder();
    final LongAdder newChunks = new LongAdder();
    final LongAdder bytesNew = new LongAdder();
    final LongAdder bytesStored = new LongAdder();
    long files;
    long directories;
    long symlinks;
    long bytesRead;
    /** Files whose chunk ids came from the previous snapshot. */
    long unchanged;
    /** When the workload's backup started (its snapshot's time). */
    final Instant start = Instant.now();
    Duration duration = Duration.ZERO;

    Workload(WorkloadRun run, TreeBuilder tree) {
        this.run = run;
        this.tree = tree;
    }

    /** A chunk's id is known: {@code stored} bytes it took in a pack, or -1 when the repository had it already. */
    void chunk(int length, int stored) {
        chunks.increment();
        if (stored >= 0) {
            newChunks.increment();
            bytesNew.add(length);
            bytesStored.add(stored);
        }
    }

    BackupStatistics statistics() {
        return new BackupStatistics(files, directories, symlinks, bytesRead, bytesNew.sum(), bytesStored.sum(),
                chunks.sum(), newChunks.sum(), duration, unchanged, tree.reusedParts());
    }
}
