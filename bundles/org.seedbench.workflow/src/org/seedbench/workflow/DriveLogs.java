package org.seedbench.workflow;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a drive's error log (the Import/Export service's {@code DriveLog}: the drive's status, each failed blob
 * with its path and status, its failed blocks with offset and status) into a few lines an admin can act on.
 */
final class DriveLogs {
    private static final String COMPLETED = "Completed";

    private DriveLogs() {
    }

    /**
     * The failures the log names, e.g. {@code blob seed/job/packs/ab/ab12…: Corrupted} and
     * {@code   block at offset 4194304 (4194304 bytes): Corrupted}, at most {@code max} lines (the last one
     * saying how many more there are). A log that is not a DriveLog gives its lines that name a failure.
     */
    static List<String> failures(String log, int max) {
        if (log == null || log.isBlank()) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = parse(log);
        } catch (XMLStreamException e) {
            lines = log.lines().map(String::strip).filter(DriveLogs::namesFailure).toList();
        }
        if (lines.size() <= max) {
            return lines;
        }
        List<String> some = new ArrayList<>(lines.subList(0, max - 1));
        some.add("… and " + (lines.size() - max + 1) + " more in the drive's error log");
        return some;
    }

    private static List<String> parse(String log) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader xml = factory.createXMLStreamReader(new StringReader(log));
        List<String> lines = new ArrayList<>();
        String driveStatus = null;
        String blobStatus = null;
        int depth = 0;
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                depth++;
                switch (xml.getLocalName()) {
                    case "Blob" -> blobStatus = xml.getAttributeValue(null, "Status");
                    case "BlobPath" -> {
                        String path = xml.getElementText().strip();
                        depth--;
                        if (failed(blobStatus)) {
                            lines.add("blob " + path + ": " + blobStatus);
                        }
                    }
                    case "Block" -> {
                        String status = xml.getAttributeValue(null, "Status");
                        if (failed(status)) {
                            lines.add("  block at offset " + xml.getAttributeValue(null, "Offset") + " ("
                                    + xml.getAttributeValue(null, "Length") + " bytes): " + status);
                        }
                    }
                    case "Status" -> {
                        boolean ofDrive = depth == 2;
                        String status = xml.getElementText().strip();
                        depth--;
                        if (ofDrive && failed(status)) {
                            driveStatus = status;
                        }
                    }
                    default -> {
                        // DriveId, FilePath, Length, BlockList: nothing to report
                    }
                }
            }
        } finally {
            xml.close();
        }
        if (driveStatus != null) {
            lines.add(0, "drive: " + driveStatus);
        }
        return lines;
    }

    private static boolean failed(String status) {
        return status != null && !status.isBlank() && !COMPLETED.equalsIgnoreCase(status.strip());
    }

    private static boolean namesFailure(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return l.contains("corrupt") || l.contains("fail") || l.contains("invalid") || l.contains("notfound")
                || l.contains("not found") || l.contains("mismatch") || l.contains("error");
    }
}
