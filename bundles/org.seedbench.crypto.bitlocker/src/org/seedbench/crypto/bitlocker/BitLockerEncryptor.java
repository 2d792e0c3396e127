package org.seedbench.crypto.bitlocker;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.RecoveryPasswords;
import org.seedbench.core.spi.CommandRunner;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.support.volume.FolderVolume;

/**
 * The {@code bitlocker} encryptor: Windows' BitLocker, driven through {@code manage-bde}. The drive's device is
 * its letter ({@code E:}) and its mount point the letter's root ({@code E:\}).
 *
 * <p>{@link #prepare}: refuses a drive that is locked or already has BitLocker on (turning it off first is the
 * admin's call); quick-formats it as NTFS with PowerShell's {@code Format-Volume}; runs
 * {@code manage-bde -on E: -RecoveryPassword -UsedSpaceOnly}; reads the new recovery password and its protector
 * ID back with {@code manage-bde -protectors -get E: -Type RecoveryPassword}; then polls
 * {@code manage-bde -status E:} until the used space is encrypted, reporting the percentage. Cancelling stops
 * the wait, not Windows, which goes on encrypting.
 *
 * <p>{@link #unlock}: a locked drive is unlocked with {@code manage-bde -unlock E: -RecoveryPassword …} and
 * locked again when the volume closes; a drive that is already unlocked is checked against its recovery
 * password protectors, so a wrong password never opens it.
 *
 * <p>Registered only on Windows: the component is disabled until {@link WindowsOnly} enables it.
 */
@Component(service = DiskEncryptor.class, enabled = false)
public class BitLockerEncryptor implements DiskEncryptor {
    public static final String ID = "bitlocker";
    private static final Duration POLL = Duration.ofSeconds(2);

    private final ManageBde bde;
    private final Duration poll;

    /** The encryptor of this computer, running manage-bde through the command runner service. */
    @Activate
    public BitLockerEncryptor(@Reference CommandRunner runner) {
        this(runner, POLL);
    }

    /** An encryptor that runs manage-bde through {@code runner}, asking for the status every {@code poll}. */
    BitLockerEncryptor(CommandRunner runner, Duration poll) {
        this.bde = new ManageBde(runner);
        this.poll = poll;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "BitLocker (Windows, manage-bde)";
    }

    /** On Windows with manage-bde in System32. */
    @Override
    public boolean isAvailable() {
        String root = System.getenv("SystemRoot");
        return WindowsOnly.isWindows(System.getProperty("os.name")) && root != null
                && Files.isRegularFile(Path.of(root, "System32", "manage-bde.exe"));
    }

    @Override
    public KeyProtector prepare(DriveTarget drive, Progress progress) throws IOException {
        String volume = ManageBde.volume(drive);
        String name = "drive " + drive.serial() + " (" + volume + ")";
        progress.begin("Preparing " + name + " with BitLocker", 102, Progress.Unit.ITEMS);
        ManageBde.Status before = bde.status(drive);
        if (before.locked()) {
            throw new IOException(name + " is locked by BitLocker; unlock it, or wipe it (diskpart clean), then "
                    + "prepare it again");
        }
        if (before.bitLockerOn()) {
            throw new IOException(name + " already has BitLocker on (" + before.conversion() + "); turn it off "
                    + "(manage-bde -off " + volume + ") and wait until it is fully decrypted, or wipe it (diskpart "
                    + "clean), then prepare it again");
        }
        progress.subTask("Formatting " + volume + " (NTFS, quick)");
        bde.format(drive);
        progress.worked(1);
        progress.checkCanceled();

        progress.subTask("Turning BitLocker on for " + volume);
        bde.on(drive);
        List<ManageBde.Protector> protectors = bde.recoveryPasswords(drive);
        if (protectors.size() != 1) {
            throw new IOException("manage-bde lists " + protectors.size() + " recovery passwords for " + name
                    + " just after turning BitLocker on, not one; prepare the drive again");
        }
        ManageBde.Protector protector = protectors.get(0);
        if (!RecoveryPasswords.check(protector.password().reveal()).isEmpty()) {
            throw new IOException("manage-bde printed a recovery password for " + name + " that is not in "
                    + "BitLocker's form; prepare the drive again");
        }
        progress.worked(1);

        double done = 0;
        while (true) {
            ManageBde.Status status = bde.status(drive);
            if (status.fullyEncrypted()) {
                break;
            }
            if (status.conversion().toLowerCase(Locale.ROOT).contains("paused")) {
                throw new IOException("BitLocker paused encrypting " + name + " at " + status.percent() + "%; "
                        + "resume it with manage-bde -resume " + volume + ", then prepare the drive again");
            }
            if (!status.conversion().equalsIgnoreCase("Encryption in Progress")) {
                throw new IOException("BitLocker is not encrypting " + name + " after it was turned on ("
                        + status.conversion() + "); prepare the drive again");
            }
            if (status.percent() > done) {
                progress.worked(Math.round(status.percent()) - Math.round(done));
                done = status.percent();
            }
            progress.subTask("Encrypting " + volume + " " + status.percent() + "%");
            progress.checkCanceled();
            pause();
        }
        progress.worked(100 - Math.round(done));
        return new KeyProtector(protector.id(), protector.password());
    }

    /**
     * The job folders at the root of the drive's volume while it is mounted and unlocked (BitLocker encrypts the
     * volume, not the names within); empty when it is locked or not mounted.
     */
    @Override
    public Set<String> seedsOn(DriveTarget drive) {
        return FolderVolume.seedFolders(drive.mountPoint());
    }

    @Override
    public boolean isPrepared(DriveTarget drive) throws IOException {
        ManageBde.Status status = bde.status(drive);
        return status.bitLockerOn() && status.hasRecoveryPassword();
    }

    @Override
    public Volume unlock(DriveTarget drive, KeyProtector key) throws IOException, WrongKeyException {
        List<Problem> problems = RecoveryPasswords.check(key.recoveryPassword().reveal());
        if (!problems.isEmpty()) {
            throw new WrongKeyException(drive.serial(), problems.get(0).problem());
        }
        ManageBde.Status status = bde.status(drive);
        if (!status.bitLockerOn() || !status.hasRecoveryPassword()) {
            throw new IOException("drive " + drive.serial() + " (" + ManageBde.volume(drive) + ") is not protected "
                    + "by a BitLocker recovery password; prepare it first");
        }
        if (status.locked()) {
            if (!bde.unlock(drive, key.recoveryPassword())) {
                throw new WrongKeyException(drive.serial());
            }
            return new BitLockerVolume(drive, bde, true);
        }
        boolean known = false;
        for (ManageBde.Protector p : bde.recoveryPasswords(drive)) {
            known |= samePassword(p.password(), key.recoveryPassword());
        }
        if (!known) {
            throw new WrongKeyException(drive.serial());
        }
        return new BitLockerVolume(drive, bde, false);
    }

    /** Compares the digits of two recovery passwords (hyphens or spaces apart) in constant time. */
    private static boolean samePassword(Secret a, Secret b) {
        byte[] x = digits(a);
        byte[] y = digits(b);
        try {
            return MessageDigest.isEqual(x, y);
        } finally {
            Arrays.fill(x, (byte) 0);
            Arrays.fill(y, (byte) 0);
        }
    }

    private static byte[] digits(Secret s) {
        char[] text = s.reveal();
        byte[] d = new byte[text.length];
        int n = 0;
        for (char c : text) {
            if (c >= '0' && c <= '9') {
                d[n++] = (byte) c;
            }
        }
        Arrays.fill(text, '\0');
        byte[] out = Arrays.copyOf(d, n);
        Arrays.fill(d, (byte) 0);
        return out;
    }

    private void pause() throws IOException {
        if (poll.isZero()) {
            return;
        }
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("waiting for BitLocker to encrypt the drive was interrupted");
        }
    }
}
