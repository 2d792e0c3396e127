package org.seedbench.diskprep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.seedbench.core.support.manifest.BlockCheck;
import org.seedbench.core.support.manifest.DriveManifest;
import org.seedbench.core.support.manifest.DriveManifest.Blob;
import org.seedbench.core.support.manifest.DriveManifest.Block;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.Progress;

/**
 * Re-reads a prepared drive and checks it against its manifest: the manifest's MD5 against the one recorded
 * when the drive was prepared, every blob's length, and every block's MD5 (with {@link BlockCheck}, as the
 * datacenter checks it). A damaged block is named by its blob and block number, as the datacenter's verbose log
 * would name it.
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
        DriveManifest.Contents manifest = DriveManifest.read(volume, DriveManifest.FILE_NAME);
        if (manifestHash != null && !manifestHash.equalsIgnoreCase(manifest.md5())) {
            problems.add("the manifest's MD5 is " + manifest.md5() + ", not the " + manifestHash
                    + " recorded for the drive");
        }
        if (!manifest.driveId().equals(serial)) {
            problems.add("the manifest is for drive '" + manifest.driveId() + "', not " + serial);
        }
        List<Blob> blobs = manifest.blobs();
        long total = blobs.stream().mapToLong(Blob::length).sum();
        progress.begin("Verifying drive " + serial, total);
        long blocks = 0;
        BlockCheck.Listener listener = new BlockCheck.Listener() {
            @Override
            public void blobProblem(Blob blob, String problem) {
                problems.add("blob " + blob.blobPath() + ": " + problem);
            }

            @Override
            public void block(Blob blob, int index, Block block, String problem) {
                if (problem != null) {
                    problems.add("blob " + blob.blobPath() + " block " + index + " (offset " + block.offset() + "): "
                            + problem);
                }
                progress.worked(block.length());
            }
        };
        for (Blob blob : blobs) {
            progress.checkCanceled();
            progress.subTask(blob.volumePath());
            blocks += blob.blocks().size();
            BlockCheck.check(volume, blob, listener);
        }
        return new Report(serial, blobs.size(), blocks, total, List.copyOf(problems));
    }
}
