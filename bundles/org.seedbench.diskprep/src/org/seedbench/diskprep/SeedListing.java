package org.seedbench.diskprep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import org.seedbench.backup.RepositoryLayout;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.support.store.FolderObjectStore;

/**
 * The objects of a staged repository, in the order they are copied: metadata first, then the data packs, each
 * group sorted by path. Only the repository's own objects are listed, folder by folder of
 * {@link RepositoryLayout} ({@code config}, {@code keys/}, {@code index/}, {@code snapshots/}, {@code treepacks/},
 * {@code packs/}): whatever else lies in the staging folder (a restore target, an admin's notes) is not part of the
 * seed and never reaches a drive. Unfinished writes (names starting with '.') are left out. The listing's hash
 * identifies the repository's content; drive journals record it, so a repository that changed under a
 * half-prepared set of drives is noticed.
 */
public record SeedListing(ObjectStore repository, List<SeedFile> metadata, List<SeedFile> packs, String hash) {

    /** The repository in a folder. */
    public static SeedListing scan(Path repositoryFolder) throws IOException {
        return scan(new FolderObjectStore(repositoryFolder));
    }

    /** The staged repository read through its object store (what its staging provider opened). */
    public static SeedListing scan(ObjectStore repository) throws IOException {
        List<SeedFile> metadata = new ArrayList<>();
        List<SeedFile> packs = new ArrayList<>();
        for (String top : RepositoryLayout.ALL) {
            for (String path : repository.list(top.equals(RepositoryLayout.CONFIG) ? top : top + "/")) {
                if (!RepositoryLayout.isObject(path)) {
                    continue;
                }
                boolean isMetadata = RepositoryLayout.isMetadata(path);
                (isMetadata ? metadata : packs).add(new SeedFile(path, repository.size(path), isMetadata));
            }
        }
        metadata.sort(Comparator.comparing(SeedFile::path));
        packs.sort(Comparator.comparing(SeedFile::path));
        return new SeedListing(repository, List.copyOf(metadata), List.copyOf(packs), hash(metadata, packs));
    }

    public long metadataBytes() {
        return metadata.stream().mapToLong(SeedFile::length).sum();
    }

    public long packBytes() {
        return packs.stream().mapToLong(SeedFile::length).sum();
    }

    /** Reads a staged object from its start. */
    public InputStream open(SeedFile file) throws IOException {
        return repository.open(file.path());
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
