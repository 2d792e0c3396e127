package org.seedbench.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.seedbench.core.spi.ObjectStore;

/**
 * The objects of a repository as a tool that copies it sees them (drive preparation, vault seeding): each with its
 * size and whether it is metadata (on every copy) or a data pack, read through the repository's object store, so
 * the copy works the same wherever the repository is kept. Only the repository's own objects are listed
 * ({@link RepositoryLayout#isObject}): whatever else lies where the repository is (a restore target, an admin's
 * notes) and unfinished writes never are.
 *
 * @since 1.4
 */
public final class RepositoryObjects {

    /**
     * One object of the repository.
     *
     * @param name     '/'-separated, relative to the repository, e.g. {@code packs/3f/3f9a…} or {@code config}
     * @param size     bytes
     * @param metadata whether it is metadata ({@link RepositoryLayout#isMetadata}): small, on every copy
     */
    public record Entry(String name, long size, boolean metadata) {

        /** Whether the object is named by the SHA-256 of its bytes ({@link RepositoryLayout#isNamedByHash}). */
        public boolean namedByHash() {
            return RepositoryLayout.isNamedByHash(name);
        }
    }

    private final ObjectStore store;
    private final List<Entry> metadata;
    private final List<Entry> dataPacks;

    private RepositoryObjects(ObjectStore store, List<Entry> metadata, List<Entry> dataPacks) {
        this.store = store;
        this.metadata = metadata;
        this.dataPacks = dataPacks;
    }

    /** Lists the repository's objects in {@code store}, with their sizes; none when it holds no repository. */
    public static RepositoryObjects list(ObjectStore store) throws IOException {
        List<Entry> metadata = new ArrayList<>();
        List<Entry> dataPacks = new ArrayList<>();
        for (String name : store.list("")) {
            if (!RepositoryLayout.isObject(name)) {
                continue;
            }
            boolean isMetadata = RepositoryLayout.isMetadata(name);
            (isMetadata ? metadata : dataPacks).add(new Entry(name, store.size(name), isMetadata));
        }
        metadata.sort(Comparator.comparing(Entry::name));
        dataPacks.sort(Comparator.comparing(Entry::name));
        return new RepositoryObjects(store, List.copyOf(metadata), List.copyOf(dataPacks));
    }

    /** The store the objects are read from. */
    public ObjectStore store() {
        return store;
    }

    /** The metadata objects (config, keys, index, snapshots, tree packs), sorted by name. */
    public List<Entry> metadata() {
        return metadata;
    }

    /** The data packs, sorted by name. */
    public List<Entry> dataPacks() {
        return dataPacks;
    }

    /** Streams an object's bytes from the start. */
    public InputStream open(Entry object) throws IOException {
        return store.open(object.name());
    }

    @Override
    public String toString() {
        return "RepositoryObjects[" + store.location() + ": " + metadata.size() + " metadata, " + dataPacks.size()
                + " data packs]";
    }
}
