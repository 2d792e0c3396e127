package org.seedbench.backup;

import java.time.Duration;
import java.util.Locale;

import org.seedbench.core.rules.Sizes;

/**
 * What a backup run (or one of its snapshots) read and stored.
 *
 * @param files       files backed up
 * @param directories directories backed up
 * @param symlinks    symbolic links backed up
 * @param bytesRead   bytes of file content read
 * @param bytesNew    bytes of file content that were not in the repository yet (before compression)
 * @param bytesStored what those new bytes took in the repository after compression and encryption
 * @param chunks      chunks the content was cut into
 * @param newChunks   of those, chunks that were stored (the others were already in the repository)
 * @param duration    wall time of the run
 * @param filesUnchanged of the files, those taken from the previous snapshot without reading them (since 2.2)
 * @param treesReused    tree blobs of the previous snapshot taken as they were, without encoding them again
 *                       (since 2.2)
 */
public record BackupStatistics(long files, long directories, long symlinks, long bytesRead, long bytesNew,
        long bytesStored, long chunks, long newChunks, Duration duration, long filesUnchanged, long treesReused) {

    /** Nothing read, nothing stored. */
    public static final BackupStatistics EMPTY = new BackupStatistics(0, 0, 0, 0, 0, 0, 0, 0, Duration.ZERO);

    /** Statistics that do not count unchanged files and reused trees. */
    public BackupStatistics(long files, long directories, long symlinks, long bytesRead, long bytesNew,
            long bytesStored, long chunks, long newChunks, Duration duration) {
        this(files, directories, symlinks, bytesRead, bytesNew, bytesStored, chunks, newChunks, duration, 0, 0);
    }

    /**
     * Bytes read per byte new: 1 when nothing was a duplicate, higher with more duplicates; infinite when
     * something was read and nothing was new, 1 when nothing was read.
     */
    public double dedupRatio() {
        if (bytesNew == 0) {
            return bytesRead == 0 ? 1.0 : Double.POSITIVE_INFINITY;
        }
        return (double) bytesRead / bytesNew;
    }

    /** New bytes per byte stored: above 1 when compression saved room; 1 when nothing was stored. */
    public double compressionRatio() {
        return bytesStored == 0 ? 1.0 : (double) bytesNew / bytesStored;
    }

    /** Bytes read per second. */
    public double bytesPerSecond() {
        long millis = Math.max(1, duration.toMillis());
        return bytesRead * 1000.0 / millis;
    }

    /** The two statistics added up (durations too). */
    public BackupStatistics plus(BackupStatistics o) {
        return new BackupStatistics(files + o.files, directories + o.directories, symlinks + o.symlinks,
                bytesRead + o.bytesRead, bytesNew + o.bytesNew, bytesStored + o.bytesStored, chunks + o.chunks,
                newChunks + o.newChunks, duration.plus(o.duration), filesUnchanged + o.filesUnchanged,
                treesReused + o.treesReused);
    }

    /** One line, e.g. {@code 12 files, 3 dirs, 1.2 GB read, 0 B new, 0 B stored, dedup ∞, 4.1 s}. */
    public String summary() {
        double dedup = dedupRatio();
        return String.format(Locale.ROOT, "%d files, %d dirs, %d links, %s read, %s new, %s stored, dedup %s, "
                + "compression %.2fx, %.1f s", files, directories, symlinks, Sizes.decimal(bytesRead),
                Sizes.decimal(bytesNew), Sizes.decimal(bytesStored),
                Double.isInfinite(dedup) ? "all duplicate" : String.format(Locale.ROOT, "%.2fx", dedup),
                compressionRatio(), duration.toMillis() / 1000.0);
    }
}
