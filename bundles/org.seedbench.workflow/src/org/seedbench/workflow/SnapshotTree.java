package org.seedbench.workflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.seedbench.backup.SnapshotEntry;
import org.seedbench.core.spi.WorkloadItem;

/**
 * A snapshot's tree as a browser shows it, from the engine's listing ({@link RepositoryService#tree}): the items of
 * a folder, a folder's total size, the items whose name holds a text, and the DPM/MABS datasources. A folder the
 * listing holds no item of (its content only) is shown as a folder all the same.
 */
public final class SnapshotTree {
    /**
     * The attribute a DPM or MABS workload source puts on a datasource's folder ({@code COMPUTER/NAME}), whose value
     * is the datasource's name.
     */
    public static final String DATASOURCE_ATTRIBUTE = "datasource.name";

    private static final Comparator<SnapshotEntry> FOLDERS_FIRST = Comparator
            .comparing((SnapshotEntry e) -> e.type() != WorkloadItem.Type.DIRECTORY)
            .thenComparing(e -> e.name().toLowerCase(Locale.ROOT)).thenComparing(SnapshotEntry::name);

    private final Map<String, SnapshotEntry> byPath = new LinkedHashMap<>();
    private final Map<String, List<SnapshotEntry>> children = new HashMap<>();
    private final Map<String, Long> sizes = new HashMap<>();

    public SnapshotTree(List<SnapshotEntry> entries) {
        for (SnapshotEntry e : entries) {
            add(e);
        }
        children.values().forEach(list -> list.sort(FOLDERS_FIRST));
    }

    private void add(SnapshotEntry e) {
        if (byPath.containsKey(e.path())) {
            return;
        }
        if (!e.parent().isEmpty() && !byPath.containsKey(e.parent())) {
            add(new SnapshotEntry(e.parent(), WorkloadItem.Type.DIRECTORY, 0, null, Map.of()));
        }
        byPath.put(e.path(), e);
        children.computeIfAbsent(e.parent(), p -> new ArrayList<>()).add(e);
        if (e.type() == WorkloadItem.Type.FILE) {
            for (String p = e.path(); !p.isEmpty(); p = parentOf(p)) {
                sizes.merge(p, e.size(), Long::sum);
            }
            sizes.merge("", e.size(), Long::sum);
        }
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The items of a folder ({@code ""}: the top of the snapshot), folders first, then by name. */
    public List<SnapshotEntry> children(String folder) {
        return List.copyOf(children.getOrDefault(folder, List.of()));
    }

    public Optional<SnapshotEntry> entry(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** A file's size, or the bytes of all files in a folder ({@code ""}: the whole snapshot). */
    public long size(String path) {
        return sizes.getOrDefault(path, 0L);
    }

    /** Every item in the snapshot. */
    public int count() {
        return byPath.size();
    }

    /** The items whose name holds {@code text}, ignoring case, in the snapshot's order; at most {@code limit}. */
    public List<SnapshotEntry> find(String text, int limit) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        List<SnapshotEntry> found = new ArrayList<>();
        if (wanted.isEmpty()) {
            return found;
        }
        for (SnapshotEntry e : byPath.values()) {
            if (e.name().toLowerCase(Locale.ROOT).contains(wanted)) {
                found.add(e);
                if (found.size() == limit) {
                    break;
                }
            }
        }
        return found;
    }

    /** The name of the DPM/MABS datasource whose folder the item is, if it is one. */
    public static Optional<String> datasource(SnapshotEntry e) {
        return e.type() == WorkloadItem.Type.DIRECTORY ? Optional.ofNullable(e.attributes().get(DATASOURCE_ATTRIBUTE))
                : Optional.empty();
    }
}
