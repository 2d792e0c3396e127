package org.seedbench.diskprep;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.Progress;

/**
 * Re-reads a prepared drive and checks it against its manifest: the manifest's MD5 against the one recorded
 * when the drive was prepared, every blob's length, and every block's MD5. A damaged block is named by its
 * blob and block number, as the datacenter's verbose log would name it.
 */
public final class DriveVerifier {

    /** The outcome of verifying one drive. */
    public record Report(String serial, int blobs, long blocks, long bytes, List<String> problems) {
        public boolean clean() {
            return problems.isEmpty();
        }
    }

    private DriveVerifier() {
    }

    /**
     * @param manifestHash the manifest's MD5 recorded when the drive was prepared; null to skip that check
     */
    public static Report verify(String serial, Volume volume, String manifestHash, Progress progress)
            throws IOException {
        List<String> problems = new ArrayList<>();
        if (!volume.exists(DriveManifest.FILE_NAME)) {
            return new Report(serial, 0, 0, 0, List.of("drive " + serial + " has no " + DriveManifest.FILE_NAME
                    + ": its preparation did not finish"));
        }
        MessageDigest manifestMd5 = DriveCopier.md5();
        StringBuilder driveId = new StringBuilder();
        List<DriveManifest.Blob> blobs;
        try (InputStream in = new DigestInputStream(volume.open(DriveManifest.FILE_NAME), manifestMd5)) {
            blobs = DriveManifest.read(in, driveId);
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String actual = HexFormat.of().withUpperCase().formatHex(manifestMd5.digest());
        if (manifestHash != null && !manifestHash.equalsIgnoreCase(actual)) {
            problems.add("the manifest's MD5 is " + actual + ", not the " + manifestHash + " recorded for the drive");
        }
        if (!driveId.toString().equals(serial)) {
            problems.add("the manifest is for drive '" + driveId + "', not " + serial);
        }
        long total = blobs.stream().mapToLong(DriveManifest.Blob::length).sum();
        progress.begin("Verifying drive " + serial, total);
        long blocks = 0;
        byte[] buf = new byte[DriveManifest.BLOCK_SIZE];
        for (DriveManifest.Blob blob : blobs) {
            progress.checkCanceled();
            progress.subTask(blob.filePath());
            blocks += blob.blocks().size();
            if (!volume.exists(blob.filePath())) {
                problems.add("blob " + blob.blobPath() + ": file " + blob.filePath() + " is missing");
                continue;
            }
            if (volume.size(blob.filePath()) != blob.length()) {
                problems.add("blob " + blob.blobPath() + ": " + volume.size(blob.filePath()) + " bytes, the manifest "
                        + "says " + blob.length());
            }
            try (InputStream in = volume.open(blob.filePath())) {
                for (int b = 0; b < blob.blocks().size(); b++) {
                    DriveManifest.Block block = blob.blocks().get(b);
                    String where = "blob " + blob.blobPath() + " block " + b + " (offset " + block.offset() + ")";
                    int n;
                    try {
                        n = in.readNBytes(buf, 0, block.length());
                    } catch (IOException e) {
                        problems.add(where + ": cannot be read: " + e.getMessage());
                        break;
                    }
                    if (n != block.length()) {
                        problems.add(where + ": the file ends early");
                        break;
                    }
                    String md5 = DriveManifest.hex(DriveCopier.md5(buf, n));
                    if (!md5.equalsIgnoreCase(block.hash())) {
                        problems.add(where + ": MD5 " + md5 + " does not match the manifest's " + block.hash());
                    }
                    progress.worked(n);
                }
            }
        }
        return new Report(serial, blobs.size(), blocks, total, List.copyOf(problems));
    }
}
