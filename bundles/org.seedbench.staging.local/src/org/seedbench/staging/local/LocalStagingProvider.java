package org.seedbench.staging.local;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.io.file.PathUtils;
import org.osgi.service.component.annotations.Component;
import org.seedbench.core.rules.Folders;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.StagingProvider;
import org.seedbench.core.support.store.FolderObjectStore;

/**
 * The {@code local} staging provider: a folder on a local disk or on a mounted network share.
 *
 * <p>Locations it takes: an absolute path ({@code /mnt/stage}, {@code D:\stage}); a {@code file:} URI
 * ({@code file:///mnt/stage}; {@code file://server/share/stage} is the UNC path below); a UNC path
 * {@code \\server\share\folder}. On Windows the system resolves UNC paths itself. Elsewhere a UNC path is
 * taken only when its share is mounted here (a CIFS/SMB mount listed in {@code /proc/self/mounts}), and it
 * stands for the same folder under the mount point; a share that is not mounted is refused with how to
 * mount it, since nothing on a Linux computer can write to {@code \\server\share} otherwise.
 *
 * <p>{@link #check} looks, in this order, at: the path's kind, a file in the way, the location lying in a
 * source root (comparing real paths, so a link into a source is seen through, also when the location does
 * not exist yet), the free space against the seed's size, and last, only when all else passed, whether the
 * location can be created and written (a probe file is created and deleted). Whatever the check creates
 * it removes again, whether it passes or fails; {@link #open} creates the job's folder and returns its folder
 * store, {@link #delete} removes it.
 *
 * <p>The mount table is {@code /proc/self/mounts}, or the file the system property {@value #MOUNT_TABLE} names
 * (read at each use), for a computer whose mounts are listed elsewhere and for tests.
 */
@Component(service = StagingProvider.class)
public class LocalStagingProvider implements StagingProvider {
    private static final String ALLOWED_LOCATIONS =
            "an absolute folder path such as /mnt/stage or D:\\stage, a file: URI, or \\\\server\\share\\folder";
    private static final String WRITABLE = "a folder the user running seedbench can write to";
    /** The system property naming the mount table to read instead of {@code /proc/self/mounts}. */
    public static final String MOUNT_TABLE = "seedbench.staging.mountTable";

    private final MountTable mounts;
    private final boolean windows;

    /** The provider of this computer: Windows resolves UNC paths itself, Linux through its mount table. */
    public LocalStagingProvider() {
        this(new MountTable(() -> Path.of(System.getProperty(MOUNT_TABLE, "/proc/self/mounts"))),
                File.separatorChar == '\\');
    }

    /** A provider that finds mounted shares in {@code mounts} (tests give their own table). */
    LocalStagingProvider(MountTable mounts, boolean windows) {
        this.mounts = mounts;
        this.windows = windows;
    }

    @Override
    public String id() {
        return "local";
    }

    @Override
    public String label() {
        return "Local folder or network share";
    }

    @Override
    public boolean accepts(String location) {
        return resolve(location).isPresent();
    }

    @Override
    public List<Problem> check(String location, long requiredBytes, List<Path> sourceRoots) {
        List<Problem> problems = new ArrayList<>(SeedRules.checkStagingLocation(location));
        if (!problems.isEmpty()) {
            return problems;
        }
        Optional<Path> resolved = resolve(location);
        if (resolved.isEmpty()) {
            return List.of(refusal(location));
        }
        Path dir = resolved.get();
        Path existing = nearestExisting(dir);
        if (existing == null) {
            return List.of(problem(location, "its drive or share root does not exist",
                    "a location on a drive or mounted share of this computer"));
        }
        if (!Files.isDirectory(existing)) {
            return List.of(problem(location, existing.equals(dir) ? "is a file, not a folder"
                    : "'" + existing + "' on its path is a file, not a folder", "a folder, or a path to create one"));
        }
        Path real = realPath(dir);
        for (Path source : sourceRoots == null ? List.<Path>of() : sourceRoots) {
            if (real.startsWith(realPath(source))) {
                problems.add(problem(location, "lies inside the source folder '" + source
                        + "', so the seed would back itself up", "a folder outside every source folder"));
            }
        }
        long required = Math.max(requiredBytes, 0);
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            if (free < required) {
                String has = Sizes.decimal(free);
                String needs = Sizes.decimal(required);
                if (has.equals(needs)) {
                    has = has + " (" + free + " bytes)";
                    needs = needs + " (" + required + " bytes)";
                }
                problems.add(problem(location, "has " + has + " free, the seed needs about " + needs,
                        "a location with at least " + needs + " free"));
            }
        } catch (IOException e) {
            problems.add(problem(location, "its free space cannot be read: " + reason(e),
                    "a location on a drive or mounted share of this computer"));
        }
        if (problems.isEmpty()) {
            problems.addAll(probe(location, dir, existing));
        }
        return problems;
    }

    /**
     * Creates the missing folders of {@code dir} and a probe file in it, then removes all of it: whether
     * the user can create and write the location, leaving nothing behind.
     */
    private static List<Problem> probe(String location, Path dir, Path existing) {
        List<Problem> problems = new ArrayList<>();
        Deque<Path> created = new ArrayDeque<>();
        Path probe = null;
        Path creating = null;
        try {
            for (Path missing : missingFolders(existing, dir)) {
                creating = missing;
                Files.createDirectory(missing);
                created.push(missing);
            }
            creating = null;
            probe = Files.createTempFile(dir, ".seedbench-probe-", ".tmp");
        } catch (IOException e) {
            if (creating != null) {
                problems.add(problem(location, "does not exist and cannot be created: " + reason(e) + " in '"
                        + creating.getParent() + "'", "an existing folder, or a path under " + WRITABLE));
            } else {
                problems.add(problem(location, "is not writable: " + reason(e), WRITABLE));
            }
        } finally {
            if (probe != null) {
                removeOrReport(location, probe, problems);
            }
            while (!created.isEmpty()) {
                removeOrReport(location, created.pop(), problems);
            }
        }
        return problems;
    }

    private static void removeOrReport(String location, Path path, List<Problem> problems) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            problems.add(problem(location, "the check could not remove '" + path + "' again: " + reason(e),
                    "remove it by hand"));
        }
    }

    /** The folders from below {@code existing} down to {@code dir}, outermost first. */
    private static List<Path> missingFolders(Path existing, Path dir) {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !p.equals(existing); p = p.getParent()) {
            missing.add(0, p);
        }
        return missing;
    }

    @Override
    public long freeSpace(String location) throws IOException {
        Path dir = resolveOrThrow(location);
        Path existing = nearestExisting(dir);
        if (existing == null) {
            throw new IOException(problem(location, "its drive or share root does not exist",
                    "a location on a drive or mounted share of this computer").message());
        }
        return Files.getFileStore(existing).getUsableSpace();
    }

    @Override
    public ObjectStore open(String location, String jobName) throws IOException {
        return new FolderObjectStore(Files.createDirectories(repositoryFolder(location, jobName)));
    }

    @Override
    public boolean exists(String location, String jobName) throws IOException {
        return Files.isDirectory(repositoryFolder(location, jobName));
    }

    @Override
    public void delete(String location, String jobName) throws IOException {
        Path folder = repositoryFolder(location, jobName);
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            PathUtils.deleteDirectory(folder);
        }
    }

    /** {@code <location>/<job>}, without touching it. */
    private Path repositoryFolder(String location, String jobName) throws IOException {
        List<Problem> name = SeedRules.checkImportJobName(jobName);
        if (!name.isEmpty()) {
            throw new IllegalArgumentException(name.get(0).message());
        }
        return resolveOrThrow(location).resolve(jobName);
    }

    private Path resolveOrThrow(String location) throws IOException {
        if (location == null || location.isBlank()) {
            throw new IOException(SeedRules.checkStagingLocation(location).get(0).message());
        }
        return resolve(location).orElseThrow(() -> new IOException(refusal(location).message()));
    }

    @Override
    public Optional<Path> folder(String location) {
        return resolve(location);
    }

    /** The folder a location names, or empty when this provider does not take it. No file is touched. */
    Optional<Path> resolve(String location) {
        if (location == null || location.isBlank()) {
            return Optional.empty();
        }
        try {
            if (location.regionMatches(true, 0, "file:", 0, 5)) {
                return resolveUri(location);
            }
            Optional<List<String>> unc = uncSegments(location);
            if (unc.isPresent()) {
                return windows ? absolute(Path.of(location)) : mounts.resolve(unc.get());
            }
            return absolute(Path.of(location));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private Optional<Path> resolveUri(String location) {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.isOpaque() || uri.getPath() == null) {
            return Optional.empty();
        }
        String host = uri.getAuthority();
        if (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
            if (windows) {
                return pathOf(uri);
            }
            List<String> segments = new ArrayList<>();
            segments.add(host);
            segments.addAll(folders(uri.getPath()));
            return segments.size() >= 2 && !segments.contains("..") ? mounts.resolve(segments) : Optional.empty();
        }
        try {
            return pathOf(new URI("file", null, uri.getPath(), null));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> pathOf(URI uri) {
        try {
            return absolute(Path.of(uri));
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> absolute(Path path) {
        return path.isAbsolute() ? Optional.of(path.normalize()) : Optional.empty();
    }

    /**
     * The segments (server, share, folders…) of a UNC path {@code \\server\share\folder}, also in its long
     * form {@code \\?\UNC\server\share\folder} and written with forward slashes, {@code //server/share/folder}
     * (which Linux would otherwise take for the local folder {@code /server/share/folder}; three slashes stay
     * a local path); empty when the text is not a UNC path.
     */
    static Optional<List<String>> uncSegments(String location) {
        String text = location.replace('/', '\\');
        if (text.regionMatches(true, 0, "\\\\?\\UNC\\", 0, 8)) {
            text = "\\\\" + text.substring(8);
        }
        if (!text.startsWith("\\\\") || text.startsWith("\\\\\\") || text.startsWith("\\\\?\\")
                || text.startsWith("\\\\.\\")) {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>();
        for (String s : text.substring(2).split("[\\\\/]")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (segments.size() <= 2) {
                    return Optional.empty();
                }
                segments.remove(segments.size() - 1);
            } else {
                segments.add(s);
            }
        }
        return segments.size() >= 2 ? Optional.of(segments) : Optional.empty();
    }

    private static List<String> folders(String path) {
        List<String> folders = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty() && !s.equals(".")) {
                folders.add(s);
            }
        }
        return folders;
    }

    /** Why a location is not taken: a share that is not mounted here, or not a path at all. */
    private Problem refusal(String location) {
        if (!windows && namesShare(location)) {
            return problem(location, "names a network share that is not mounted on this computer",
                    "the share mounted first (e.g. mount -t cifs " + share(location) + " /mnt/" + shareName(location)
                            + "), then its UNC path or the mounted folder");
        }
        return problem(location, "is not an absolute path, a file: URI or a UNC path", ALLOWED_LOCATIONS);
    }

    /** {@code //server/share} of a location that names a share, for the mount command to give. */
    private static String share(String location) {
        List<String> segments = shareSegments(location);
        return segments.size() < 2 ? "//server/share" : "//" + segments.get(0) + "/" + segments.get(1);
    }

    private static String shareName(String location) {
        List<String> segments = shareSegments(location);
        return segments.size() < 2 ? "share" : segments.get(1);
    }

    private static List<String> shareSegments(String location) {
        Optional<List<String>> unc = uncSegments(location);
        if (unc.isPresent()) {
            return unc.get();
        }
        try {
            URI uri = new URI(location);
            List<String> segments = new ArrayList<>();
            segments.add(uri.getAuthority());
            segments.addAll(folders(uri.getPath() == null ? "" : uri.getPath()));
            return segments;
        } catch (URISyntaxException e) {
            return List.of();
        }
    }

    /** Whether the location is a UNC path or a {@code file:} URI naming a server other than this one. */
    private static boolean namesShare(String location) {
        if (uncSegments(location).isPresent()) {
            return true;
        }
        try {
            URI uri = new URI(location);
            String host = uri.getAuthority();
            return "file".equalsIgnoreCase(uri.getScheme()) && host != null && !host.isEmpty()
                    && !host.equalsIgnoreCase("localhost");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Problem problem(String location, String what, String allowed) {
        return new Problem(SeedRules.STAGING, location, what, allowed);
    }

    private static Path nearestExisting(Path path) {
        Path p = path;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }

    /**
     * The real path of {@code path}: links resolved in the part that exists, the rest as written, so that a
     * location that does not exist yet is still compared where it will be.
     */
    static Path realPath(Path path) {
        return Folders.canonical(path);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
