package org.seedbench.cloud.local.internal;

import java.util.ArrayList;
import java.util.List;

import org.seedbench.core.support.manifest.DriveManifest;
import org.seedbench.core.support.manifest.DriveManifest.Blob;
import org.seedbench.core.support.manifest.DriveManifest.Block;

/**
 * A drive's log in the Import/Export service's {@code DriveLog} shape (its documented log file format, version
 * 2014-11-01): the drive id, each blob with its status, path, file, length and block list (each block with its
 * status), and the drive's status last. The error log holds only what failed (the blobs that failed, with their
 * failed blocks); the verbose log everything. A block that was never read (the drive failed before it) is not
 * listed: the format has no status for it. The status codes are the documented ones:
 * <ul>
 * <li>drive: {@code Completed}, {@code CompletedWithErrors} (some blob failed), {@code BitLockerVolumeNotFound},
 * {@code BitLockerKeyInvalid}, {@code ManifestNotFound}, {@code ManifestCorrupted} (unreadable, malformed, or
 * not the manifest the job was created with), {@code ManifestDriveIdMismatch} (the manifest is another drive's);
 * <li>blob: {@code Completed}, {@code CompletedWithErrors} (a block of it is bad, or its file's length is not the
 * manifest's), {@code FileNotFound};
 * <li>block: {@code Completed}, {@code Corrupted} (its MD5 differs, or it cannot be read).
 * </ul>
 */
public final class DriveLog {
    public static final String VERSION = "2014-11-01";
    /** Drive statuses. */
    public static final String COMPLETED = "Completed";
    public static final String COMPLETED_WITH_ERRORS = "CompletedWithErrors";
    public static final String BITLOCKER_KEY_INVALID = "BitLockerKeyInvalid";
    public static final String BITLOCKER_VOLUME_NOT_FOUND = "BitLockerVolumeNotFound";
    public static final String MANIFEST_CORRUPTED = "ManifestCorrupted";
    public static final String MANIFEST_NOT_FOUND = "ManifestNotFound";
    public static final String MANIFEST_DRIVE_ID_MISMATCH = "ManifestDriveIdMismatch";
    /** Blob statuses (and {@link #COMPLETED}, {@link #COMPLETED_WITH_ERRORS}). */
    public static final String FILE_NOT_FOUND = "FileNotFound";
    /** Block statuses (and {@link #COMPLETED}). */
    public static final String CORRUPTED = "Corrupted";

    private final String driveId;
    private final List<BlobEntry> blobs = new ArrayList<>();
    private String status;

    /** One blob as the datacenter found it. */
    private record BlobEntry(Blob blob, List<String> blockStatus, String[] status) {
        boolean failed() {
            return !COMPLETED.equals(status[0]);
        }
    }

    public DriveLog(String driveId) {
        this.driveId = driveId;
    }

    /** Starts a blob; its blocks are {@link #block}ed in order. */
    public void blob(Blob blob) {
        blobs.add(new BlobEntry(blob, new ArrayList<>(), new String[] {COMPLETED}));
    }

    /** The current blob's block {@code index}: good or corrupted. */
    public void block(int index, boolean good) {
        BlobEntry e = current();
        while (e.blockStatus().size() <= index) {
            e.blockStatus().add(null);
        }
        e.blockStatus().set(index, good ? COMPLETED : CORRUPTED);
        if (!good && COMPLETED.equals(e.status()[0])) {
            e.status()[0] = COMPLETED_WITH_ERRORS;
        }
    }

    /** The current blob failed as a whole (its file is missing, its length differs). */
    public void blobFailed(String blobStatus) {
        current().status()[0] = blobStatus;
    }

    public void status(String driveStatus) {
        this.status = driveStatus;
    }

    public String status() {
        return status;
    }

    public boolean hasErrors() {
        return !COMPLETED.equals(status) || blobs.stream().anyMatch(BlobEntry::failed);
    }

    private BlobEntry current() {
        return blobs.get(blobs.size() - 1);
    }

    /** The log's XML; {@code errorsOnly} for the error log. */
    public String xml(boolean errorsOnly) {
        DriveManifest.XmlLines xml = new DriveManifest.XmlLines(0).declaration().open("DriveLog", "Version", VERSION)
                .element("DriveId", driveId);
        for (BlobEntry e : blobs) {
            if (!errorsOnly || e.failed()) {
                blob(xml, e, errorsOnly);
            }
        }
        return xml.element("Status", String.valueOf(status)).close().toString();
    }

    private static void blob(DriveManifest.XmlLines xml, BlobEntry e, boolean errorsOnly) {
        Blob blob = e.blob();
        xml.open("Blob", "Status", e.status()[0]).element("BlobPath", blob.blobPath())
                .element("FilePath", blob.filePath()).element("Length", Long.toString(blob.length())).open("BlockList");
        for (int i = 0; i < blob.blocks().size(); i++) {
            String s = i < e.blockStatus().size() ? e.blockStatus().get(i) : null;
            if (s == null || errorsOnly && COMPLETED.equals(s)) {
                continue;
            }
            Block k = blob.blocks().get(i);
            xml.empty("Block", "Offset", Long.toString(k.offset()), "Length", Integer.toString(k.length()), "Id",
                    String.valueOf(k.id()), "Hash", String.valueOf(k.hash()), "Status", s);
        }
        xml.close().close();
    }
}
