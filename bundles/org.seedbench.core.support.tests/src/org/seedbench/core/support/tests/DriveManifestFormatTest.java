package org.seedbench.core.support.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.seedbench.core.model.Secret;
import org.seedbench.core.support.manifest.DriveManifest;

/**
 * The manifest's bytes, and so its hash, in the service's format: drive-relative {@code \} file paths, an
 * ImportDisposition on every blob, a ContainerSas only when there is one.
 */
class DriveManifestFormatTest {
    private static final List<byte[]> MD5S = List.of(HexFormat.of().parseHex("00112233445566778899aabbccddeeff"),
            HexFormat.of().parseHex("0f1e2d3c4b5a69788796a5b4c3d2e1f0"));
    private static final long LENGTH = DriveManifest.BLOCK_SIZE + 5L;

    @Test
    void aManifestIsWrittenByteForByteInTheServicesFormat() {
        String xml = DriveManifest.header("WD-WX1234&5678") + DriveManifest.blob("seed/seed-fs01/packs/3f/3f9a",
                "seed-fs01/packs/3f/3f9a", LENGTH, MD5S) + DriveManifest.footer();

        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <DriveManifest Version="2014-11-01">
                  <Drive>
                    <DriveId>WD-WX1234&amp;5678</DriveId>
                    <ClientCreator>Seedbench</ClientCreator>
                    <BlobList>
                      <Blob>
                        <BlobPath>seed/seed-fs01/packs/3f/3f9a</BlobPath>
                        <FilePath>\\seed-fs01\\packs\\3f\\3f9a</FilePath>
                        <Length>4194309</Length>
                        <ImportDisposition>overwrite</ImportDisposition>
                        <BlockList>
                          <Block Offset="0" Length="4194304" Id="MDAwMDAwMDA=" Hash="00112233445566778899AABBCCDDEEFF"/>
                          <Block Offset="4194304" Length="5" Id="MDAwMDAwMDE=" Hash="0F1E2D3C4B5A69788796A5B4C3D2E1F0"/>
                        </BlockList>
                      </Blob>
                    </BlobList>
                  </Drive>
                </DriveManifest>
                """, xml);
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        assertEquals("7D80DD34ED9ABCB29A2FC0597D8F8DD5", DriveManifest.hex(DriveManifest.md5(bytes, bytes.length)));
    }

    @Test
    void theSizeOfABlobEntryIsTheSizeOfItsText() {
        String entry = DriveManifest.blob("seed/a<b>", "a<b>", LENGTH, MD5S);
        assertEquals(entry.getBytes(StandardCharsets.UTF_8).length, DriveManifest.blobBytes("seed/a<b>", "a<b>", LENGTH));
    }

    @Test
    void whatIsWrittenReadsBack() throws Exception {
        String xml = DriveManifest.header("SN <1> & 'x'") + DriveManifest.blob("seed/p&q", "p&q", LENGTH, MD5S)
                + DriveManifest.footer();
        StringBuilder id = new StringBuilder();
        List<DriveManifest.Blob> blobs = DriveManifest.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                id);
        assertEquals("SN <1> & 'x'", id.toString());
        assertEquals(List.of("\\p&q"), blobs.stream().map(DriveManifest.Blob::filePath).toList());
        assertEquals(List.of("p&q"), blobs.stream().map(DriveManifest.Blob::volumePath).toList());
        assertEquals(2, blobs.get(0).blocks().size());
        assertEquals("0F1E2D3C4B5A69788796A5B4C3D2E1F0", blobs.get(0).blocks().get(1).hash());
    }

    /** The container SAS follows the drive id, before ClientCreator; escaped as any text, so '&' reads back. */
    @Test
    void aContainerSasIsTheDrivesCredentialAfterItsId() throws Exception {
        try (Secret sas = Secret.of("sv=2024-08-04&sr=c&sp=cw&sig=abc%2B")) {
            String header = DriveManifest.header("SB-0001", sas);
            assertTrue(header.contains("""
                        <DriveId>SB-0001</DriveId>
                        <ContainerSas>sv=2024-08-04&amp;sr=c&amp;sp=cw&amp;sig=abc%2B</ContainerSas>
                        <ClientCreator>Seedbench</ClientCreator>
                    """), header);
            assertEquals("sv=2024-08-04&sr=c&sp=cw&sig=abc%2B", new String(sas.reveal()), "the caller's secret is kept");
        }
        assertFalse(DriveManifest.header("SB-0001").contains("ContainerSas"));
    }

    @Test
    void filePathsAreDriveRelativeWindowsPathsAndReadBackAsVolumePaths() {
        assertEquals("\\job\\packs\\3f\\3f9a", DriveManifest.filePath("job/packs/3f/3f9a"));
        assertEquals("job/packs/3f/3f9a", DriveManifest.volumePath("\\job\\packs\\3f\\3f9a"));
        assertEquals("job/packs/3f/3f9a", DriveManifest.volumePath("job/packs/3f/3f9a"), "an earlier version's path");
        assertEquals("\\drive-manifest.xml", DriveManifest.MANIFEST_FILE);
    }
}
