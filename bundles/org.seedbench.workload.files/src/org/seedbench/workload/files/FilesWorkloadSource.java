package org.seedbench.workload.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;
import org.seedbench.core.model.WorkloadKind;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.core.spi.WorkloadSource;

/**
 * The {@code files} workload source: the files and folders under one root folder ({@code files:/srv/data};
 * a job lists several to back up several roots).
 *
 * <p>What it yields: every folder, file and symbolic link under the root (the root itself is not an item),
 * folders before their content, the entries of a folder sorted by name in the byte order of their UTF-8
 * form, so two runs over the same tree give the same sequence. Names are kept exactly as the file system
 * gives them (a name in NFC and the same name in NFD are two items). Symbolic links are kept as links with
 * their target and never followed. Files carry their size (a {@code long}: files over 4 GiB are ordinary),
 * modification time and the platform's attributes: {@code posix.permissions} (e.g. {@code rwxr-x---}),
 * {@code owner} and {@code group} on POSIX systems; {@code dos.readonly}, {@code dos.hidden},
 * {@code dos.system} and {@code dos.archive} on Windows.
 *
 * <p>Options: {@code include} and {@code exclude}, each a newline-separated list of globs, matched with
 * {@code glob:} {@link java.nio.file.PathMatcher} semantics against the path relative to the root
 * ({@code *} stays within a folder, {@code **} crosses folders: {@code **.tmp} is every {@code .tmp} file).
 * An excluded folder takes its content with it, and exclude wins over include. With include globs, only
 * the files and links they match are read, with the folders that lead to them; a folder an include glob
 * matches brings all its content.
 *
 * <p>Entries that cannot be read (permission denied, vanished while listed, devices and pipes) are
 * reported as one warning line each and skipped; the run goes on.
 *
 * <p>Files that change while they are read: the stream of {@link #open} checks, when it reaches the end,
 * that the file still has the item's size and modification time and throws
 * {@link ChangedWhileReadException} when not. {@link #unchanged} makes the same check on its own, and
 * {@link #refresh} gives the item as it is now, for a second attempt.
 */
@Component(service = WorkloadSource.class)
public class FilesWorkloadSource implements WorkloadSource {
    /** The id written before the colon: {@code files:/srv/data}. */
    public static final String ID = "files";
    /** The option holding newline-separated globs of what to read; all when absent. */
    public static final String INCLUDE = Selection.INCLUDE;
    /** The option holding newline-separated globs of what to leave out. */
    public static final String EXCLUDE = Selection.EXCLUDE;

    private static final String ROOT_EXAMPLE = "an absolute folder path, e.g. files:/srv/data";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Files and folders";
    }

    @Override
    public WorkloadKind kind() {
        return WorkloadKind.FILES;
    }

    @Override
    public List<Problem> validate(WorkloadSpec spec) {
        List<Problem> problems = new ArrayList<>();
        String workload = spec.toString();
        String target = spec.target();
        if (target.isBlank()) {
            problems.add(new Problem(SeedRules.WORKLOAD, workload, "names no root folder", ROOT_EXAMPLE));
        } else {
            checkRoot(workload, target, problems);
        }
        problems.addAll(Selection.problems(spec, FileSystems.getDefault()));
        return problems;
    }

    private static void checkRoot(String workload, String target, List<Problem> problems) {
        Path root;
        try {
            root = Path.of(target);
        } catch (InvalidPathException e) {
            problems.add(new Problem(SeedRules.WORKLOAD, workload,
                    "the root folder is not a valid path (" + e.getReason() + ")", ROOT_EXAMPLE));
            return;
        }
        if (!root.isAbsolute()) {
            problems.add(new Problem(SeedRules.WORKLOAD, workload, "the root folder is not an absolute path",
                    ROOT_EXAMPLE));
        } else if (!Files.exists(root)) {
            problems.add(new Problem(SeedRules.WORKLOAD, workload, "the root folder does not exist",
                    "an existing folder; check the path, and that its disk or share is mounted"));
        } else if (!Files.isDirectory(root)) {
            problems.add(new Problem(SeedRules.WORKLOAD, workload, "the root is a file, not a folder",
                    "the folder that holds it, with --include naming the file"));
        } else if (!canList(root)) {
            problems.add(new Problem(SeedRules.WORKLOAD, workload, "the root folder cannot be read: permission denied",
                    "a folder the user running seedbench can read; grant read access or run as a user who has it"));
        }
    }

    private static boolean canList(Path dir) {
        if (!Files.isReadable(dir)) {
            return false;
        }
        try {
            Files.newDirectoryStream(dir).close();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public long estimateSize(WorkloadSpec spec, Progress progress) throws IOException {
        Path root = root(spec);
        progress.begin("Estimating the size of " + root, -1);
        long[] total = { 0 };
        new Walker(root, Selection.of(spec, root.getFileSystem()), false, line -> {
        }, progress).walk(item -> {
            if (item.type() == WorkloadItem.Type.FILE) {
                total[0] += item.size();
                progress.worked(1);
            }
        });
        return total[0];
    }

    @Override
    public void enumerate(WorkloadSpec spec, Consumer<WorkloadItem> sink, Consumer<String> warnings, Progress progress)
            throws IOException {
        Path root = root(spec);
        progress.begin("Listing " + root, -1);
        new Walker(root, Selection.of(spec, root.getFileSystem()), true, warnings, progress).walk(item -> {
            sink.accept(item);
            progress.worked(1);
        });
    }

    /**
     * Opens a file item's content. The stream gives exactly {@link WorkloadItem#size()} bytes; when the file
     * ends early, goes on past that size, or its size or modification time at the end differ from the
     * item's, it throws {@link ChangedWhileReadException} (when the end is read, or at {@code close()} once
     * every byte was read). A link in place of the file is refused, never followed.
     */
    @Override
    public InputStream open(WorkloadSpec spec, WorkloadItem item) throws IOException {
        if (item.type() != WorkloadItem.Type.FILE) {
            throw new IOException(item.path() + " is a " + item.type().name().toLowerCase(Locale.ROOT)
                    + ", not a file; only files have content to open");
        }
        Path file = resolve(spec, item);
        InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        return new CheckedContentStream(in, item, file.toString(), () -> unchanged(spec, item));
    }

    /**
     * Whether the item on disk still has the size, modification time and type it had when it was listed;
     * {@code false} when it changed or is gone. The backup engine calls it after reading a file (the stream
     * of {@link #open} does so itself at the end) and reads the file once more when it returns
     * {@code false}.
     *
     * @throws IOException when the file's metadata cannot be read for another reason (permission denied)
     */
    public boolean unchanged(WorkloadSpec spec, WorkloadItem item) throws IOException {
        WorkloadItem now;
        try {
            now = current(spec, item);
        } catch (NoSuchFileException e) {
            return false;
        }
        return now != null && now.type() == item.type() && now.size() == item.size()
                && Objects.equals(now.modified(), item.modified());
    }

    /**
     * The item as it is on disk now (size, time, attributes, link target), for a second attempt at a file
     * that changed while it was read.
     *
     * @throws NoSuchFileException when it is gone
     * @throws IOException         when it is no longer a file, folder or link, or cannot be read
     */
    public WorkloadItem refresh(WorkloadSpec spec, WorkloadItem item) throws IOException {
        WorkloadItem now = current(spec, item);
        if (now == null) {
            throw new IOException(resolve(spec, item) + " is no longer a file, folder or symbolic link");
        }
        return now;
    }

    private WorkloadItem current(WorkloadSpec spec, WorkloadItem item) throws IOException {
        Path root = rootPath(spec);
        return new FileFacts(root.getFileSystem()).describe(resolve(root, item.path()), item.path(), true);
    }

    private static Path resolve(WorkloadSpec spec, WorkloadItem item) throws IOException {
        return resolve(rootPath(spec), item.path());
    }

    /** The item's file under the root; paths that are empty, absolute or climb out are refused. */
    private static Path resolve(Path root, String itemPath) {
        if (itemPath == null || itemPath.isEmpty() || itemPath.startsWith("/")) {
            throw new IllegalArgumentException("item path '" + itemPath + "' is not relative to the workload's root");
        }
        Path file = root;
        for (String segment : itemPath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("item path '" + itemPath
                        + "' has an empty, '.' or '..' segment; items are named by their path under the root");
            }
            file = file.resolve(segment);
        }
        return file;
    }

    /** The root folder of a workload that is about to be walked: it must exist and be a folder. */
    private static Path root(WorkloadSpec spec) throws IOException {
        Path root = rootPath(spec);
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString(), null,
                    "the root folder does not exist; check the path, and that its disk or share is mounted");
        }
        if (!Files.isDirectory(root)) {
            throw new FileSystemException(root.toString(), null,
                    "the root is a file, not a folder; name the folder that holds it");
        }
        return root;
    }

    /** The root folder as the workload names it, without touching the disk. */
    private static Path rootPath(WorkloadSpec spec) throws IOException {
        String target = spec.target();
        if (target.isBlank()) {
            throw new IOException("workload '" + spec + "' names no root folder; give one, e.g. files:/srv/data");
        }
        Path root;
        try {
            root = Path.of(target);
        } catch (InvalidPathException e) {
            throw new IOException("workload '" + spec + "': the root folder is not a valid path (" + e.getReason()
                    + ")", e);
        }
        return root;
    }
}
