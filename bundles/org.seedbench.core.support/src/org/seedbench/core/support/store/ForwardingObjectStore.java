package org.seedbench.core.support.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.seedbench.core.spi.ObjectStore;

/**
 * A decorator of an object store (a listing filter, a bandwidth limit): every operation goes to the store as it
 * is; a subclass overrides the ones it changes.
 */
public abstract class ForwardingObjectStore implements ObjectStore {
    private final ObjectStore store;

    protected ForwardingObjectStore(ObjectStore store) {
        this.store = store;
    }

    /** The store it decorates. */
    public final ObjectStore store() {
        return store;
    }

    @Override
    public String location() {
        return store.location();
    }

    @Override
    public void put(String name, byte[] content) throws IOException {
        store.put(name, content);
    }

    @Override
    public void put(String name, InputStream content, long length) throws IOException {
        store.put(name, content, length);
    }

    @Override
    public PendingObject create(String folder) throws IOException {
        return store.create(folder);
    }

    @Override
    public byte[] get(String name) throws IOException {
        return store.get(name);
    }

    @Override
    public byte[] getRange(String name, long offset, int length) throws IOException {
        return store.getRange(name, offset, length);
    }

    @Override
    public InputStream open(String name) throws IOException {
        return store.open(name);
    }

    @Override
    public InputStream open(String name, long offset, long length) throws IOException {
        return store.open(name, offset, length);
    }

    @Override
    public Optional<Path> localFile(String name) throws IOException {
        return store.localFile(name);
    }

    @Override
    public void copyFrom(ObjectStore source, String name) throws IOException {
        store.copyFrom(source, name);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return store.list(prefix);
    }

    @Override
    public boolean exists(String name) throws IOException {
        return store.exists(name);
    }

    @Override
    public void delete(String name) throws IOException {
        store.delete(name);
    }

    @Override
    public long size(String name) throws IOException {
        return store.size(name);
    }

    @Override
    public int deleteAbandoned() throws IOException {
        return store.deleteAbandoned();
    }

    @Override
    public String toString() {
        return store.toString();
    }
}
