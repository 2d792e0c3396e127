package org.seedbench.cloud.local.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.seedbench.cloud.local.internal.Datacenter.Storage;
import org.seedbench.cloud.local.internal.JobRecord.DriveRecord;
import org.seedbench.core.support.manifest.BlockCheck;
import org.seedbench.core.support.manifest.DriveManifest;
import org.seedbench.core.support.manifest.DriveManifest.Blob;
import org.seedbench.core.support.manifest.DriveManifest.Block;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.DiskEncryptor.WrongKeyException;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.KeyProtector;

/**
 * What the datacenter does with one received drive: unlock it with its key protector, check that the manifest is
 * this drive's (its DriveId is the serial of the drive read) and that its MD5 is the one the job was created with,
 * then read every blob of the manifest, checking each 4 MiB block, and write the good blobs into the storage
 * account; a blob with a bad block (or a missing or short file) is not written. Writes the drive's error and
 * verbose logs into {@code waimportexport}, with the status codes of {@link DriveLog}.
 */
final class DriveImport {
    static final String LOG_CONTAINER = "waimportexport";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Saves the job so that watchers see the drive's progress. */
    interface Saver {
        void save() throws IOException;
    }

    private final JobRecord job;
    private final DriveRecord drive;
    private final List<DiskEncryptor> encryptors;
    private final Storage storage;
    private final Saver saver;
    private final DriveLog log;
    /** Bytes copied since the job was last saved. */
    private long unsaved;

    DriveImport(JobRecord job, DriveRecord drive, List<DiskEncryptor> encryptors, Storage storage, Saver saver) {
        this.job = job;
        this.drive = drive;
        this.encryptors = encryptors;
        this.storage = storage;
        this.saver = saver;
        this.log = new DriveLog(drive.driveId);
    }

    /** The drive as this computer sees it; null when the job did not say where it is attached. */
    static DriveTarget target(DriveRecord d) {
        if (d.attachedMountPoint == null && d.attachedDevice == null) {
            return null;
        }
        return new DriveTarget(d.attachedSerial == null ? d.driveId : d.attachedSerial, d.attachedDevice,
                d.attachedMountPoint == null ? null : Path.of(d.attachedMountPoint), d.attachedCapacity);
    }

    /** Whether the drive "arrived": it is attached where the job says. */
    static boolean arrived(DriveRecord d) {
        DriveTarget t = target(d);
        if (t == null) {
            return false;
        }
        Path where = t.mountPoint() != null ? t.mountPoint() : Path.of(t.device());
        return Files.exists(where);
    }

    /** Imports the drive and writes its logs; the drive ends Completed or CompletedMoreInfo. */
    void run(Instant now) throws IOException {
        drive.state = DriveState.TRANSFERRING.label();
        drive.bytesCopied = 0;
        saver.save();
        DriveTarget target = target(drive);
        Optional<DiskEncryptor> encryptor = encryptor(target);
        if (encryptor.isEmpty()) {
            finish(DriveLog.BITLOCKER_VOLUME_NOT_FOUND, now);
            return;
        }
        Volume volume;
        try (Secret password = Secret.of(drive.recoveryPassword)) {
            volume = encryptor.get().unlock(target, new KeyProtector(drive.keyProtectorId, password));
        } catch (WrongKeyException e) {
            finish(DriveLog.BITLOCKER_KEY_INVALID, now);
            return;
        } catch (IOException e) {
            // the volume cannot be opened at all (a damaged header): as if it held no encrypted volume
            finish(DriveLog.BITLOCKER_VOLUME_NOT_FOUND, now);
            return;
        }
        try (volume) {
            importVolume(volume, target.serial());
        }
        finish(log.status(), now);
    }

    private Optional<DiskEncryptor> encryptor(DriveTarget target) throws IOException {
        for (DiskEncryptor e : encryptors) {
            if (e.id().equals(drive.encryptor) && e.isPrepared(target)) {
                return Optional.of(e);
            }
        }
        for (DiskEncryptor e : encryptors) {
            if (e.isPrepared(target)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** @param serial the serial of the drive read */
    private void importVolume(Volume volume, String serial) throws IOException {
        DriveManifest.Contents manifest;
        try {
            manifest = DriveManifest.read(volume, drive.manifestFile);
        } catch (NoSuchFileException e) {
            log.status(DriveLog.MANIFEST_NOT_FOUND);
            return;
        } catch (IOException e) {
            log.status(DriveLog.MANIFEST_CORRUPTED);
            return;
        }
        if (!manifest.driveId().strip().equals(serial)) {
            // another drive's manifest (drives swapped between jobs, a manifest copied across): nothing is imported
            log.status(DriveLog.MANIFEST_DRIVE_ID_MISMATCH);
            return;
        }
        if (!manifest.md5().equalsIgnoreCase(drive.manifestHash) || !wellFormed(manifest)) {
            log.status(DriveLog.MANIFEST_CORRUPTED);
            return;
        }
        drive.totalBytes = manifest.blobs().stream().mapToLong(Blob::length).sum();
        saver.save();
        boolean clean = true;
        for (Blob blob : manifest.blobs()) {
            clean &= importBlob(volume, blob);
            saver.save();
        }
        log.status(clean ? DriveLog.COMPLETED : DriveLog.COMPLETED_WITH_ERRORS);
    }

    /**
     * Whether the manifest describes what the service can import, before any blob is written: each blob's path
     * names a container and a valid blob, each file path stays on the drive (relative, no '.' or '..' part), and the
     * blocks cover the file from its start, one after another, each at most 4 MiB with an MD5. A manifest that
     * does not is corrupted, whatever MD5 the job was created with.
     */
    static boolean wellFormed(DriveManifest.Contents manifest) {
        for (Blob blob : manifest.blobs()) {
            String path = blob.blobPath().replace('\\', '/');
            int slash = path.indexOf('/');
            if (slash <= 0 || !BlobNames.isValid(path.substring(slash + 1)) || !onDrive(blob.filePath())
                    || blob.length() < 0) {
                return false;
            }
            long next = 0;
            for (Block block : blob.blocks()) {
                if (block.offset() != next || block.length() <= 0 || block.length() > DriveManifest.BLOCK_SIZE
                        || block.id() == null || block.hash() == null || !block.hash().matches("[0-9a-fA-F]{32}")) {
                    return false;
                }
                next += block.length();
            }
            if (next != blob.length()) {
                return false;
            }
        }
        return true;
    }

    /** Whether a manifest's file path names a file on the drive: relative, without empty, '.' or '..' parts. */
    private static boolean onDrive(String filePath) {
        String path = filePath.replace('\\', '/');
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.isEmpty() || path.matches("^[A-Za-z]:.*")) {
            return false;
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Writes one blob when every block of it checks; whether it did. */
    private boolean importBlob(Volume volume, Blob blob) throws IOException {
        log.blob(blob);
        String path = blob.blobPath().replace('\\', '/');
        int slash = path.indexOf('/');
        if (slash <= 0 || !BlobNames.isValid(path.substring(slash + 1))) {
            log.blobFailed("BlobPathInvalid");
            return false;
        }
        ObjectStore container = storage.container(job.storageAccount, path.substring(0, slash));
        BlockCheck.Listener listener = new BlockCheck.Listener() {
            @Override
            public void blobProblem(Blob b, String problem) {
                log.blobFailed(problem.startsWith("file ") && problem.endsWith(" is missing")
                        ? DriveLog.FILE_NOT_FOUND : DriveLog.COMPLETED_WITH_ERRORS);
            }

            @Override
            public void block(Blob b, int index, Block block, String problem) throws IOException {
                log.block(index, problem == null);
                if (problem == null) {
                    progress(block.length());
                }
            }
        };
        try (BlockCheck in = BlockCheck.open(volume, blob, listener)) {
            container.put(path.substring(slash + 1), in, blob.length());
            return true;
        } catch (BlockCheck.BadBlobException e) {
            return false;
        }
    }

    private void progress(long bytes) throws IOException {
        drive.bytesCopied += bytes;
        job.bytesCopied += bytes;
        unsaved += bytes;
        if (unsaved >= 64L << 20) {
            unsaved = 0;
            saver.save();
        }
    }

    private void finish(String status, Instant now) throws IOException {
        log.status(status);
        drive.logStatus = status;
        drive.state = (DriveLog.COMPLETED.equals(status) ? DriveState.COMPLETED : DriveState.COMPLETED_MORE_INFO)
                .label();
        ObjectStore logs = storage.container(job.storageAccount, LOG_CONTAINER);
        String base = job.name + "_" + drive.driveId.replaceAll("[^A-Za-z0-9-]", "_") + "_" + STAMP.format(now);
        drive.verboseLogUri = writeLog(logs, base + "_verbose.xml", log.xml(false));
        drive.errorLogUri = log.hasErrors() ? writeLog(logs, base + "_error.xml", log.xml(true)) : null;
        saver.save();
    }

    private String writeLog(ObjectStore logs, String name, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        logs.put(name, new ByteArrayInputStream(bytes), bytes.length);
        return "local://" + job.storageAccount + "/" + LOG_CONTAINER + "/" + name;
    }
}
