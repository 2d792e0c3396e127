package org.seedbench.workload.inventory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;

/**
 * The files of one replica folder as items under the datasource's folder: each folder before its content,
 * names in code point order, links kept as links and never followed. What cannot be read is one warning
 * line and is skipped.
 */
final class ReplicaTree {
    private final Path root;
    private final String prefix;
    private final boolean details;
    private final Consumer<String> warnings;
    private final Progress progress;

    ReplicaTree(Path root, String prefix, boolean details, Consumer<String> warnings, Progress progress) {
        this.root = root;
        this.prefix = prefix;
        this.details = details;
        this.warnings = warnings;
        this.progress = progress;
    }

    void walk(Consumer<WorkloadItem> sink) throws IOException {
        walk(root, prefix, sink, true);
    }

    private void walk(Path dir, String path, Consumer<WorkloadItem> sink, boolean top) throws IOException {
        List<Path> children;
        try {
            children = children(dir);
        } catch (IOException e) {
            if (top) {
                throw new IOException("the replica folder " + dir + " cannot be read: " + reason(e), e);
            }
            warnings.accept("skipped " + dir + ": " + reason(e));
            return;
        }
        for (Path child : children) {
            progress.checkCanceled();
            String childPath = path + "/" + child.getFileName();
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                warnings.accept("skipped " + child + ": " + reason(e));
                continue;
            }
            if (a.isDirectory()) {
                sink.accept(new WorkloadItem(childPath, WorkloadItem.Type.DIRECTORY, 0,
                        a.lastModifiedTime().toInstant(), Map.of(), null));
                walk(child, childPath, sink, false);
            } else if (a.isRegularFile()) {
                sink.accept(new WorkloadItem(childPath, WorkloadItem.Type.FILE, a.size(),
                        a.lastModifiedTime().toInstant(), Map.of(), null));
            } else if (a.isSymbolicLink()) {
                sink.accept(new WorkloadItem(childPath, WorkloadItem.Type.SYMLINK, 0, a.lastModifiedTime().toInstant(),
                        Map.of(), details ? Files.readSymbolicLink(child).toString() : ""));
            } else {
                warnings.accept("skipped " + child + ": not a file, folder or link");
            }
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        List<Path> list = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(list::add);
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        list.sort((x, y) -> compare(x.getFileName().toString(), y.getFileName().toString()));
        return list;
    }

    /** Orders names by code point, the order of their UTF-8 bytes. */
    private static int compare(String x, String y) {
        return Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray());
    }

    /** Why a path could not be read, in a few words. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "it does not exist";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
