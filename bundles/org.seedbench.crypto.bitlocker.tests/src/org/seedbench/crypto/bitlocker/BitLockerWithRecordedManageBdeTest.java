package org.seedbench.crypto.bitlocker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.CommandRunner;
import org.seedbench.core.spi.DiskEncryptor.DriveFile;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.DiskEncryptor.WrongKeyException;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.spi.Progress;

/**
 * The BitLocker encryptor against recorded manage-bde outputs (fixtures/manage-bde): manage-bde is simulated by
 * replaying them, so these tests run on any computer and check the exact commands run and how each answer is
 * read.
 */
class BitLockerWithRecordedManageBdeTest {
    /** The recovery password in the recordings of drive E:, and one of another drive. */
    private static final String PASSWORD = "466895-217492-569250-069608-104434-135707-527241-083622";
    private static final String OTHER = "309540-054054-123915-625218-602910-100716-346984-130779";
    private static final String STRANGER = "612062-085217-178486-321860-089188-571923-071489-318747";
    private static final String ID = "{2217BEAD-DBC4-46CB-8E81-973E0BECD7B0}";

    private static final List<String> STATUS = List.of("manage-bde", "-status", "E:");
    private static final List<String> FORMAT = List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-Command",
            "Format-Volume -DriveLetter E -FileSystem NTFS -NewFileSystemLabel 'SB-0001' -Force -Confirm:$false "
                    + "-ErrorAction Stop | Out-Null");
    private static final List<String> ON = List.of("manage-bde", "-on", "E:", "-RecoveryPassword", "-UsedSpaceOnly");
    private static final List<String> PROTECTORS = List.of("manage-bde", "-protectors", "-get", "E:", "-Type",
            "RecoveryPassword");
    private static final List<String> LOCK = List.of("manage-bde", "-lock", "E:");

    @TempDir
    Path root;

    private final RecordedManageBde bde = new RecordedManageBde();
    private final BitLockerEncryptor encryptor = new BitLockerEncryptor(bde, Duration.ZERO);

    private static List<String> unlock(String password) {
        return List.of("manage-bde", "-unlock", "E:", "-RecoveryPassword", password);
    }

    private DriveTarget drive() {
        return new DriveTarget("SB-0001", "E:", root, 1L << 30);
    }

    private static KeyProtector key(String password) {
        return new KeyProtector(ID, Secret.of(password));
    }

    /** What a progress monitor was told. */
    private static final class RecordingProgress implements Progress {
        long total;
        long worked;
        final List<String> subTasks = new ArrayList<>();

        @Override
        public void begin(String task, long totalWork) {
            total = totalWork;
        }

        @Override
        public void subTask(String name) {
            subTasks.add(name);
        }

        @Override
        public void worked(long units) {
            worked += units;
        }
    }

    @Test
    void prepareFormatsTurnsBitLockerOnReadsThePasswordBackAndWaitsForEncryption() throws Exception {
        bde.then(STATUS, "status-fully-decrypted.txt", 0)
                .then(FORMAT, null, 0)
                .then(ON, "on-recovery-password.txt", 0)
                .then(PROTECTORS, "protectors-get-recovery-password.txt", 0)
                .then(STATUS, "status-encryption-in-progress.txt", 0)
                .then(STATUS, "status-encryption-in-progress.txt", 0)
                .then(STATUS, "status-used-space-only-encrypted.txt", 0);
        RecordingProgress progress = new RecordingProgress();

        KeyProtector key = encryptor.prepare(drive(), progress);

        assertEquals(ID, key.id());
        assertEquals(PASSWORD, new String(key.recoveryPassword().reveal()));
        assertFalse(key.toString().contains(PASSWORD));
        bde.assertAllRun();
        assertEquals(progress.total, progress.worked, "the progress ends full");
        assertTrue(progress.subTasks.contains("Encrypting E: 37.4%"), progress.subTasks.toString());
    }

    @Test
    void aDriveWithBitLockerOnIsNeverFormatted() {
        bde.then(STATUS, "status-used-space-only-encrypted.txt", 0);
        IOException e = assertThrows(IOException.class, () -> encryptor.prepare(drive(), Progress.NONE));
        assertEquals("drive SB-0001 (E:) already has BitLocker on (Used Space Only Encrypted); turn it off "
                + "(manage-bde -off E:) and wait until it is fully decrypted, or wipe it (diskpart clean), then "
                + "prepare it again", e.getMessage());
        bde.assertAllRun();
    }

    @Test
    void aLockedDriveIsNeverFormatted() {
        bde.then(STATUS, "status-locked.txt", 0);
        IOException e = assertThrows(IOException.class, () -> encryptor.prepare(drive(), Progress.NONE));
        assertEquals("drive SB-0001 (E:) is locked by BitLocker; unlock it, or wipe it (diskpart clean), then "
                + "prepare it again", e.getMessage());
        bde.assertAllRun();
    }

    @Test
    void pausedEncryptionStopsPrepareSayingHowToResume() {
        bde.then(STATUS, "status-fully-decrypted.txt", 0)
                .then(FORMAT, null, 0)
                .then(ON, "on-recovery-password.txt", 0)
                .then(PROTECTORS, "protectors-get-recovery-password.txt", 0)
                .then(STATUS, "status-encryption-paused.txt", 0);
        IOException e = assertThrows(IOException.class, () -> encryptor.prepare(drive(), Progress.NONE));
        assertEquals("BitLocker paused encrypting drive SB-0001 (E:) at 61.0%; resume it with manage-bde -resume E:, "
                + "then prepare the drive again", e.getMessage());
    }

    @Test
    void moreThanOneRecoveryPasswordAfterTurningBitLockerOnIsRefused() {
        bde.then(STATUS, "status-fully-decrypted.txt", 0)
                .then(FORMAT, null, 0)
                .then(ON, "on-recovery-password.txt", 0)
                .then(PROTECTORS, "protectors-get-two-recovery-passwords.txt", 0);
        IOException e = assertThrows(IOException.class, () -> encryptor.prepare(drive(), Progress.NONE));
        assertTrue(e.getMessage().startsWith("manage-bde lists 2 recovery passwords for drive SB-0001 (E:)"),
                e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD) || e.getMessage().contains(OTHER));
    }

    @Test
    void withoutAdministratorRightsTheErrorSaysSoInOneLine() {
        bde.then(STATUS, "error-access-denied.txt", -1);
        IOException e = assertThrows(IOException.class, () -> encryptor.prepare(drive(), Progress.NONE));
        assertEquals("manage-bde could not read the status of drive SB-0001 (E:): access denied; run Seedbench as "
                + "an administrator", e.getMessage());
    }

    @Test
    void aLetterWithoutAVolumeSaysToCheckTheDrive() {
        bde.then(STATUS, "error-no-such-volume.txt", -1);
        IOException e = assertThrows(IOException.class, () -> encryptor.isPrepared(drive()));
        assertEquals("manage-bde could not read the status of drive SB-0001 (E:): Windows has no such volume; check "
                + "the drive is connected and has that letter", e.getMessage());
    }

    @Test
    void aFailedFormatStopsBeforeBitLockerIsTurnedOn() {
        bde.then(STATUS, "status-fully-decrypted.txt", 0).then(FORMAT, null, 1);
        IOException e = assertThrows(IOException.class, () -> encryptor.prepare(drive(), Progress.NONE));
        assertEquals("manage-bde could not format drive SB-0001 (E:): it ended with exit code 1", e.getMessage());
        bde.assertAllRun();
    }

    @Test
    void outputInAnotherLanguageIsRefusedSayingSo() {
        bde.then(STATUS, "status-german.txt", 0);
        IOException e = assertThrows(IOException.class, () -> encryptor.isPrepared(drive()));
        assertEquals("manage-bde's status of drive SB-0001 (E:) could not be read; Seedbench reads manage-bde's "
                + "English output; run it under an account whose Windows display language is English",
                e.getMessage());
    }

    @Test
    void windowsLineEndingsReadTheSame() throws Exception {
        String status = Fixtures.manageBde("status-encryption-in-progress.txt").replace("\n", "\r\n");
        ManageBde.Status s = ManageBde.parseStatus(status, drive(), "E:");
        assertEquals(new ManageBde.Status("Encryption in Progress", 37.4, false, List.of("Numerical Password")), s);
        String protectors = Fixtures.manageBde("protectors-get-two-recovery-passwords.txt").replace("\n", "\r\n");
        List<ManageBde.Protector> found = ManageBde.parseRecoveryPasswords(protectors);
        assertEquals(List.of("{8A6A63EC-24ED-46A4-AB4C-B2424A23D596}", ID),
                found.stream().map(ManageBde.Protector::id).toList());
        assertEquals(OTHER, new String(found.get(0).password().reveal()));
        assertFalse(found.toString().contains(OTHER), found.toString());
    }

    @Test
    void theStatusOfALockedDriveIsRead() throws Exception {
        ManageBde.Status s = ManageBde.parseStatus(Fixtures.manageBde("status-locked.txt"), drive(), "E:");
        assertTrue(s.locked());
        assertTrue(Double.isNaN(s.percent()));
        assertTrue(s.bitLockerOn());
        assertTrue(s.hasRecoveryPassword());
        ManageBde.Status fresh = ManageBde.parseStatus(Fixtures.manageBde("status-fully-decrypted.txt"), drive(),
                "E:");
        assertEquals(new ManageBde.Status("Fully Decrypted", 0.0, false, List.of()), fresh);
        assertEquals(List.of(), ManageBde.parseRecoveryPasswords(Fixtures.manageBde("protectors-get-none.txt")));
    }

    @Test
    void isPreparedWhenBitLockerProtectsTheDriveWithARecoveryPassword() throws Exception {
        bde.then(STATUS, "status-locked.txt", 0)
                .then(STATUS, "status-used-space-only-encrypted.txt", 0)
                .then(STATUS, "status-fully-decrypted.txt", 0);
        assertTrue(encryptor.isPrepared(drive()));
        assertTrue(encryptor.isPrepared(drive()));
        assertFalse(encryptor.isPrepared(drive()));
    }

    @Test
    void aLockedDriveUnlocksWithItsPasswordAndIsLockedAgainWhenClosed() throws Exception {
        bde.then(STATUS, "status-locked.txt", 0)
                .then(unlock(PASSWORD), "unlock-ok.txt", 0)
                .then(LOCK, "lock-ok.txt", 0);
        try (Volume v = encryptor.unlock(drive(), key(PASSWORD))) {
            try (DriveFile out = v.create("seed/drive-manifest.xml")) {
                out.write(new byte[] {'<', '/', '>'});
                out.finish();
            }
            assertEquals(List.of("seed/drive-manifest.xml"), v.list());
            assertArrayEquals(new byte[] {'<', '/', '>'}, Files.readAllBytes(root.resolve("seed/drive-manifest.xml")),
                    "BitLocker decrypts below the file system: files are plain under the drive's root");
            try (InputStream in = v.open("seed/drive-manifest.xml", 1)) {
                assertArrayEquals(new byte[] {'/', '>'}, in.readAllBytes());
            }
        }
        bde.assertAllRun();
    }

    @Test
    void theWrongPasswordOnALockedDriveIsAWrongKeyExceptionWithoutAnyPassword() {
        bde.then(STATUS, "status-locked.txt", 0).then(unlock(STRANGER), "unlock-wrong-password.txt", -1);
        WrongKeyException e = assertThrows(WrongKeyException.class,
                () -> encryptor.unlock(drive(), key(STRANGER)));
        assertEquals("the recovery password does not unlock drive SB-0001", e.getMessage());
        bde.assertAllRun();
    }

    @Test
    void anUnlockedDriveOpensOnlyWithOneOfItsRecoveryPasswords() throws Exception {
        bde.then(STATUS, "status-used-space-only-encrypted.txt", 0)
                .then(PROTECTORS, "protectors-get-two-recovery-passwords.txt", 0)
                .then(STATUS, "status-used-space-only-encrypted.txt", 0)
                .then(PROTECTORS, "protectors-get-two-recovery-passwords.txt", 0);
        try (Volume v = encryptor.unlock(drive(), key(PASSWORD.replace('-', ' ')))) {
            assertEquals(List.of(), v.list());
        }
        WrongKeyException e = assertThrows(WrongKeyException.class, () -> encryptor.unlock(drive(), key(STRANGER)));
        assertEquals("the recovery password does not unlock drive SB-0001", e.getMessage());
        bde.assertAllRun();
        assertFalse(bde.ran().contains(LOCK), "a drive found unlocked is left unlocked");
    }

    @Test
    void aMistypedPasswordIsRefusedBeforeManageBdeRuns() {
        String typo = PASSWORD.substring(0, 19) + "3" + PASSWORD.substring(20);
        WrongKeyException e = assertThrows(WrongKeyException.class, () -> encryptor.unlock(drive(), key(typo)));
        assertEquals("the recovery password does not unlock drive SB-0001: group 3 is not a multiple of 11 (a typo?)",
                e.getMessage());
        assertEquals(List.of(), bde.ran());
    }

    @Test
    void failuresNeverCarryWhatTheCommandPrinted() {
        bde.then(STATUS, "status-used-space-only-encrypted.txt", 0)
                .then(PROTECTORS, "protectors-get-recovery-password.txt", -1);
        IOException e = assertThrows(IOException.class, () -> encryptor.unlock(drive(), key(PASSWORD)));
        assertEquals("manage-bde could not read the key protectors of drive SB-0001 (E:): it ended with exit code -1",
                e.getMessage());

        bde.then(STATUS, "status-locked.txt", 0).then(unlock(PASSWORD), "on-recovery-password.txt", 5);
        IOException unlock = assertThrows(IOException.class, () -> encryptor.unlock(drive(), key(PASSWORD)));
        assertEquals("manage-bde could not unlock drive SB-0001 (E:): it ended with exit code 5", unlock.getMessage());
        assertFalse(unlock.getMessage().contains(PASSWORD));
    }

    @Test
    void aDriveInUseCannotBeLockedAndTheErrorSaysWhatToDo() throws Exception {
        bde.then(STATUS, "status-locked.txt", 0)
                .then(unlock(PASSWORD), "unlock-ok.txt", 0)
                .then(LOCK, "lock-in-use.txt", -1);
        Volume v = encryptor.unlock(drive(), key(PASSWORD));
        IOException e = assertThrows(IOException.class, v::close);
        assertEquals("manage-bde could not lock drive SB-0001 (E:, error 0x80070005, exit code -1); close the programs "
                + "and windows using it, or eject the drive", e.getMessage());
    }

    @Test
    void theDeviceMustBeADriveLetter() {
        DriveTarget linux = new DriveTarget("SB-0002", "/dev/sdb", root, 1L << 30);
        IOException e = assertThrows(IOException.class, () -> encryptor.prepare(linux, Progress.NONE));
        assertEquals("drive SB-0002: BitLocker needs the drive's letter, such as E:, as its device, not '/dev/sdb'",
                e.getMessage());
        assertEquals(List.of(), bde.ran());
    }

    @Test
    void theVolumeLabelCannotBreakOutOfThePowerShellCommand() {
        DriveTarget odd = new DriveTarget("SB 0001'; Remove-Item C:\\ -Recurse; '", "e:\\", root, 1L << 30);
        assertEquals("SB-0001---Remove-Item-C----Recur", ManageBde.label(odd));
    }

    @Test
    void aMissingManageBdeSaysBitLockerNeedsWindows() {
        CommandRunner missing = (command, timeout) -> {
            throw new IOException("Cannot run program \"" + command.get(0) + "\": error=2, No such file or directory");
        };
        IOException e = assertThrows(IOException.class,
                () -> new BitLockerEncryptor(missing, Duration.ZERO).isPrepared(drive()));
        assertEquals("manage-bde could not read the status of drive SB-0001: Cannot run program \"manage-bde\": "
                + "error=2, No such file or directory (BitLocker needs Windows with manage-bde and PowerShell)",
                e.getMessage());
    }

    @Test
    void theSeedsOnAnUnlockedDriveAreItsJobFoldersAndNoCommandRuns() throws Exception {
        assertEquals(Set.of(), encryptor.seedsOn(drive()), "an empty volume holds no seed");
        Files.createDirectories(root.resolve("fs01/packs"));
        Files.createDirectories(root.resolve("System Volume Information"));
        Files.createDirectories(root.resolve(".seedbench"));
        Files.writeString(root.resolve("drive-manifest.xml"), "<DriveManifest/>");
        assertEquals(Set.of("fs01"), encryptor.seedsOn(drive()));
        assertEquals(Set.of(), encryptor.seedsOn(new DriveTarget("SB-0003", "F:", root.resolve("locked"), 1L << 30)),
                "a volume that is not mounted tells nothing");
    }
}
