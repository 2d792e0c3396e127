package org.seedbench.core.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.seedbench.core.rules.Problem;

/**
 * Where the initial backup is written before it goes onto drives: a local folder, a mounted network share,
 * a UNC path on Windows. The repository's format is the backup engine's; the provider resolves the location,
 * checks it can take the seed and opens the job's repository there as an {@link ObjectStore}, through which
 * every step (stage, prepare-drives, verify, restore, seed-vault, cleanup) reads and writes it.
 *
 * <p>Contract ({@code org.seedbench.testsupport.StagingProviderContract}): {@link #accepts} is cheap and
 * side-effect free; {@link #check} reports an unwritable location, a location inside a source root and
 * too little room (with the figures) as problems, writing nothing; {@link #open} creates the job's
 * repository under the location and returns its store; {@link #delete} removes it whole.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface StagingProvider {

    String id();

    String label();

    /** Whether this provider handles the location (a path, a UNC name…). */
    boolean accepts(String location);

    /**
     * Problems that keep the location from taking a seed of {@code requiredBytes}; empty when it can.
     *
     * @param sourceRoots folders being backed up: the staging location must not lie inside one
     */
    List<Problem> check(String location, long requiredBytes, List<Path> sourceRoots);

    /**
     * The folder of this computer that the location stands for (a UNC path: the folder where its share is
     * mounted; a {@code file:} URI: its path), without touching it; empty when this provider does not take the
     * location. Jobs keep this folder, so that every step reads and writes where the check looked.
     *
     * @since 1.2
     */
    default Optional<Path> folder(String location) {
        if (!accepts(location)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(location));
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Free bytes at the location. */
    long freeSpace(String location) throws IOException;

    /**
     * The job's staging repository, {@code <location>/<job>}, created when missing: the store the seed is
     * written into and every later step reads it from. Its {@link ObjectStore#location()} names the place for
     * messages.
     *
     * @throws IOException when the location cannot be resolved or the repository not created
     * @since 2.0
     */
    ObjectStore open(String location, String jobName) throws IOException;

    /**
     * Whether the job has a staging repository at the location (its place exists), without creating anything.
     *
     * @since 2.0
     */
    boolean exists(String location, String jobName) throws IOException;

    /**
     * Removes the job's staging repository and everything in it; nothing happens when there is none. The
     * location itself stays.
     *
     * @since 2.0
     */
    void delete(String location, String jobName) throws IOException;
}
