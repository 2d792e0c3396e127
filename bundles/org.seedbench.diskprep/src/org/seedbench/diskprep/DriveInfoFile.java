package org.seedbench.diskprep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.seedbench.core.support.manifest.DriveManifest;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.KeyProtector;
import org.seedbench.core.support.files.DurableFiles;

/**
 * {@code <job>_DriveInfo_<serial>.xml}, kept on the copy computer for each prepared drive: what the import job
 * needs about the drive. It is named and laid out as the file the Azure Import/Export tool (WAImportExport) writes
 * beside its journal, {@code <journal file name>_DriveInfo_<drive serial>.xml}, with the job's name as the
 * journal's: first the tool's fields, with its names and meaning ({@code DriveId}, {@code BitLockerKey},
 * {@code ManifestFile} as the drive-relative {@code \drive-manifest.xml}, {@code ManifestHash}: the drive
 * fields of an import job), then Seedbench's own ({@code JobName}, {@code Encryptor}, {@code KeyProtectorId},
 * {@code ManifestLength}). It holds the recovery password, so it is written 0600 and never printed.
 */
public final class DriveInfoFile {

    /** A DriveInfo file as read back. */
    public record Info(String jobName, String driveId, String encryptor, KeyProtector key, String manifestFile,
            String manifestHash, long manifestLength) {
        @Override
        public String toString() {
            return "DriveInfo[" + driveId + ", manifest " + manifestHash + "]";
        }
    }

    private DriveInfoFile() {
    }

    public static Path path(Path folder, String jobName, String serial) {
        return folder.resolve(jobName + "_DriveInfo_" + serial + ".xml");
    }

    public static void write(Path file, Info info) throws IOException {
        char[] password = info.key().recoveryPassword().reveal();
        try {
            String xml = new DriveManifest.XmlLines(0).declaration().open("DriveInfo", "Version", "1")
                    .element("DriveId", info.driveId())
                    .element("BitLockerKey", password)
                    .element("ManifestFile", manifestFile(info.manifestFile()))
                    .element("ManifestHash", String.valueOf(info.manifestHash()))
                    .element("JobName", info.jobName())
                    .element("Encryptor", info.encryptor())
                    .element("KeyProtectorId", info.key().id())
                    .element("ManifestLength", Long.toString(info.manifestLength()))
                    .close().toString();
            DurableFiles.write(file, xml.getBytes(StandardCharsets.UTF_8), true);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    public static Info read(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader r = factory.createXMLStreamReader(in, "UTF-8");
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && !r.getLocalName().equals("DriveInfo")) {
                    values.put(r.getLocalName(), r.getElementText());
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("the DriveInfo file " + file.getFileName() + " is malformed", e);
        }
        String length = values.get("ManifestLength");
        return new Info(values.get("JobName"), values.get("DriveId"), values.get("Encryptor"),
                new KeyProtector(values.get("KeyProtectorId"), Secret.of(values.getOrDefault("BitLockerKey", ""))),
                manifestFile(values.get("ManifestFile")), values.get("ManifestHash"),
                length == null ? -1 : Long.parseLong(length));
    }

    /**
     * The manifest file as the service names it: drive-relative with a leading {@code \} and {@code \} separators
     * (earlier versions wrote {@code /drive-manifest.xml}).
     */
    static String manifestFile(String path) {
        return path == null ? null : DriveManifest.filePath(DriveManifest.volumePath(path));
    }
}
