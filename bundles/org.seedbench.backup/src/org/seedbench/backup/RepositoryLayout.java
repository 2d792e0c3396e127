package org.seedbench.backup;

import java.util.List;

/**
 * The objects a repository is made of, by the folder they live in (FORMAT.md). A tool that copies a
 * repository (drive preparation, vault seeding) lists these objects and nothing else: whatever else lies in
 * the repository's folder is not part of the backup and is never copied.
 *
 * <p>The metadata (config, keys, index, snapshots and the packs of tree blobs) is small and every copy of the
 * seed holds all of it, so that a lost data pack costs exactly the files whose contents it holds; the data
 * packs are spread over the drives.
 *
 * @since 1.2
 */
public final class RepositoryLayout {

    public static final String CONFIG = "config";
    public static final String KEYS = "keys";
    public static final String INDEX = "index";
    public static final String SNAPSHOTS = "snapshots";
    /** Packs of data blobs (file contents), spread over the drives. */
    public static final String DATA_PACKS = "packs";
    /** Packs of tree blobs (directories and file metadata), kept apart from data so they go on every drive. */
    public static final String TREE_PACKS = "treepacks";

    /** The top-level names whose objects are metadata: on every drive. */
    public static final List<String> METADATA = List.of(CONFIG, KEYS, INDEX, SNAPSHOTS, TREE_PACKS);
    /** Every top-level name that holds repository objects. */
    public static final List<String> ALL = List.of(CONFIG, KEYS, INDEX, SNAPSHOTS, TREE_PACKS, DATA_PACKS);

    private RepositoryLayout() {
    }

    /** Whether a '/'-separated name relative to the repository names one of its objects (not a temp file). */
    public static boolean isObject(String name) {
        if (name.isEmpty() || name.startsWith("/")) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".")) {
                return false;
            }
        }
        String top = top(name);
        return top.equals(CONFIG) ? name.equals(CONFIG) : ALL.contains(top) && name.contains("/");
    }

    /**
     * Whether an object is named by the SHA-256 of its bytes, so that it can be checked without anything else:
     * packs, tree packs, index files, snapshots, and key files named by 64 hex digits (format version 2; a
     * version 1 key file has 32 random hex digits). The config is not.
     */
    public static boolean isNamedByHash(String name) {
        if (!isObject(name) || name.equals(CONFIG)) {
            return false;
        }
        String last = name.substring(name.lastIndexOf('/') + 1);
        return last.matches("[0-9a-f]{64}");
    }

    /** Whether an object is metadata, held by every drive (see {@link #METADATA}). */
    public static boolean isMetadata(String name) {
        return isObject(name) && METADATA.contains(top(name));
    }

    private static String top(String name) {
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }
}
