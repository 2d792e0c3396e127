package org.seedbench.diskprep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.KeyProtector;

/**
 * A DriveInfo file is laid out as the Import/Export tool's (its fields first, by its names; the manifest file
 * drive-relative with backslashes), holds Seedbench's own fields after them, and reads back.
 */
class DriveInfoFileFormatTest {
    private static final String PASSWORD = "111111-222222-333333-444444-555555-666666-777777-888888";

    @TempDir
    Path temp;

    @Test
    void aDriveInfoFileIsWrittenAsTheImportExportToolsThenSeedbenchsFields() throws Exception {
        Path file = DriveInfoFile.path(temp, "seed-fs01", "WD-WX1234");
        DriveInfoFile.write(file, new DriveInfoFile.Info("seed-fs01", "WD-WX1234 <A&B>", "portable",
                new KeyProtector("0A1B2C3D", Secret.of(PASSWORD)), "\\drive-manifest.xml",
                "39CE79B4EC75C25FB66E3B7D4B9FE7E3", 1234));

        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <DriveInfo Version="1">
                  <DriveId>WD-WX1234 &lt;A&amp;B&gt;</DriveId>
                  <BitLockerKey>111111-222222-333333-444444-555555-666666-777777-888888</BitLockerKey>
                  <ManifestFile>\\drive-manifest.xml</ManifestFile>
                  <ManifestHash>39CE79B4EC75C25FB66E3B7D4B9FE7E3</ManifestHash>
                  <JobName>seed-fs01</JobName>
                  <Encryptor>portable</Encryptor>
                  <KeyProtectorId>0A1B2C3D</KeyProtectorId>
                  <ManifestLength>1234</ManifestLength>
                </DriveInfo>
                """, Files.readString(file));
        DriveInfoFile.Info back = DriveInfoFile.read(file);
        assertEquals("WD-WX1234 <A&B>", back.driveId());
        assertEquals(PASSWORD, new String(back.key().recoveryPassword().reveal()));
        assertEquals(1234, back.manifestLength());
        assertEquals("\\drive-manifest.xml", back.manifestFile());
    }

    /** A file of an earlier version named the manifest {@code /drive-manifest.xml}: it reads as the service's path. */
    @Test
    void anEarlierVersionsManifestFileReadsAsTheDriveRelativeWindowsPath() throws Exception {
        Path file = DriveInfoFile.path(temp, "seed-fs01", "WD-WX1234");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <DriveInfo Version="1">
                  <JobName>seed-fs01</JobName>
                  <DriveId>WD-WX1234</DriveId>
                  <BitLockerKey>111111-222222-333333-444444-555555-666666-777777-888888</BitLockerKey>
                  <ManifestFile>/drive-manifest.xml</ManifestFile>
                  <ManifestHash>39CE79B4EC75C25FB66E3B7D4B9FE7E3</ManifestHash>
                </DriveInfo>
                """);
        assertEquals("\\drive-manifest.xml", DriveInfoFile.read(file).manifestFile());
        assertEquals("seed-fs01_DriveInfo_WD-WX1234.xml", file.getFileName().toString());
    }
}
