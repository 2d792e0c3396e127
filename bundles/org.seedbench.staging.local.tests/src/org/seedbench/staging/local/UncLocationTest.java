package org.seedbench.staging.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedbench.core.rules.Problem;

/**
 * Which locations the local provider takes on a computer that is not Windows: absolute paths, {@code file:}
 * URIs, and UNC paths of the SMB shares that are mounted (read from a mount table, here a test's own).
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows resolves UNC paths itself, without a mount table")
class UncLocationTest {

    @TempDir
    Path temp;

    private Path backup;
    private Path subDir;
    private LocalStagingProvider provider;

    @BeforeEach
    void mounts() throws IOException {
        backup = Files.createDirectories(temp.resolve("mnt/backup"));
        subDir = Files.createDirectories(temp.resolve("mnt/sub dir"));
        Path table = temp.resolve("mounts");
        Files.writeString(table, String.join("\n",
                "/dev/vda / ext4 rw,relatime 0 0",
                "//FileServer/Backup " + backup + " cifs rw,relatime,vers=3.1.1,cache=strict 0 0",
                "//nas/media/sub\\040dir " + temp.resolve("mnt/sub\\040dir") + " smb3 rw 0 0",
                "nfsserver:/export " + temp.resolve("mnt/nfs") + " nfs4 rw 0 0",
                ""));
        provider = new LocalStagingProvider(new MountTable(table), false);
    }

    @Test
    void aUncPathOfAMountedShareIsTheFolderUnderItsMountPoint() {
        assertEquals(Optional.of(backup.resolve("stage")), provider.resolve("\\\\fileserver\\backup\\stage"));
        assertEquals(Optional.of(backup.resolve("stage")), provider.resolve("\\\\FILESERVER\\BACKUP\\stage"),
                "server and share names ignore case, as SMB does");
        assertEquals(Optional.of(backup.resolve("stage")), provider.resolve("\\\\?\\UNC\\fileserver\\backup\\stage"));
        assertEquals(Optional.of(backup.resolve("stage")), provider.resolve("file://fileserver/backup/stage"));
        assertEquals(Optional.of(backup), provider.resolve("\\\\fileserver\\backup"));
    }

    @Test
    void aShareMountedFromASubFolderServesThePathsUnderIt() {
        assertEquals(Optional.of(subDir.resolve("seed")), provider.resolve("\\\\nas\\media\\sub dir\\seed"));
        assertFalse(provider.accepts("\\\\nas\\media\\other"), "only sub dir of the media share is mounted");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\\\\fileserver\\other\\stage", "\\\\elsewhere\\backup\\stage",
            "\\\\nfsserver\\export", "file://elsewhere/backup/stage", "\\\\fileserver\\backup\\..\\..\\etc",
            "\\\\fileserver" })
    void aShareThatIsNotMountedIsNotTaken(String location) {
        assertFalse(provider.accepts(location), location);
    }

    @Test
    void checkingAnUnmountedShareSaysToMountIt() {
        List<Problem> problems = provider.check("\\\\elsewhere\\backup\\stage", 1, List.of());
        assertEquals(List.of("staging location '\\\\elsewhere\\backup\\stage': names a network share that is not "
                + "mounted on this computer (allowed: the share mounted first (e.g. mount -t cifs //elsewhere/backup "
                + "/mnt/backup), then its UNC path or the mounted folder)"),
                problems.stream().map(Problem::message).toList());
    }

    @Test
    void aUncPathWrittenWithForwardSlashesIsAShareNotALocalFolder() {
        assertEquals(Optional.of(backup.resolve("stage")), provider.resolve("//fileserver/backup/stage"));
        assertEquals(Optional.of(backup.resolve("stage")), provider.folder("//FileServer/Backup/stage"));
        assertEquals(Optional.of(Path.of("/server/share/stage")), provider.resolve("///server/share/stage"),
                "three slashes are a local path");
    }

    @Test
    void aShareNotMountedWrittenWithForwardSlashesIsRefusedWithHowToMountItAndNothingIsWritten() throws IOException {
        Path root = Path.of("/server");
        assertFalse(Files.exists(root), "this test needs no folder /server on this computer");
        assertFalse(provider.accepts("//server/share/stage"));
        assertEquals(List.of("staging location '//server/share/stage': names a network share that is not mounted on "
                + "this computer (allowed: the share mounted first (e.g. mount -t cifs //server/share /mnt/share), "
                + "then its UNC path or the mounted folder)"),
                provider.check("//server/share/stage", 1, List.of()).stream().map(Problem::message).toList());
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> provider.open("//server/share/stage", "seed-fs01"));
        assertFalse(Files.exists(root), "nothing was written to a local /server/share/stage");
    }

    @Test
    void aMountedShareIsCheckedAndHoldsTheRepository() throws IOException {
        assertEquals(List.of(), provider.check("\\\\fileserver\\backup\\stage", 1024, List.of(temp.resolve("src"))));
        assertEquals(backup.resolve("stage/seed-fs01").toString(),
                provider.open("\\\\fileserver\\backup\\stage", "seed-fs01").location());
        assertTrue(Files.isDirectory(backup.resolve("stage/seed-fs01")));
    }

    @Test
    void absolutePathsAndFileUrisAreTaken() {
        assertEquals(Optional.of(temp.resolve("stage")), provider.resolve(temp.resolve("stage").toString()));
        assertEquals(Optional.of(temp.resolve("stage")), provider.resolve(temp.resolve("stage").toUri().toString()));
        assertEquals(Optional.of(temp.resolve("stage")), provider.resolve("file:" + temp.resolve("stage")));
        assertEquals(Optional.of(temp.resolve("stage")), provider.resolve("file://localhost" + temp.resolve("stage")));
        assertEquals(Optional.of(temp.resolve("stage")), provider.resolve(temp.resolve("x/../stage").toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "stage", "./stage", "https://example.com/stage", "azure:container",
            "C:\\stage" })
    void relativePathsAndOtherSchemesAreNotTaken(String location) {
        assertFalse(provider.accepts(location), location);
    }

    @Test
    void aRelativePathIsRefusedWithWhatIsTaken() {
        assertEquals(List.of("staging location 'stage': is not an absolute path, a file: URI or a UNC path "
                + "(allowed: an absolute folder path such as /mnt/stage or D:\\stage, a file: URI, "
                + "or \\\\server\\share\\folder)"),
                provider.check("stage", 1, List.of()).stream().map(Problem::message).toList());
    }

    @Test
    void theProviderOfThisComputerReadsTheMountTableTheSystemPropertyNamesAtEachUse() {
        LocalStagingProvider ofThisComputer = new LocalStagingProvider();
        assertFalse(ofThisComputer.accepts("\\\\fileserver\\backup\\stage"), "not in /proc/self/mounts");
        System.setProperty(LocalStagingProvider.MOUNT_TABLE, temp.resolve("mounts").toString());
        try {
            assertEquals(Optional.of(backup.resolve("stage")), ofThisComputer.resolve("\\\\fileserver\\backup\\stage"));
        } finally {
            System.clearProperty(LocalStagingProvider.MOUNT_TABLE);
        }
        assertFalse(ofThisComputer.accepts("\\\\fileserver\\backup\\stage"));
    }
}
