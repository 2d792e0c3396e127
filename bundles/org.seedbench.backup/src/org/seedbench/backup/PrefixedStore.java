package org.seedbench.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.seedbench.core.spi.ObjectStore;

/**
 * A repository under a name prefix of another object store, e.g. the job's {@code seed-fs01/} in the vault
 * container a cloud connector gives: names are the repository's ({@code config}, {@code packs/ab/ab…}), each stored
 * as {@code <prefix><name>}. Names that are not of the repository's form are refused, and only objects of the
 * repository's form are listed, so what else the container holds under the prefix stays out of sight. Counts the
 * bytes it writes ({@link #bytesSent()}), which over a network store is what went over the network.
 */
public final class PrefixedStore implements ObjectStore {
    private final ObjectStore store;
    private final String prefix;
    private final AtomicLong bytesSent = new AtomicLong();

    /** @param prefix the prefix of the repository's object names in {@code store}, empty or ending with '/' */
    public PrefixedStore(ObjectStore store, String prefix) {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a name prefix ends with '/': '" + prefix + "'");
        }
        this.store = store;
        this.prefix = prefix;
    }

    @Override
    public String location() {
        return store.location() + "/" + prefix;
    }

    /** The bytes written through this view since it was made (objects put, committed or copied here). */
    public long bytesSent() {
        return bytesSent.get();
    }

    @Override
    public void put(String name, byte[] content) throws IOException {
        store.put(object(name), content);
        bytesSent.addAndGet(content.length);
    }

    @Override
    public void put(String name, InputStream content, long length) throws IOException {
        store.put(object(name), content, length);
        bytesSent.addAndGet(length);
    }

    @Override
    public PendingObject create(String folder) throws IOException {
        PendingObject pending = store.create(folder.isEmpty() ? prefix.replaceAll("/$", "") : object(folder));
        return new PendingObject() {
            @Override
            public OutputStream output() throws IOException {
                return pending.output();
            }

            @Override
            public void commit(String name) throws IOException {
                String target = object(name);
                pending.commit(target);
                bytesSent.addAndGet(store.size(target));
            }

            @Override
            public void close() throws IOException {
                pending.close();
            }
        };
    }

    @Override
    public byte[] get(String name) throws IOException {
        return store.get(object(name));
    }

    @Override
    public byte[] getRange(String name, long offset, int length) throws IOException {
        return store.getRange(object(name), offset, length);
    }

    @Override
    public InputStream open(String name) throws IOException {
        return store.open(object(name));
    }

    @Override
    public InputStream open(String name, long offset, long length) throws IOException {
        return store.open(object(name), offset, length);
    }

    @Override
    public List<String> list(String namePrefix) throws IOException {
        return store.list(prefix + namePrefix).stream().map(b -> b.substring(prefix.length()))
                .filter(RepositoryLayout::isObject).sorted().toList();
    }

    @Override
    public boolean exists(String name) throws IOException {
        return store.exists(object(name));
    }

    @Override
    public void delete(String name) throws IOException {
        store.delete(object(name));
    }

    @Override
    public long size(String name) throws IOException {
        return store.size(object(name));
    }

    @Override
    public int deleteAbandoned() throws IOException {
        return store.deleteAbandoned();
    }

    /** The name in the store of a repository object; names that are not the repository's form are refused. */
    private String object(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
            throw new IllegalArgumentException("not an object name: '" + name + "'");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".") || !segment.chars().allMatch(PrefixedStore::nameChar)) {
                throw new IllegalArgumentException("not an object name: '" + name + "'");
            }
        }
        return prefix + name;
    }

    private static boolean nameChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-';
    }

    @Override
    public String toString() {
        return "PrefixedStore[" + location() + "]";
    }
}
