package org.seedbench.diskprep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.support.manifest.DriveManifest;
import org.seedbench.diskprep.DriveCopier.DriveSession;
import org.seedbench.diskprep.FakeSeed.TestDrive;

/**
 * A prepared drive's {@code drive-manifest.xml} follows the Import/Export service's documented format
 * ({@link ManifestFormat}): its elements in order, an ImportDisposition on every blob, drive-relative {@code \}
 * file paths, and the container SAS it was given; the SAS is on the drive and in no file of the copy computer.
 */
class PreparedDriveManifestTest {
    private static final String SAS = "sv=2024-08-04&se=2027-03-07T12%3A00%3A00Z&sr=c&sp=cw&sig=c2VjcmV0LXNpZw%3D%3D";

    @InjectService(filter = "(component.name=org.seedbench.crypto.portable.*)", timeout = 5000)
    DiskEncryptor portable;

    @TempDir
    Path temp;

    private String prepare(Secret sas) throws Exception {
        SeedListing seed = FakeSeed.create(temp.resolve("staging/seed-fs01"), 3, 7);
        TestDrive drive = FakeSeed.drive(portable, temp.resolve("drives/SB-0001"), "SB-0001", 128 * FakeSeed.MIB);
        Path journals = temp.resolve("data/drives/seed-fs01");
        try (Volume v = drive.unlock(portable)) {
            DriveCopier.Result result = new DriveCopier(seed, "seed-fs01", "seedcontainer", journals,
                    Clock.systemUTC(), sas).run(List.of(new DriveSession("SB-0001", v, "one-disk", portable.id(),
                            drive.key())), Progress.NONE);
            assertTrue(result.complete());
        }
        try (Volume v = drive.unlock(portable); InputStream in = v.open(DriveManifest.FILE_NAME)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aPreparedDrivesManifestFollowsTheDocumentedFormatWithTheContainerSas() throws Exception {
        String xml;
        try (Secret sas = Secret.of(SAS)) {
            xml = prepare(sas);
        }

        assertEquals(List.of(), ManifestFormat.check(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of(SAS), texts(xml, "ContainerSas"), "the drive's credential: the SAS the session gave");
        List<String> blobs = texts(xml, "BlobPath");
        assertFalse(blobs.isEmpty());
        assertEquals(blobs.size(), texts(xml, "ImportDisposition").stream().filter("overwrite"::equals).count(),
                "every blob, the metadata on every drive above all, overwrites rather than being renamed");
        for (String file : texts(xml, "FilePath")) {
            assertTrue(file.startsWith("\\seed-fs01\\") && !file.contains("/"), file + " is drive-relative with \\");
        }
        try (Stream<Path> files = Files.walk(temp.resolve("data"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f, StandardCharsets.ISO_8859_1).contains("sig="), f + " holds the SAS");
            }
        }
    }

    @Test
    void withoutASasTheManifestHasNoCredentialAndStillFollowsTheFormat() throws Exception {
        String xml = prepare(null);

        assertEquals(List.of(), ManifestFormat.check(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of(), texts(xml, "ContainerSas"));
    }

    /** The check itself: elements out of the documented order, or one the format has not, are reported. */
    @Test
    void elementsOutOfOrderBreakTheFormat() throws Exception {
        String swapped = """
                <DriveManifest Version="2014-11-01"><Drive><DriveId>SB-1</DriveId><ClientCreator>x</ClientCreator>
                <BlobList><Blob><FilePath>\\a</FilePath><BlobPath>c/a</BlobPath><Length>0</Length><BlockList/></Blob>
                </BlobList></Drive></DriveManifest>""";
        String credentialLate = """
                <DriveManifest Version="2014-11-01"><Drive><DriveId>SB-1</DriveId><ClientCreator>x</ClientCreator>
                <ContainerSas>s</ContainerSas><BlobList/></Drive></DriveManifest>""";
        String badDisposition = """
                <DriveManifest Version="2014-11-01"><Drive><DriveId>SB-1</DriveId><ClientCreator>x</ClientCreator>
                <BlobList><Blob><BlobPath>c/a</BlobPath><FilePath>\\a</FilePath><Length>0</Length>
                <ImportDisposition>replace</ImportDisposition><BlockList/></Blob></BlobList></Drive></DriveManifest>""";

        for (String xml : List.of(swapped, credentialLate, badDisposition)) {
            assertFalse(ManifestFormat.check(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .isEmpty(), xml);
        }
    }

    /** The text of each element of this name, unescaped. */
    private static List<String> texts(String xml, String element) {
        Matcher m = Pattern.compile("<" + element + ">([^<]*)</" + element + ">").matcher(xml);
        return m.results().map(r -> r.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
                .toList();
    }
}
