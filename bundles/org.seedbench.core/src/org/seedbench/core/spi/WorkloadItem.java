package org.seedbench.core.spi;

import java.time.Instant;
import java.util.Map;

/**
 * One item a workload yields: a file, a directory, a symbolic link or a stream (a database dump, a
 * datasource's replica file).
 *
 * @param path       the item's path inside the workload, '/'-separated, never starting with '/' and never
 *                   holding a '..' segment
 * @param size       bytes of content (0 for directories and links)
 * @param attributes metadata to keep: {@code posix.permissions} ({@code rwxr-x---}), {@code owner},
 *                   {@code group}, {@code dos.attributes}… as the source knows them
 * @param linkTarget the target of a symbolic link, else {@code null}
 */
public record WorkloadItem(String path, Type type, long size, Instant modified, Map<String, String> attributes,
        String linkTarget) {

    public enum Type {
        FILE, DIRECTORY, SYMLINK
    }

    public WorkloadItem {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
