package org.seedbench.workload.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * The inventory a source read last, kept while its file keeps its size and modification time, so that
 * opening each of a datasource's files does not parse the inventory again.
 */
final class InventoryCache {
    private Path file;
    private FileTime modified;
    private long size;
    private Inventory inventory;

    synchronized Inventory get(Path path, InventoryReader reader) throws InventoryException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return reader.read(path);
        }
        if (inventory == null || !path.equals(file) || !a.lastModifiedTime().equals(modified) || a.size() != size) {
            inventory = reader.read(path);
            file = path;
            modified = a.lastModifiedTime();
            size = a.size();
        }
        return inventory;
    }
}
