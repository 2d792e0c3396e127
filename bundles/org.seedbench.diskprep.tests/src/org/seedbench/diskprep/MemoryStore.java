package org.seedbench.diskprep;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.seedbench.core.spi.ObjectStore;

/** An object store in memory: a staged repository that is no folder, so nothing can read it as one. */
final class MemoryStore implements ObjectStore {
    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public String location() {
        return "memory:";
    }

    @Override
    public PendingObject create(String folder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        return new PendingObject() {
            @Override
            public OutputStream output() {
                return bytes;
            }

            @Override
            public void commit(String name) {
                objects.put(name, bytes.toByteArray());
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public byte[] get(String name) throws IOException {
        byte[] b = objects.get(name);
        if (b == null) {
            throw new NoSuchFileException(name);
        }
        return b.clone();
    }

    @Override
    public byte[] getRange(String name, long offset, int length) throws IOException {
        byte[] b = get(name);
        if (offset + length > b.length) {
            throw new EOFException(name + " ends before byte " + (offset + length));
        }
        return Arrays.copyOfRange(b, (int) offset, (int) offset + length);
    }

    @Override
    public InputStream open(String name) throws IOException {
        return new ByteArrayInputStream(get(name));
    }

    @Override
    public List<String> list(String prefix) {
        return objects.keySet().stream().filter(n -> n.startsWith(prefix))
                .filter(n -> Arrays.stream(n.split("/", -1)).noneMatch(s -> s.isEmpty() || s.startsWith(".")))
                .toList();
    }

    @Override
    public boolean exists(String name) {
        return objects.containsKey(name);
    }

    @Override
    public void delete(String name) {
        objects.remove(name);
    }

    @Override
    public long size(String name) throws IOException {
        return get(name).length;
    }

    @Override
    public int deleteAbandoned() {
        return 0;
    }

    /** Flips one bit of an object's byte. */
    void flip(String name, int at) {
        objects.get(name)[at] ^= 0x01;
    }
}
