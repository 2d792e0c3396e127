package org.seedbench.core.support.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

import org.apache.commons.io.input.CloseShieldInputStream;
import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.DiskEncryptor.Volume;

/**
 * {@code drive-manifest.xml} in the shape the Azure Import/Export service reads (its documented drive manifest
 * format, version 2014-11-01):
 *
 * <pre>
 * &lt;DriveManifest Version="2014-11-01"&gt;
 *   &lt;Drive&gt;
 *     &lt;DriveId&gt;serial&lt;/DriveId&gt;
 *     &lt;ContainerSas&gt;sv=…&amp;sp=cw&amp;sig=…&lt;/ContainerSas&gt;      (only when the service gave one)
 *     &lt;ClientCreator&gt;Seedbench&lt;/ClientCreator&gt;
 *     &lt;BlobList&gt;
 *       &lt;Blob&gt;
 *         &lt;BlobPath&gt;container/job/packs/3f/3f9a…&lt;/BlobPath&gt;
 *         &lt;FilePath&gt;\job\packs\3f\3f9a…&lt;/FilePath&gt;
 *         &lt;Length&gt;67109120&lt;/Length&gt;
 *         &lt;ImportDisposition&gt;overwrite&lt;/ImportDisposition&gt;
 *         &lt;BlockList&gt;
 *           &lt;Block Offset="0" Length="4194304" Id="…" Hash="…"/&gt;
 * </pre>
 *
 * Blocks are 4 MiB (the last one of a file shorter); {@code Hash} is the upper-case hex MD5 of the block's
 * plain bytes, {@code Id} the base64 block id the blob's block is committed under. {@code FilePath} is the
 * drive-relative Windows path the service opens: a leading {@code \} and {@code \} separators ({@link Blob#volumePath()}
 * turns it back into the '/'-separated path of a {@link Volume}). {@code ImportDisposition} is
 * {@value #IMPORT_DISPOSITION} for every blob: the repository's metadata (config, keys, index, snapshots) sits on
 * every drive and must land once under its own name, not as {@code name (2)} by the service's default
 * {@code rename}; every other object is named by its content, so overwriting it writes the same bytes.
 * {@code ContainerSas} is the import container's write-only SAS (a secret: it is written to the encrypted drive
 * and nowhere else); the local cloud needs none.
 *
 * <p>Drive preparation writes it; drive verification and the datacenter read it back, checking each block with
 * {@link BlockCheck}.
 */
public final class DriveManifest {
    public static final String FILE_NAME = "drive-manifest.xml";
    /** The manifest as the import job names it ({@code driveList[].manifestFile}): drive-relative, Windows style. */
    public static final String MANIFEST_FILE = "\\" + FILE_NAME;
    public static final String VERSION = "2014-11-01";
    public static final int BLOCK_SIZE = 4 << 20;
    /** What the service does with a blob that exists already: replace it (see the class comment). */
    public static final String IMPORT_DISPOSITION = "overwrite";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** An MD5 of the right width, for sizing a manifest before the data is read. */
    private static final byte[] SIZING_MD5 = new byte[16];

    /** One blob of a manifest, as read back. */
    public record Blob(String blobPath, String filePath, long length, List<Block> blocks) {
        /** The file's '/'-separated path on the unlocked drive, without the manifest's leading {@code \}. */
        public String volumePath() {
            return DriveManifest.volumePath(filePath);
        }
    }

    /** One block of a blob. */
    public record Block(long offset, int length, String id, String hash) {
    }

    /** A manifest as read from a drive: its drive id, its blobs and the MD5 of its bytes (upper-case hex). */
    public record Contents(String driveId, List<Blob> blobs, String md5) {
    }

    private DriveManifest() {
    }

    public static int blockCount(long length) {
        return (int) ((length + BLOCK_SIZE - 1) / BLOCK_SIZE);
    }

    /** The manifest up to its blob list's first {@code <Blob>}, without a credential (the local cloud's). */
    public static String header(String driveId) {
        return header(driveId, null);
    }

    /**
     * The manifest up to its blob list's first {@code <Blob>}.
     *
     * @param containerSas the import container's SAS token for {@code ContainerSas}, or null for none
     */
    public static String header(String driveId, Secret containerSas) {
        return frame(driveId, containerSas)[0];
    }

    /** The manifest after its blob list's last {@code <Blob>}. */
    public static String footer() {
        return frame("", null)[1];
    }

    /** A manifest without blobs, cut where the blobs go: header and footer. */
    private static String[] frame(String driveId, Secret containerSas) {
        XmlLines xml = new XmlLines(0).declaration().open("DriveManifest", "Version", VERSION).open("Drive")
                .element("DriveId", driveId);
        if (containerSas != null) {
            char[] token = containerSas.reveal();
            try {
                xml.element("ContainerSas", token);
            } finally {
                java.util.Arrays.fill(token, '\0');
            }
        }
        xml.element("ClientCreator", "Seedbench").open("BlobList");
        int blobs = xml.length();
        String whole = xml.close().close().close().toString();
        return new String[] {whole.substring(0, blobs), whole.substring(blobs)};
    }

    /** The manifest's {@code FilePath} of a file at this '/'-separated path on the drive: {@code \\a\\b}. */
    public static String filePath(String volumePath) {
        return "\\" + volumePath.replace('/', '\\');
    }

    /** The '/'-separated path on the drive of a manifest's {@code FilePath} (either separator, leading ones dropped). */
    public static String volumePath(String filePath) {
        String path = filePath.replace('\\', '/');
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        return path.substring(start);
    }

    /**
     * The {@code <Blob>} element of a file; {@code md5s} holds one digest per block.
     *
     * @param volumePath the file's '/'-separated path on the drive, written as a {@link #filePath} in the manifest
     */
    public static String blob(String blobPath, String volumePath, long length, List<byte[]> md5s) {
        XmlLines xml = new XmlLines(3).open("Blob").element("BlobPath", blobPath)
                .element("FilePath", filePath(volumePath)).element("Length", Long.toString(length))
                .element("ImportDisposition", IMPORT_DISPOSITION).open("BlockList");
        for (int i = 0; i < md5s.size(); i++) {
            long offset = (long) i * BLOCK_SIZE;
            long blockLength = Math.min(BLOCK_SIZE, length - offset);
            xml.empty("Block", "Offset", Long.toString(offset), "Length", Long.toString(blockLength), "Id", blockId(i),
                    "Hash", HEX.formatHex(md5s.get(i)));
        }
        return xml.close().close().toString();
    }

    /** Bytes the {@code <Blob>} element of a file of {@code length} bytes takes in the manifest. */
    public static long blobBytes(String blobPath, String volumePath, long length) {
        int blocks = blockCount(length);
        List<byte[]> md5s = new ArrayList<>(blocks);
        for (int i = 0; i < blocks; i++) {
            md5s.add(SIZING_MD5);
        }
        return blob(blobPath, volumePath, length, md5s).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The block id of block {@code index}: the same width for every block of a blob, as Blob storage requires. */
    public static String blockId(int index) {
        return Base64.getEncoder().encodeToString(String.format("%08d", index).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads the manifest at {@code path} on an unlocked drive, with the MD5 of its bytes.
     *
     * @param path the manifest's path on the drive; leading '/' or '\\' (as the import service writes
     *             {@code \\drive-manifest.xml}) and backslashes are taken as the drive's separators
     * @throws java.nio.file.NoSuchFileException when the drive has no such file
     * @throws IOException                       when the manifest is malformed
     */
    public static Contents read(Volume volume, String path) throws IOException {
        String file = volumePath(path);
        if (!volume.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file, null, "the drive has no manifest " + path);
        }
        MessageDigest md5 = md5();
        StringBuilder driveId = new StringBuilder();
        List<Blob> blobs;
        try (InputStream in = new DigestInputStream(volume.open(file), md5)) {
            blobs = read(in, driveId);
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return new Contents(driveId.toString(), blobs, hex(md5.digest()));
    }

    /** Reads a manifest's drive id and blobs. */
    public static List<Blob> read(InputStream in, StringBuilder driveId) throws IOException {
        List<Blob> blobs = new ArrayList<>();
        try {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            // the parser closes its input at the end of the document; the caller's stream stays open
            XMLStreamReader r = factory.createXMLStreamReader(CloseShieldInputStream.wrap(in), "UTF-8");
            String blobPath = null;
            String filePath = null;
            long length = -1;
            List<Block> blocks = null;
            boolean sawRoot = false;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT && r.getEventType() != XMLStreamConstants.END_ELEMENT) {
                    continue;
                }
                String name = r.getLocalName();
                if (r.getEventType() == XMLStreamConstants.END_ELEMENT) {
                    if (name.equals("Blob")) {
                        if (blobPath == null || filePath == null || length < 0) {
                            throw new IOException("a Blob lacks its BlobPath, FilePath or Length");
                        }
                        blobs.add(new Blob(blobPath, filePath, length, List.copyOf(blocks)));
                    }
                    continue;
                }
                switch (name) {
                    case "DriveManifest" -> sawRoot = true;
                    case "DriveId" -> driveId.append(r.getElementText());
                    case "Blob" -> {
                        blobPath = null;
                        filePath = null;
                        length = -1;
                        blocks = new ArrayList<>();
                    }
                    case "BlobPath" -> blobPath = r.getElementText();
                    case "FilePath" -> filePath = r.getElementText();
                    case "Length" -> length = Long.parseLong(r.getElementText().trim());
                    case "Block" -> blocks.add(new Block(Long.parseLong(r.getAttributeValue(null, "Offset")),
                            Integer.parseInt(r.getAttributeValue(null, "Length")), r.getAttributeValue(null, "Id"),
                            r.getAttributeValue(null, "Hash")));
                    default -> {
                    }
                }
            }
            if (!sawRoot) {
                throw new IOException("not a DriveManifest");
            }
            return blobs;
        } catch (XMLStreamException | NumberFormatException | NullPointerException e) {
            throw new IOException("the drive manifest is malformed: " + e.getMessage(), e);
        }
    }


    /** Upper-case hex, as the manifest writes hashes. */
    public static String hex(byte[] md5) {
        return HEX.formatHex(md5);
    }

    public static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no MD5", e);
        }
    }

    /** The MD5 of the first {@code length} bytes of {@code buf}. */
    public static byte[] md5(byte[] buf, int length) {
        MessageDigest md = md5();
        md.update(buf, 0, length);
        return md.digest();
    }

    /**
     * Writes the Import/Export tool's XML files (this manifest, the DriveInfo files, the drive logs) through a StAX
     * writer, the way the tool lays them out: one element a line, indented by two spaces a level, each line ended
     * by a line feed. Text and attribute values are escaped by the writer ({@code &}, {@code <}, {@code >}, and
     * {@code "} in attributes).
     */
    public static final class XmlLines {
        private final StringWriter text = new StringWriter();
        private final XMLStreamWriter xml;
        private int depth;

        /** @param depth the indentation level of the first line, for a fragment written inside an element */
        public XmlLines(int depth) {
            this.depth = depth;
            try {
                // a factory of its own: the JDK's remembers the last writer it made, which is not safe across
                // the drives' copy threads
                xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(text);
            } catch (XMLStreamException e) {
                throw new IllegalStateException("this Java has no XML writer: " + e.getMessage(), e);
            }
        }

        /** The XML declaration (version 1.0, UTF-8) on a line of its own. */
        public XmlLines declaration() {
            write(() -> {
                xml.writeStartDocument("UTF-8", "1.0");
                xml.writeCharacters("\n");
            });
            return this;
        }

        /**
         * A start tag with its attributes (name, value, name, value…) on a line of its own; the lines after it are
         * indented once more.
         */
        public XmlLines open(String name, String... attributes) {
            write(() -> {
                indent();
                xml.writeStartElement(name);
                attributes(attributes);
                xml.writeCharacters("\n");
            });
            depth++;
            return this;
        }

        /** An element holding {@code value} as its text, on a line of its own. */
        public XmlLines element(String name, String value) {
            return element(name, value.toCharArray());
        }

        /** An element holding {@code value} as its text, on a line of its own, e.g. a secret kept in a char array. */
        public XmlLines element(String name, char[] value) {
            write(() -> {
                indent();
                xml.writeStartElement(name);
                xml.writeCharacters(value, 0, value.length);
                xml.writeEndElement();
                xml.writeCharacters("\n");
            });
            return this;
        }

        /** An empty element with its attributes (name, value, name, value…), on a line of its own. */
        public XmlLines empty(String name, String... attributes) {
            write(() -> {
                indent();
                xml.writeEmptyElement(name);
                attributes(attributes);
                xml.writeCharacters("\n");
            });
            return this;
        }

        /** The end tag of the element opened last, at its start tag's indentation. */
        public XmlLines close() {
            depth--;
            write(() -> {
                indent();
                xml.writeEndElement();
                xml.writeCharacters("\n");
            });
            return this;
        }

        /** The characters written so far. */
        public int length() {
            write(xml::flush);
            return text.getBuffer().length();
        }

        /** What was written. */
        @Override
        public String toString() {
            write(xml::flush);
            return text.toString();
        }

        private void indent() throws XMLStreamException {
            if (depth > 0) {
                xml.writeCharacters("  ".repeat(depth));
            }
        }

        private void attributes(String... attributes) throws XMLStreamException {
            for (int i = 0; i < attributes.length; i += 2) {
                xml.writeAttribute(attributes[i], attributes[i + 1]);
            }
        }

        private interface Step {
            void run() throws XMLStreamException;
        }

        /** Runs a step; the writer fails only on a programming error, as it writes into memory. */
        private static void write(Step step) {
            try {
                step.run();
            } catch (XMLStreamException e) {
                throw new IllegalStateException("XML not written: " + e.getMessage(), e);
            }
        }
    }
}
