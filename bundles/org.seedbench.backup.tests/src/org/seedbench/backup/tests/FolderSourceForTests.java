package org.seedbench.backup.tests;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.seedbench.core.model.WorkloadKind;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.core.spi.WorkloadSource;

/**
 * A small stand-in for the {@code files} workload source: walks a folder (its target) without following
 * links, folders before their content, names sorted; keeps size, modification time, POSIX permissions,
 * owner and group, and status change time and inode (unless made {@link #withoutIdentity()}, as sources
 * did before those were kept). Its streams check at the end that the file still has the listed size and time and
 * throw when not, as the real source does. Tests can hook into {@link #open} to change or refuse a file.
 */
public final class FolderSourceForTests implements WorkloadSource {

    /** Called before a file is opened, with the item and the how-many-th opening of it this is (from 1). */
    public interface OpenHook {
        void beforeOpen(WorkloadItem item, int opening) throws IOException;
    }

    private final Map<String, Integer> openings = new HashMap<>();
    private OpenHook hook = (item, opening) -> {
    };
    private boolean identity = true;

    /** A workload of this source reading {@code folder}. */
    public static WorkloadSpec spec(Path folder) {
        return new WorkloadSpec("folder", folder.toString());
    }

    public FolderSourceForTests onOpen(OpenHook openHook) {
        this.hook = openHook;
        return this;
    }

    /** Items without status change time and inode, as a source gave them before those were kept. */
    public FolderSourceForTests withoutIdentity() {
        this.identity = false;
        return this;
    }

    @Override
    public String id() {
        return "folder";
    }

    @Override
    public String label() {
        return "Folder (test double)";
    }

    @Override
    public WorkloadKind kind() {
        return WorkloadKind.FILES;
    }

    @Override
    public List<Problem> validate(WorkloadSpec spec) {
        if (!Files.isDirectory(Path.of(spec.target()))) {
            return List.of(new Problem("workload", spec.toString(), "is not a folder", "an existing folder"));
        }
        return List.of();
    }

    @Override
    public long estimateSize(WorkloadSpec spec, Progress progress) throws IOException {
        long[] total = { 0 };
        enumerate(spec, item -> total[0] += item.size(), w -> {
        }, progress);
        return total[0];
    }

    @Override
    public void enumerate(WorkloadSpec spec, Consumer<WorkloadItem> sink, Consumer<String> warnings,
            Progress progress) throws IOException {
        walk(Path.of(spec.target()), "", sink, progress);
    }

    private void walk(Path dir, String prefix, Consumer<WorkloadItem> sink, Progress progress) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(children::add);
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path child : children) {
            progress.checkCanceled();
            String path = prefix + child.getFileName();
            WorkloadItem item = describe(child, path);
            if (identity) {
                item = withIdentity(child, item);
            }
            sink.accept(item);
            if (item.type() == WorkloadItem.Type.DIRECTORY) {
                walk(child, path + "/", sink, progress);
            }
        }
    }

    static WorkloadItem describe(Path file, String path) throws IOException {
        BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes posix = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Map<String, String> attributes = new HashMap<>();
        if (!basic.isSymbolicLink()) {
            attributes.put("posix.permissions", PosixFilePermissions.toString(posix.permissions()));
        }
        attributes.put("owner", posix.owner().getName());
        attributes.put("group", posix.group().getName());
        if (basic.isSymbolicLink()) {
            return new WorkloadItem(path, WorkloadItem.Type.SYMLINK, 0, basic.lastModifiedTime().toInstant(),
                    attributes, Files.readSymbolicLink(file).toString());
        }
        if (basic.isDirectory()) {
            return new WorkloadItem(path, WorkloadItem.Type.DIRECTORY, 0, basic.lastModifiedTime().toInstant(),
                    attributes, null);
        }
        return new WorkloadItem(path, WorkloadItem.Type.FILE, basic.size(), basic.lastModifiedTime().toInstant(),
                attributes, null);
    }

    /** The item with the file's status change time and inode. */
    static WorkloadItem withIdentity(Path file, WorkloadItem item) throws IOException {
        Map<String, Object> unix = Files.readAttributes(file, "unix:ctime,ino", LinkOption.NOFOLLOW_LINKS);
        return new WorkloadItem(item.path(), item.type(), item.size(), item.modified(), item.attributes(),
                item.linkTarget(), ((java.nio.file.attribute.FileTime) unix.get("ctime")).toInstant(),
                unix.get("ino").toString());
    }

    @Override
    public InputStream open(WorkloadSpec spec, WorkloadItem item) throws IOException {
        int opening = openings.merge(item.path(), 1, Integer::sum);
        hook.beforeOpen(item, opening);
        Path file = Path.of(spec.target()).resolve(item.path());
        return new FilterInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            private boolean checked;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    check();
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    check();
                }
                return n;
            }

            private void check() throws IOException {
                if (checked) {
                    return;
                }
                checked = true;
                BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (now.size() != item.size() || !Objects.equals(now.lastModifiedTime().toInstant(), item.modified())) {
                    throw new IOException(file + " changed while it was read");
                }
            }
        };
    }
}
