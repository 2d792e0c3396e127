package org.seedbench.diskprep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.KeyProtector;

/** A DriveInfo file holds what earlier Seedbench versions wrote, and reads back. */
class DriveInfoFileFormatTest {
    private static final String PASSWORD = "111111-222222-333333-444444-555555-666666-777777-888888";

    @TempDir
    Path temp;

    @Test
    void aDriveInfoFileIsWrittenByteForByteAsBefore() throws Exception {
        Path file = DriveInfoFile.path(temp, "seed-fs01", "WD-WX1234");
        DriveInfoFile.write(file, new DriveInfoFile.Info("seed-fs01", "WD-WX1234 <A&B>", "portable",
                new KeyProtector("0A1B2C3D", Secret.of(PASSWORD)), "/drive-manifest.xml",
                "39CE79B4EC75C25FB66E3B7D4B9FE7E3", 1234));

        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <DriveInfo Version="1">
                  <JobName>seed-fs01</JobName>
                  <DriveId>WD-WX1234 &lt;A&amp;B&gt;</DriveId>
                  <Encryptor>portable</Encryptor>
                  <KeyProtectorId>0A1B2C3D</KeyProtectorId>
                  <BitLockerKey>111111-222222-333333-444444-555555-666666-777777-888888</BitLockerKey>
                  <ManifestFile>/drive-manifest.xml</ManifestFile>
                  <ManifestHash>39CE79B4EC75C25FB66E3B7D4B9FE7E3</ManifestHash>
                  <ManifestLength>1234</ManifestLength>
                </DriveInfo>
                """, Files.readString(file));
        DriveInfoFile.Info back = DriveInfoFile.read(file);
        assertEquals("WD-WX1234 <A&B>", back.driveId());
        assertEquals(PASSWORD, new String(back.key().recoveryPassword().reveal()));
        assertEquals(1234, back.manifestLength());
    }
}
