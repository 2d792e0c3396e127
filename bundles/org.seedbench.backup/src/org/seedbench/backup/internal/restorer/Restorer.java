package org.seedbench.backup.internal.restorer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.seedbench.backup.RepositoryException;
import org.seedbench.backup.RestoreResult;
import org.seedbench.backup.internal.blob.BlobId;
import org.seedbench.backup.internal.blob.BlobType;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.index.ChunkIndex;
import org.seedbench.backup.internal.repository.OpenRepository;
import org.seedbench.backup.internal.repository.RepositoryConfig;
import org.seedbench.backup.internal.snapshot.SafePaths;
import org.seedbench.backup.internal.snapshot.SnapshotRecord;
import org.seedbench.backup.internal.snapshot.TreeEntry;
import org.seedbench.core.rules.Folders;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.core.support.files.DurableFiles;

/**
 * Restores a snapshot into a folder. The whole tree is checked before anything is written: a path that is
 * absolute, climbs out with {@code ..} or lies under one of the snapshot's own links refuses the restore.
 * Parent folders are never followed through a symbolic link. Files are written to a temporary name and
 * renamed into place; all-zero chunks are skipped, so sparse files stay sparse. A file whose content
 * cannot be read (a damaged pack) is reported and the others restored.
 */
public final class Restorer {
    private static final String PERMISSIONS = "posix.permissions";
    private static final String OWNER = "owner";
    private static final String GROUP = "group";
    private static final long CACHE_BYTES = 32L << 20;
    /** The temporary name of a file being restored, beside its final name. */
    static final String TEMP_PREFIX = ".seedbench-restore-";

    private final OpenRepository repository;
    private final Progress progress;
    private final List<String> skipped = new ArrayList<>();
    private final List<RestoreResult.Failure> failed = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Set<Path> verifiedDirectories = new HashSet<>();
    private final Map<BlobId, String> damaged = new HashMap<>();
    private final LinkedHashMap<BlobId, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<BlobId, Boolean> zero = new HashMap<>();
    private long cached;
    private Path root;
    private boolean posix;
    private boolean dos;
    private boolean asRoot;
    private ChunkIndex index;
    private BlobCodec codec;
    private long files;
    private long directories;
    private long links;
    private long bytes;

    public Restorer(OpenRepository repository, Progress progress) {
        this.repository = repository;
        this.progress = progress;
    }

    public RestoreResult restore(String wanted, Path target, List<String> includeGlobs, boolean overwrite)
            throws IOException, InvalidInputException {
        Instant started = Instant.now();
        refuseTargetInRepository(target);
        List<PathMatcher> matchers = matchers(includeGlobs, target.getFileSystem());
        try (BlobCodec c = repository.newCodec()) {
            codec = c;
            String id = repository.resolveSnapshot(wanted, codec);
            SnapshotRecord snapshot = repository.readSnapshot(id, codec);
            index = repository.loadIndex(codec, warnings::add, progress::checkCanceled).index();
            List<TreeEntry> entries = repository.readTree(snapshot, index, codec);
            refuseUnsafe(id, entries);
            List<TreeEntry> selected = select(entries, matchers, target.getFileSystem());
            long total = selected.stream().filter(e -> e.type() == WorkloadItem.Type.FILE)
                    .mapToLong(TreeEntry::size).sum();
            progress.begin("Restoring snapshot " + id.substring(0, 8) + " into " + target, total);

            Files.createDirectories(target);
            root = target.toRealPath();
            removeAbandonedTemporaryFiles(root);
            FileSystem fs = root.getFileSystem();
            posix = fs.supportedFileAttributeViews().contains("posix");
            dos = !posix && fs.supportedFileAttributeViews().contains("dos");
            asRoot = runningAsRoot();

            List<TreeEntry> directoriesDone = new ArrayList<>();
            List<TreeEntry> linkEntries = new ArrayList<>();
            for (TreeEntry e : selected) {
                progress.checkCanceled();
                switch (e.type()) {
                    case DIRECTORY -> {
                        if (directory(e)) {
                            directoriesDone.add(e);
                        }
                    }
                    case FILE -> file(e, overwrite);
                    case SYMLINK -> linkEntries.add(e);
                }
            }
            for (TreeEntry e : linkEntries) {
                progress.checkCanceled();
                link(e, overwrite);
            }
            for (int i = directoriesDone.size() - 1; i >= 0; i--) {
                TreeEntry e = directoriesDone.get(i);
                metadata(e, resolve(e.path()), false);
            }
            return new RestoreResult(id, files, directories, links, bytes, skipped, failed, warnings,
                    Duration.between(started, Instant.now()));
        }
    }

    /** Refuses a tree that names a path outside the target, or under one of its own links. */
    private static void refuseUnsafe(String id, List<TreeEntry> entries) throws RepositoryException {
        Set<String> linkPaths = new HashSet<>();
        for (TreeEntry e : entries) {
            String problem = SafePaths.problem(e.path());
            if (problem != null) {
                throw new RepositoryException("snapshot " + id.substring(0, 8) + " holds the path '" + e.path()
                        + "' (" + problem + "): the snapshot is damaged or tampered with; nothing was restored");
            }
            if (e.type() == WorkloadItem.Type.SYMLINK) {
                linkPaths.add(e.path());
            }
        }
        if (linkPaths.isEmpty()) {
            return;
        }
        for (TreeEntry e : entries) {
            String p = e.path();
            for (int slash = p.indexOf('/'); slash > 0; slash = p.indexOf('/', slash + 1)) {
                if (linkPaths.contains(p.substring(0, slash))) {
                    throw new RepositoryException("snapshot " + id.substring(0, 8) + " holds '" + p
                            + "' under its symbolic link '" + p.substring(0, slash)
                            + "': the snapshot is damaged or tampered with; nothing was restored");
                }
            }
        }
    }

    /**
     * Refuses a target inside a Seedbench repository (the one restored from or any other): restored plaintext
     * there would travel with the repository's objects. Links are resolved as far as the target exists.
     */
    public static void refuseTargetInRepository(Path target) throws IOException, InvalidInputException {
        for (Path p = Folders.canonical(target); p != null; p = p.getParent()) {
            if (RepositoryConfig.isRepositoryFolder(p)) {
                throw new InvalidInputException(new Problem("target", target.toString(),
                        "lies inside the Seedbench repository at " + p + ", and restored files must never mix with "
                                + "a repository's objects",
                        "a folder outside every repository, staging location and drive folder"));
            }
        }
    }

    private static List<PathMatcher> matchers(List<String> globs, FileSystem fs) throws InvalidInputException {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : globs == null ? List.<String>of() : globs) {
            try {
                matchers.add(fs.getPathMatcher("glob:" + glob));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(new Problem("include", glob, "is not a glob pattern",
                        "a glob such as docs/** or **.sql, with every [ and { closed"));
            }
        }
        return matchers;
    }

    private static List<TreeEntry> select(List<TreeEntry> entries, List<PathMatcher> matchers, FileSystem fs) {
        if (matchers.isEmpty()) {
            return entries;
        }
        List<TreeEntry> selected = new ArrayList<>();
        for (TreeEntry e : entries) {
            if (matchesOrUnder(e.path(), matchers, fs)) {
                selected.add(e);
            }
        }
        return selected;
    }

    private static boolean matchesOrUnder(String path, List<PathMatcher> matchers, FileSystem fs) {
        String p = path;
        while (true) {
            Path candidate;
            try {
                candidate = fs.getPath(p);
            } catch (InvalidPathException e) {
                return false;
            }
            for (PathMatcher m : matchers) {
                if (m.matches(candidate)) {
                    return true;
                }
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            p = p.substring(0, slash);
        }
    }

    private Path resolve(String path) {
        Path p = root;
        for (String segment : path.split("/")) {
            p = p.resolve(segment);
        }
        return p;
    }

    /** Creates the folders leading to {@code path} (not following links); its parent. */
    private Path parents(String path) throws IOException {
        Path dir = root;
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return root;
        }
        for (String segment : path.substring(0, slash).split("/")) {
            dir = dir.resolve(segment);
            ensureDirectory(dir);
        }
        return dir;
    }

    private void ensureDirectory(Path dir) throws IOException {
        if (verifiedDirectories.contains(dir)) {
            return;
        }
        if (Files.isSymbolicLink(dir)) {
            throw new IOException("the symbolic link " + dir + " is in the way; restore does not write through links");
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(dir + " exists and is not a folder", e);
                }
            }
        } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " exists and is not a folder");
        } else {
            removeAbandonedTemporaryFiles(dir);
        }
        verifiedDirectories.add(dir);
    }

    /**
     * Removes the temporary files a restore that was killed left in a folder; a restore in progress holds the lock
     * of its temporary file, so its file stays.
     */
    private void removeAbandonedTemporaryFiles(Path dir) {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path temp : temps) {
                if (Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS) && DurableFiles.abandoned(temp)) {
                    Files.deleteIfExists(temp);
                }
            }
        } catch (IOException e) {
            warnings.add("could not remove what an interrupted restore left in " + dir + ": " + e.getMessage());
        }
    }

    private boolean directory(TreeEntry e) {
        try {
            parents(e.path());
            ensureDirectory(resolve(e.path()));
            directories++;
            return true;
        } catch (IOException ex) {
            failed.add(new RestoreResult.Failure(e.path(), ex.getMessage()));
            return false;
        }
    }

    private void file(TreeEntry e, boolean overwrite) {
        progress.subTask(e.path());
        Path parent;
        try {
            parent = parents(e.path());
        } catch (IOException ex) {
            failed.add(new RestoreResult.Failure(e.path(), ex.getMessage()));
            return;
        }
        Path dest = resolve(e.path());
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            if (!overwrite) {
                skipped.add(e.path());
                progress.worked(e.size());
                return;
            }
            if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
                failed.add(new RestoreResult.Failure(e.path(), "a folder of that name is in the way"));
                progress.worked(e.size());
                return;
            }
        }
        Path temp = parent.resolve(TEMP_PREFIX + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
        try {
            long written;
            try (FileChannel channel = DurableFiles.createLocked(temp)) {
                written = writeContent(e, channel);
                channel.force(true);
            }
            DurableFiles.commit(temp, dest);
            files++;
            bytes += written;
            metadata(e, dest, false);
        } catch (IOException ex) {
            failed.add(new RestoreResult.Failure(e.path(), ex.getMessage()));
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ex) {
                warnings.add("could not remove the temporary file " + temp + ": " + ex.getMessage());
            }
        }
    }

    private long writeContent(TreeEntry e, FileChannel channel) throws IOException {
        long position = 0;
        for (BlobId id : e.chunks()) {
            progress.checkCanceled();
            byte[] data = chunk(id);
            if (position + data.length > e.size()) {
                throw new RepositoryException("its chunks hold more than its " + e.size() + " bytes");
            }
            if (!zero.get(id)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                long at = position;
                while (buf.hasRemaining()) {
                    at += channel.write(buf, at);
                }
            }
            position += data.length;
            progress.worked(data.length);
        }
        if (position != e.size()) {
            throw new RepositoryException("its chunks hold " + position + " bytes, not its " + e.size());
        }
        if (channel.size() < position) {
            // the file ends in skipped zero chunks: one zero byte at its end gives it its length, sparse
            channel.write(ByteBuffer.wrap(new byte[1]), position - 1);
        }
        return position;
    }

    /** A chunk's plaintext, from a small cache (runs of equal chunks, such as zeros, are read once). */
    private byte[] chunk(BlobId id) throws IOException {
        String known = damaged.get(id);
        if (known != null) {
            throw new RepositoryException(known);
        }
        byte[] data = cache.get(id);
        if (data != null) {
            return data;
        }
        try {
            data = repository.readBlob(index, BlobType.DATA, id, codec);
        } catch (RepositoryException e) {
            damaged.put(id, e.getMessage());
            throw e;
        }
        zero.put(id, allZero(data));
        cache.put(id, data);
        cached += data.length;
        var it = cache.entrySet().iterator();
        while (cached > CACHE_BYTES && it.hasNext()) {
            var eldest = it.next();
            if (eldest.getKey().equals(id)) {
                break;
            }
            cached -= eldest.getValue().length;
            it.remove();
        }
        return data;
    }

    private static boolean allZero(byte[] data) {
        for (byte b : data) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private void link(TreeEntry e, boolean overwrite) {
        try {
            parents(e.path());
            Path dest = resolve(e.path());
            if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                if (!overwrite) {
                    skipped.add(e.path());
                    return;
                }
                try {
                    Files.delete(dest);
                } catch (DirectoryNotEmptyException ex) {
                    failed.add(new RestoreResult.Failure(e.path(), "a folder of that name is in the way"));
                    return;
                }
            }
            Files.createSymbolicLink(dest, root.getFileSystem().getPath(e.linkTarget()));
            links++;
            metadata(e, dest, true);
        } catch (IOException | InvalidPathException | UnsupportedOperationException ex) {
            failed.add(new RestoreResult.Failure(e.path(), "the link could not be created: " + ex.getMessage()));
        }
    }

    /** Owner and group (as root), permissions, DOS attributes and modification time. */
    private void metadata(TreeEntry e, Path path, boolean isLink) {
        LinkOption[] noFollow = { LinkOption.NOFOLLOW_LINKS };
        Map<String, String> a = e.attributes();
        if (posix && asRoot && (a.containsKey(OWNER) || a.containsKey(GROUP))) {
            owner(e, path, noFollow);
        }
        if (posix && !isLink && a.containsKey(PERMISSIONS)) {
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(a.get(PERMISSIONS)));
            } catch (IllegalArgumentException | IOException ex) {
                warnings.add(e.path() + ": permissions " + a.get(PERMISSIONS) + " not set: " + ex.getMessage());
            }
        }
        if (dos && !isLink) {
            dosAttributes(e, path);
        }
        if (e.modified() != null) {
            try {
                Files.getFileAttributeView(path, BasicFileAttributeView.class, noFollow)
                        .setTimes(FileTime.from(e.modified()), null, null);
            } catch (IOException ex) {
                if (!isLink) {
                    warnings.add(e.path() + ": modification time not set: " + ex.getMessage());
                }
            }
        }
    }

    private void owner(TreeEntry e, Path path, LinkOption[] noFollow) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, noFollow);
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        String owner = e.attributes().get(OWNER);
        String group = e.attributes().get(GROUP);
        try {
            if (owner != null) {
                UserPrincipal user = lookup.lookupPrincipalByName(owner);
                view.setOwner(user);
            }
        } catch (UserPrincipalNotFoundException ex) {
            warnings.add(e.path() + ": owner " + owner + " does not exist here; left as is");
        } catch (IOException ex) {
            warnings.add(e.path() + ": owner not set: " + ex.getMessage());
        }
        try {
            if (group != null) {
                GroupPrincipal g = lookup.lookupPrincipalByGroupName(group);
                view.setGroup(g);
            }
        } catch (UserPrincipalNotFoundException ex) {
            warnings.add(e.path() + ": group " + group + " does not exist here; left as is");
        } catch (IOException ex) {
            warnings.add(e.path() + ": group not set: " + ex.getMessage());
        }
    }

    private void dosAttributes(TreeEntry e, Path path) {
        DosFileAttributeView view = Files.getFileAttributeView(path, DosFileAttributeView.class);
        Map<String, String> a = e.attributes();
        try {
            if (a.containsKey("dos.hidden")) {
                view.setHidden(Boolean.parseBoolean(a.get("dos.hidden")));
            }
            if (a.containsKey("dos.system")) {
                view.setSystem(Boolean.parseBoolean(a.get("dos.system")));
            }
            if (a.containsKey("dos.archive")) {
                view.setArchive(Boolean.parseBoolean(a.get("dos.archive")));
            }
            if (a.containsKey("dos.readonly")) {
                view.setReadOnly(Boolean.parseBoolean(a.get("dos.readonly")));
            }
        } catch (IOException ex) {
            warnings.add(e.path() + ": DOS attributes not set: " + ex.getMessage());
        }
    }

    private static boolean runningAsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
