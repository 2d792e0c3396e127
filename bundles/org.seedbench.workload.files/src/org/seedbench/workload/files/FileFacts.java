package org.seedbench.workload.files;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.seedbench.core.spi.WorkloadItem;

/**
 * Reads what a workload item keeps of a file, a folder or a link, never following links: type, size,
 * modification time and, where asked for, the attributes of the platform (POSIX permissions, owner and
 * group; DOS attributes on Windows) and the link's target.
 */
final class FileFacts {
    static final String PERMISSIONS = "posix.permissions";
    static final String OWNER = "owner";
    static final String GROUP = "group";
    static final String DOS_READONLY = "dos.readonly";
    static final String DOS_HIDDEN = "dos.hidden";
    static final String DOS_SYSTEM = "dos.system";
    static final String DOS_ARCHIVE = "dos.archive";

    private final boolean posix;
    private final boolean dos;

    FileFacts(FileSystem fs) {
        Set<String> views = fs.supportedFileAttributeViews();
        posix = views.contains("posix");
        dos = !posix && views.contains("dos");
    }

    /**
     * The item for {@code file}, or {@code null} when it is neither a file, a folder nor a symbolic link (a
     * device, a pipe, a socket, a Windows junction).
     *
     * @param details whether to read the attributes and the link target (an estimate needs neither)
     */
    WorkloadItem describe(Path file, String relativePath, boolean details) throws IOException {
        Map<String, String> attributes = new HashMap<>();
        BasicFileAttributes basic;
        if (details && posix) {
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            attributes.put(PERMISSIONS, PosixFilePermissions.toString(a.permissions()));
            attributes.put(OWNER, a.owner().getName());
            attributes.put(GROUP, a.group().getName());
            basic = a;
        } else if (details && dos) {
            DosFileAttributes a = Files.readAttributes(file, DosFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            attributes.put(DOS_READONLY, Boolean.toString(a.isReadOnly()));
            attributes.put(DOS_HIDDEN, Boolean.toString(a.isHidden()));
            attributes.put(DOS_SYSTEM, Boolean.toString(a.isSystem()));
            attributes.put(DOS_ARCHIVE, Boolean.toString(a.isArchive()));
            basic = a;
        } else {
            basic = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        WorkloadItem.Type type;
        long size = 0;
        String linkTarget = null;
        if (basic.isSymbolicLink()) {
            type = WorkloadItem.Type.SYMLINK;
            linkTarget = details ? Files.readSymbolicLink(file).toString() : null;
        } else if (basic.isOther()) {
            return null;
        } else if (basic.isDirectory()) {
            type = WorkloadItem.Type.DIRECTORY;
        } else if (basic.isRegularFile()) {
            type = WorkloadItem.Type.FILE;
            size = basic.size();
        } else {
            return null;
        }
        return new WorkloadItem(relativePath, type, size, basic.lastModifiedTime().toInstant(), attributes,
                linkTarget);
    }
}
