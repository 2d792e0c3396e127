package org.seedbench.workload.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;

/**
 * Walks the tree under a root depth-first, without following links, and gives the selected items in a
 * stable order: the entries of each folder sorted by name in code point order (which is the byte order
 * of their UTF-8 form), each folder before its content.
 *
 * <p>With include globs, a folder is given only when something in it is selected (or it is selected
 * itself); folders wait on a stack until then, so the walk never holds more than the current path.
 * Entries that cannot be read are reported to the warnings and skipped; the walk goes on.
 */
final class Walker {
    /** Code point order of the names, which is the byte order of their UTF-8 encoding. */
    static final Comparator<Path> BY_NAME = (a, b) -> compareCodePoints(a.getFileName().toString(),
            b.getFileName().toString());

    private final Path root;
    private final Selection selection;
    private final FileFacts facts;
    private final boolean details;
    private final Consumer<String> warnings;
    private final Progress progress;

    /**
     * @param details whether items carry their attributes and link targets
     */
    Walker(Path root, Selection selection, boolean details, Consumer<String> warnings, Progress progress) {
        this.root = root;
        this.selection = selection;
        this.facts = new FileFacts(root.getFileSystem());
        this.details = details;
        this.warnings = warnings;
        this.progress = progress;
    }

    /** A folder being walked: its item (not yet given while it waits for selected content) and what is left. */
    private static final class Frame {
        final String path;
        final Path relative;
        final WorkloadItem item;
        final boolean selected;
        final Iterator<Path> children;

        Frame(String path, Path relative, WorkloadItem item, boolean selected, List<Path> children) {
            this.path = path;
            this.relative = relative;
            this.item = item;
            this.selected = selected;
            this.children = children.iterator();
        }
    }

    /**
     * Gives every selected item to {@code sink}.
     *
     * @throws IOException when the root itself cannot be listed
     */
    void walk(Consumer<WorkloadItem> sink) throws IOException {
        List<Frame> stack = new ArrayList<>();
        stack.add(new Frame("", null, null, !selection.hasIncludes(), list(root)));
        int given = 1;
        while (!stack.isEmpty()) {
            Frame frame = stack.get(stack.size() - 1);
            if (!frame.children.hasNext()) {
                stack.remove(stack.size() - 1);
                given = Math.min(given, stack.size());
                continue;
            }
            progress.checkCanceled();
            Path child = frame.children.next();
            String name = child.getFileName().toString();
            String path = frame.path.isEmpty() ? name : frame.path + '/' + name;
            Path relative = frame.relative == null ? child.getFileName() : frame.relative.resolve(name);
            if (selection.excluded(relative)) {
                continue;
            }
            WorkloadItem item = describe(child, path);
            if (item == null) {
                continue;
            }
            boolean selected = frame.selected || selection.included(relative);
            if (item.type() == WorkloadItem.Type.DIRECTORY) {
                List<Path> children;
                try {
                    children = list(child);
                } catch (IOException e) {
                    warnings.accept(skipped(child, e));
                    continue;
                }
                progress.subTask(path);
                stack.add(new Frame(path, relative, item, selected, children));
                if (selected) {
                    given = giveWaitingFolders(stack, given, sink);
                }
            } else if (selected) {
                if (item.type() == WorkloadItem.Type.FILE && !Files.isReadable(child)) {
                    warnings.accept("skipped " + child + ": permission denied");
                    continue;
                }
                given = giveWaitingFolders(stack, given, sink);
                sink.accept(item);
            }
        }
    }

    private WorkloadItem describe(Path child, String path) {
        try {
            WorkloadItem item = facts.describe(child, path, details);
            if (item == null) {
                warnings.accept("skipped " + child + ": not a file, folder or symbolic link "
                        + "(a device, pipe, socket or junction)");
            }
            return item;
        } catch (IOException e) {
            warnings.accept(skipped(child, e));
            return null;
        }
    }

    /** Gives the folders on the stack that wait for selected content, outermost first. */
    private static int giveWaitingFolders(List<Frame> stack, int given, Consumer<WorkloadItem> sink) {
        for (int i = given; i < stack.size(); i++) {
            sink.accept(stack.get(i).item);
        }
        return stack.size();
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                children.add(p);
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        children.sort(BY_NAME);
        return children;
    }

    /** The warning line for an entry that could not be read. */
    static String skipped(Path file, IOException e) {
        return "skipped " + file + ": " + reason(e);
    }

    /** Why an entry could not be read, in a few words. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "it vanished while its folder was read";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Compares two names by code point, the order of their UTF-8 bytes (unlike {@link String#compareTo}). */
    static int compareCodePoints(String a, String b) {
        return WorkloadItem.compareListingOrder(a, b);
    }
}
