package org.seedbench.workflow;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a drive's error log (the import service's {@code DriveLog} XML: {@code Blob > BlobPath}, and a
 * {@code Status} attribute on the blob or on one of its {@code Block}s) for the blobs the datacenter could not
 * import.
 */
final class DriveLogs {
    private static final Set<String> FINE = Set.of("completed", "success", "succeeded", "created", "renamed",
            "overwritten", "ok");

    private DriveLogs() {
    }

    /**
     * One line per blob with a status other than a success (or for the whole drive when its status says it was not
     * read at all), e.g. {@code seed/job/packs/ab/ab… (block at byte 4194304): Corrupted}.
     */
    static List<String> failedBlobs(String log) {
        List<String> failed = new ArrayList<>();
        try {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            XMLStreamReader xml = factory.createXMLStreamReader(new StringReader(log));
            String path = null;
            String status = null;
            String offset = null;
            boolean inBlob = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    if (name.equals("Blob")) {
                        inBlob = true;
                        path = null;
                        offset = null;
                        status = bad(xml.getAttributeValue(null, "Status"));
                    } else if (!inBlob && name.equals("Status")) {
                        String drive = xml.getElementText().trim();
                        if (bad(drive) != null && !drive.equalsIgnoreCase("CompletedWithErrors")) {
                            failed.add("nothing of the drive: " + drive);
                        }
                    } else if (inBlob && name.equals("BlobPath")) {
                        path = xml.getElementText().trim();
                    } else if (inBlob && offset == null && bad(xml.getAttributeValue(null, "Status")) != null) {
                        offset = xml.getAttributeValue(null, "Offset");
                        status = status == null ? bad(xml.getAttributeValue(null, "Status")) : status;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("Blob")) {
                    if (status != null) {
                        failed.add((path == null ? "a blob" : path) + (offset == null ? "" : " (block at byte " + offset
                                + ")") + ": " + status);
                    }
                    inBlob = false;
                }
            }
        } catch (XMLStreamException e) {
            failed.add("the error log cannot be read: " + e.getMessage());
        }
        return failed;
    }

    /** The status when it is not a success, else null. */
    private static String bad(String status) {
        return status == null || FINE.contains(status.toLowerCase(java.util.Locale.ROOT)) ? null : status;
    }
}
