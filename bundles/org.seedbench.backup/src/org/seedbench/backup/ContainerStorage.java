package org.seedbench.backup;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.seedbench.core.support.files.DurableFiles;
import org.seedbench.core.spi.CloudConnector.BlobContainer;
import org.seedbench.core.spi.ObjectStore;

/**
 * A repository in a blob container of a cloud connector (the vault), its objects under a name prefix such as
 * {@code seed-fs01/}. A blob put is atomic, so an object either exists whole or not at all. An object written
 * through {@link #create} is spooled to a temporary file in a local folder ({@code .spool-…}, locked while it
 * is written) and uploaded on commit; {@link #deleteAbandoned()} removes spool files a dead process left.
 * Reads of part of an object are ranged blob reads, so a restore downloads only the chunks it needs.
 */
public final class ContainerStorage implements ObjectStore {
    private static final String SPOOL_PREFIX = ".spool-";
    private static final int BUFFER = 1 << 20;

    private final BlobContainer container;
    private final String prefix;
    private final Path spool;
    private final String location;
    private final Set<Path> writing = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesSent = new AtomicLong();

    /**
     * @param container the blob container
     * @param prefix    the prefix of the repository's blob names, empty or ending with '/'
     * @param spool     a local folder for objects being written (created when needed)
     * @param location  where the storage is, for messages, e.g. {@code local:contosobackup/seedbench-vault}
     */
    public ContainerStorage(BlobContainer container, String prefix, Path spool, String location) {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a blob name prefix ends with '/': '" + prefix + "'");
        }
        this.container = container;
        this.prefix = prefix;
        this.spool = spool.toAbsolutePath().normalize();
        this.location = location;
    }

    @Override
    public String location() {
        return location + "/" + prefix;
    }

    @Override
    public String toString() {
        return "ContainerStorage[" + location() + "]";
    }

    /** The bytes this storage has uploaded since it was made. */
    public long bytesSent() {
        return bytesSent.get();
    }

    @Override
    public void put(String name, byte[] content) throws IOException {
        upload(name, new ByteArrayInputStream(content), content.length);
    }

    private void upload(String name, InputStream content, long length) throws IOException {
        container.put(blob(name), content, length);
        bytesSent.addAndGet(length);
    }

    @Override
    public PendingObject create(String folder) throws IOException {
        if (!folder.isEmpty()) {
            blob(folder);
        }
        Files.createDirectories(spool);
        Path temp = spool.resolve(SPOOL_PREFIX + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
        FileChannel channel = DurableFiles.createLocked(temp);
        writing.add(temp);
        return new SpooledObject(temp, channel);
    }

    @Override
    public byte[] get(String name) throws IOException {
        try (InputStream in = container.get(blob(name))) {
            return in.readAllBytes();
        }
    }

    @Override
    public byte[] getRange(String name, long offset, int length) throws IOException {
        byte[] out;
        try (InputStream in = container.get(blob(name), offset, length)) {
            out = in.readNBytes(length);
        }
        if (out.length < length) {
            throw new EOFException(name + " ends before byte " + (offset + length));
        }
        return out;
    }

    @Override
    public InputStream open(String name) throws IOException {
        return container.get(blob(name));
    }

    @Override
    public List<String> list(String namePrefix) throws IOException {
        return container.list(prefix + namePrefix).stream().map(b -> b.substring(prefix.length()))
                .filter(RepositoryLayout::isObject).sorted().toList();
    }

    @Override
    public boolean exists(String name) throws IOException {
        return container.exists(blob(name));
    }

    @Override
    public void delete(String name) throws IOException {
        container.delete(blob(name));
    }

    @Override
    public long size(String name) throws IOException {
        return container.size(blob(name));
    }

    @Override
    public int deleteAbandoned() throws IOException {
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        List<Path> spooled;
        try (Stream<Path> files = Files.list(spool)) {
            spooled = files.filter(p -> p.getFileName().toString().startsWith(SPOOL_PREFIX)).toList();
        }
        int removed = 0;
        for (Path file : spooled) {
            if (!writing.contains(file) && DurableFiles.abandoned(file) && Files.deleteIfExists(file)) {
                removed++;
            }
        }
        return removed;
    }

    /** The blob of an object name; names that are not the repository's form are refused. */
    private String blob(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
            throw new IllegalArgumentException("not an object name: '" + name + "'");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".") || !segment.chars().allMatch(ContainerStorage::nameChar)) {
                throw new IllegalArgumentException("not an object name: '" + name + "'");
            }
        }
        return prefix + name;
    }

    private static boolean nameChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-';
    }

    /** An object spooled to a local file until it is committed, then uploaded as one blob. */
    private final class SpooledObject implements PendingObject {
        private final Path temp;
        private final FileChannel channel;
        private final OutputStream out;
        private boolean done;

        SpooledObject(Path temp, FileChannel channel) {
            this.temp = temp;
            this.channel = channel;
            this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }

        @Override
        public OutputStream output() {
            return out;
        }

        @Override
        public void commit(String name) throws IOException {
            if (done) {
                throw new IllegalStateException("already committed or discarded");
            }
            blob(name);
            out.flush();
            long length = channel.size();
            try (InputStream in = Channels.newInputStream(channel.position(0))) {
                upload(name, in, length);
            }
            close();
        }

        @Override
        public void close() throws IOException {
            if (done) {
                return;
            }
            done = true;
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
                writing.remove(temp);
            }
        }
    }
}
