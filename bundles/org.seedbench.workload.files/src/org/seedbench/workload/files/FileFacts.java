package org.seedbench.workload.files;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.seedbench.core.spi.WorkloadItem;

/**
 * Reads what a workload item keeps of a file, a folder or a link, never following links: type, size,
 * modification time and, where asked for, the attributes of the platform (POSIX permissions, owner and
 * group; DOS attributes on Windows), the link's target, and what tells a rerun the file is unchanged: the
 * status change time and inode from the "unix" view in the same stat, or the file key where that view is
 * absent.
 */
final class FileFacts {
    static final String PERMISSIONS = "posix.permissions";
    static final String OWNER = "owner";
    static final String GROUP = "group";
    static final String DOS_READONLY = "dos.readonly";
    static final String DOS_HIDDEN = "dos.hidden";
    static final String DOS_SYSTEM = "dos.system";
    static final String DOS_ARCHIVE = "dos.archive";

    /** The attributes asked of the "unix" view (Linux, macOS): the POSIX ones, the inode and ctime. */
    private static final String UNIX_ATTRIBUTES = "unix:size,lastModifiedTime,lastAccessTime,creationTime,"
            + "isRegularFile,isDirectory,isSymbolicLink,isOther,permissions,owner,group,ino,ctime";

    private final boolean unix;
    private final boolean posix;
    private final boolean dos;

    FileFacts(FileSystem fs) {
        Set<String> views = fs.supportedFileAttributeViews();
        unix = views.contains("unix");
        posix = views.contains("posix");
        dos = !posix && views.contains("dos");
    }

    /**
     * The item for {@code file}, or {@code null} when it is neither a file, a folder nor a symbolic link (a
     * device, a pipe, a socket, a Windows junction).
     *
     * @param details whether to read the attributes, the link target, the status change time and the file id (an
     *                estimate needs none of them)
     */
    WorkloadItem describe(Path file, String relativePath, boolean details) throws IOException {
        Map<String, String> attributes = new HashMap<>();
        BasicFileAttributes basic;
        Instant changed = null;
        String fileId = null;
        if (details && unix) {
            // one stat gives what POSIX attributes give, with the inode and ctime of restic's rule
            Map<String, Object> a = Files.readAttributes(file, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            @SuppressWarnings("unchecked")
            Set<PosixFilePermission> permissions = (Set<PosixFilePermission>) a.get("permissions");
            attributes.put(PERMISSIONS, PosixFilePermissions.toString(permissions));
            attributes.put(OWNER, ((UserPrincipal) a.get("owner")).getName());
            attributes.put(GROUP, ((UserPrincipal) a.get("group")).getName());
            changed = ((FileTime) a.get("ctime")).toInstant();
            fileId = a.get("ino").toString();
            basic = new UnixAttributes(a);
        } else if (details && posix) {
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            attributes.put(PERMISSIONS, PosixFilePermissions.toString(a.permissions()));
            attributes.put(OWNER, a.owner().getName());
            attributes.put(GROUP, a.group().getName());
            basic = a;
            fileId = fileId(a);
        } else if (details && dos) {
            DosFileAttributes a = Files.readAttributes(file, DosFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            attributes.put(DOS_READONLY, Boolean.toString(a.isReadOnly()));
            attributes.put(DOS_HIDDEN, Boolean.toString(a.isHidden()));
            attributes.put(DOS_SYSTEM, Boolean.toString(a.isSystem()));
            attributes.put(DOS_ARCHIVE, Boolean.toString(a.isArchive()));
            basic = a;
            fileId = fileId(a);
        } else {
            basic = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            fileId = details ? fileId(basic) : null;
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
                linkTarget, changed, fileId);
    }

    /** Where the "unix" view is absent: the file system's key of the file (Windows gives none). */
    private static String fileId(BasicFileAttributes a) {
        Object key = a.fileKey();
        return key == null ? null : key.toString();
    }

    /** The basic attributes out of the "unix" view's map. */
    private static final class UnixAttributes implements BasicFileAttributes {
        private final Map<String, Object> a;

        UnixAttributes(Map<String, Object> a) {
            this.a = a;
        }

        @Override
        public FileTime lastModifiedTime() {
            return (FileTime) a.get("lastModifiedTime");
        }

        @Override
        public FileTime lastAccessTime() {
            return (FileTime) a.get("lastAccessTime");
        }

        @Override
        public FileTime creationTime() {
            return (FileTime) a.get("creationTime");
        }

        @Override
        public boolean isRegularFile() {
            return (Boolean) a.get("isRegularFile");
        }

        @Override
        public boolean isDirectory() {
            return (Boolean) a.get("isDirectory");
        }

        @Override
        public boolean isSymbolicLink() {
            return (Boolean) a.get("isSymbolicLink");
        }

        @Override
        public boolean isOther() {
            return (Boolean) a.get("isOther");
        }

        @Override
        public long size() {
            return (Long) a.get("size");
        }

        @Override
        public Object fileKey() {
            return a.get("ino");
        }
    }
}
