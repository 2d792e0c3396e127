package org.seedbench.diskprep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.seedbench.backup.RepositoryLayout;
import org.seedbench.backup.RepositoryObjects;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.support.store.FolderObjectStore;

/**
 * The objects of a staged repository, in the order they are copied: metadata first, then the data packs, each
 * group sorted by path. They are listed and read through the backup engine's {@link RepositoryObjects}, over the
 * object store the repository is kept in: only the repository's own objects ({@link RepositoryLayout}'s
 * {@code config}, {@code keys/}, {@code index/}, {@code snapshots/}, {@code treepacks/}, {@code packs/}), so
 * whatever else lies in the staging folder (a restore target, an admin's notes) is not part of the seed and never
 * reaches a drive, and unfinished writes are left out. The listing's hash identifies the repository's content;
 * drive journals record it, so a repository that changed under a half-prepared set of drives is noticed.
 *
 * @param store where the files are read from
 */
public record SeedListing(ObjectStore store, List<SeedFile> metadata, List<SeedFile> packs, String hash) {

    /** The staged repository in {@code store}. */
    public static SeedListing scan(ObjectStore store) throws IOException {
        RepositoryObjects objects = RepositoryObjects.list(store);
        List<SeedFile> metadata = objects.metadata().stream().map(SeedListing::file).toList();
        List<SeedFile> packs = objects.dataPacks().stream().map(SeedListing::file).toList();
        return new SeedListing(store, metadata, packs, hash(metadata, packs));
    }

    /**
     * The staged repository in a local folder: {@link #scan(ObjectStore)} over the folder's store, for callers that
     * still hold the folder rather than the staging provider's store.
     */
    public static SeedListing scan(Path repositoryFolder) throws IOException {
        return scan(new FolderObjectStore(repositoryFolder, RepositoryLayout::isObject));
    }

    private static SeedFile file(RepositoryObjects.Entry e) {
        return new SeedFile(e.name(), e.size(), e.metadata());
    }

    public long metadataBytes() {
        return metadata.stream().mapToLong(SeedFile::length).sum();
    }

    public long packBytes() {
        return packs.stream().mapToLong(SeedFile::length).sum();
    }

    /** Streams a file's staged bytes from the start. */
    public InputStream open(SeedFile file) throws IOException {
        return store.open(file.path());
    }

    /**
     * Reads a file's staged bytes from the start: through a {@link FileChannel} where the store keeps the object in a
     * local file ({@link ObjectStore#localFile}), else through the store's stream.
     *
     * @param name the file's name in messages
     */
    StagedReader read(SeedFile file, String name) throws IOException {
        Optional<Path> local = store.localFile(file.path());
        if (local.isPresent()) {
            return StagedReader.of(FileChannel.open(local.get(), StandardOpenOption.READ), name);
        }
        return StagedReader.of(open(file), name);
    }

    private static String hash(List<SeedFile> metadata, List<SeedFile> packs) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (List<SeedFile> group : List.of(metadata, packs)) {
                for (SeedFile f : group) {
                    sha.update((f.path() + "\t" + f.length() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
