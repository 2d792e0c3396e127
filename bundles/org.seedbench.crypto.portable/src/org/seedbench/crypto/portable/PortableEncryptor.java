package org.seedbench.crypto.portable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.service.component.annotations.Component;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.RecoveryPasswords;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.support.volume.FolderVolume;
import org.seedbench.core.support.files.DurableFiles;

/**
 * The {@code portable} encryptor: runs on any computer. Every file on the drive is encrypted with AES-256-GCM
 * in 64 KiB segments under a key derived from a BitLocker-style recovery password, so that the datacenter
 * side unlocks the drive with that password alone (FORMAT.md describes the bytes on the drive).
 *
 * <p>{@link #prepare} "formats" the drive by emptying its mount point (the file system's own {@code lost+found},
 * {@code System Volume Information} and {@code $RECYCLE.BIN} are left), then writes the volume header
 * {@value VolumeHeader#FILE_NAME}. A mount point that holds this computer's system, home or working folder is
 * refused.
 */
@Component(service = DiskEncryptor.class)
public class PortableEncryptor implements DiskEncryptor {
    public static final String ID = "portable";

    private final SecureRandom random = new SecureRandom();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Portable AES-256-GCM (any computer)";
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public KeyProtector prepare(DriveTarget drive, Progress progress) throws IOException {
        return prepare(drive, null, progress);
    }

    @Override
    public KeyProtector prepare(DriveTarget drive, String jobName, Progress progress) throws IOException {
        Path mount = mountPoint(drive);
        refuseSystemFolders(drive, mount);
        SegmentCipher.warmUpInBackground();
        progress.begin("Preparing drive " + drive.serial() + " (portable encryption)", 3, Progress.Unit.ITEMS);
        progress.subTask("Emptying " + mount);
        erase(mount);
        progress.worked(1);
        progress.checkCanceled();

        progress.subTask("Deriving the volume key");
        Secret password = RecoveryPasswords.generate(random);
        byte[] salt = new byte[PortableFormat.SALT_LENGTH];
        random.nextBytes(salt);
        byte[] volumeKey = volumeKey(drive, password, salt, VolumeHeader.DEFAULT_ITERATIONS);
        String id = HexFormat.of().withUpperCase().formatHex(randomBytes(4));
        VolumeHeader header;
        try {
            header = new VolumeHeader(id, VolumeHeader.DEFAULT_ITERATIONS, salt, PortableFormat.keyCheck(volumeKey),
                    jobName);
        } catch (GeneralSecurityException e) {
            throw new IOException("HMAC-SHA256 is not available in this Java runtime: " + e.getMessage(), e);
        } finally {
            Arrays.fill(volumeKey, (byte) 0);
        }
        progress.worked(1);

        progress.subTask("Writing the volume header");
        writeAtomically(mount.resolve(VolumeHeader.FILE_NAME), header.toJson());
        progress.worked(1);
        return new KeyProtector(id, password);
    }

    @Override
    public boolean isPrepared(DriveTarget drive) throws IOException {
        try {
            readHeader(drive);
            return true;
        } catch (NoSuchFileException | DamagedHeader e) {
            return false;
        }
    }

    /**
     * The job the header names and the folders at the drive's root (file and folder names are not encrypted:
     * each top folder is a job's), read without the key; empty when the drive holds no portable volume.
     */
    @Override
    public Set<String> seedsOn(DriveTarget drive) throws IOException {
        VolumeHeader header;
        try {
            header = readHeader(drive);
        } catch (NoSuchFileException e) {
            return Set.of();
        } catch (DamagedHeader e) {
            header = null;
        }
        Set<String> jobs = new TreeSet<>(FolderVolume.seedFolders(drive.mountPoint()));
        if (header != null && header.job() != null) {
            jobs.add(header.job());
        }
        return jobs;
    }

    @Override
    public Volume unlock(DriveTarget drive, KeyProtector key) throws IOException, WrongKeyException {
        SegmentCipher.warmUpInBackground();
        char[] password = key.recoveryPassword().reveal();
        try {
            List<Problem> problems = RecoveryPasswords.check(password);
            if (!problems.isEmpty()) {
                throw new WrongKeyException(drive.serial(), problems.get(0).problem());
            }
            VolumeHeader header;
            try {
                header = readHeader(drive);
            } catch (NoSuchFileException e) {
                throw new IOException("drive " + drive.serial() + " holds no portable volume (no "
                        + VolumeHeader.FILE_NAME + " at " + drive.mountPoint() + "); prepare it first", e);
            }
            byte[] volumeKey = volumeKey(drive, key.recoveryPassword(), header.salt(), header.iterations());
            boolean right;
            try {
                right = MessageDigest.isEqual(PortableFormat.keyCheck(volumeKey), header.keyCheck());
            } catch (GeneralSecurityException e) {
                Arrays.fill(volumeKey, (byte) 0);
                throw new IOException("HMAC-SHA256 is not available in this Java runtime: " + e.getMessage(), e);
            }
            if (!right) {
                Arrays.fill(volumeKey, (byte) 0);
                throw new WrongKeyException(drive.serial());
            }
            return new PortableVolume(drive, volumeKey, random);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static Path mountPoint(DriveTarget drive) throws IOException {
        Path mount = drive.mountPoint();
        if (!Files.isDirectory(mount)) {
            throw new IOException("drive " + drive.serial() + " is not mounted: " + mount + " is not a folder");
        }
        return mount.toRealPath();
    }

    /** Formatting empties the mount point: never one that holds this computer's system, home or working folder. */
    static void refuseSystemFolders(DriveTarget drive, Path mount) throws IOException {
        for (String property : new String[] {"java.home", "user.home", "user.dir"}) {
            String value = System.getProperty(property);
            if (value == null) {
                continue;
            }
            Path folder = Path.of(value);
            Path real = Files.exists(folder) ? folder.toRealPath() : folder.toAbsolutePath();
            if (real.startsWith(mount)) {
                throw new IOException("refusing to prepare drive " + drive.serial() + ": its mount point " + mount
                        + " holds " + real + " (" + property + "); give the folder where the drive is mounted");
            }
        }
    }

    /** Deletes everything under {@code mount}, except the file system's own folders at its root. */
    private static void erase(Path mount) throws IOException {
        Files.walkFileTree(mount, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (mount.equals(dir.getParent()) && FolderVolume.isFileSystemFolder(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                if (!dir.equals(mount)) {
                    Files.delete(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        DurableFiles.write(target, text.getBytes(StandardCharsets.UTF_8), false);
    }

    private static VolumeHeader readHeader(DriveTarget drive) throws IOException {
        Path file = drive.mountPoint().resolve(VolumeHeader.FILE_NAME);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return VolumeHeader.parse(text);
        } catch (IllegalArgumentException e) {
            throw new DamagedHeader("drive " + drive.serial() + ": its " + VolumeHeader.FILE_NAME
                    + " is damaged or from another version (" + e.getMessage() + "); prepare the drive again");
        }
    }

    private static byte[] volumeKey(DriveTarget drive, Secret password, byte[] salt, int iterations)
            throws IOException {
        char[] text = password.reveal();
        byte[] passwordKey = null;
        try {
            passwordKey = RecoveryPasswords.toKey(text);
            return PortableFormat.volumeKey(passwordKey, salt, iterations);
        } catch (InvalidInputException e) {
            throw new IOException("drive " + drive.serial() + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IOException("PBKDF2-HMAC-SHA256 is not available in this Java runtime: " + e.getMessage(), e);
        } finally {
            Arrays.fill(text, '\0');
            if (passwordKey != null) {
                Arrays.fill(passwordKey, (byte) 0);
            }
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The volume header exists but cannot be read. */
    private static final class DamagedHeader extends IOException {
        private static final long serialVersionUID = 1L;

        DamagedHeader(String message) {
            super(message);
        }
    }
}
