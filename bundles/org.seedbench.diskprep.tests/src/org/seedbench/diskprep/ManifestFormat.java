package org.seedbench.diskprep;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The Import/Export service's drive manifest format (version 2014-11-01) as a table of facts, learnt from its
 * documentation: for each element, the children it may hold, in the order they must come, each with how often.
 * {@link #check} reads a manifest against it and returns what breaks it.
 */
final class ManifestFormat {

    /** One place in an element's sequence of children: one of {@code names}, {@code min} to {@code max} times. */
    record Slot(Set<String> names, int min, int max) {
        static Slot one(String name) {
            return new Slot(Set.of(name), 1, 1);
        }

        static Slot optional(String... names) {
            return new Slot(Set.of(names), 0, 1);
        }
    }

    private static final int MANY = Integer.MAX_VALUE;

    /** Element → the sequence of its children. Elements not listed hold text or nothing. */
    static final Map<String, List<Slot>> ORDER = Map.of(
            "DriveManifest", List.of(Slot.one("Drive")),
            // the credential: a storage account key or a container SAS; none for a service that needs none
            "Drive", List.of(Slot.one("DriveId"), Slot.optional("StorageAccountKey", "ContainerSas"),
                    Slot.one("ClientCreator"), new Slot(Set.of("BlobList"), 1, MANY)),
            // global metadata and properties of every blob of the list, then the blobs
            "BlobList", List.of(Slot.optional("MetadataPath"), Slot.optional("PropertiesPath"),
                    new Slot(Set.of("Blob"), 0, MANY)),
            "Blob", List.of(Slot.one("BlobPath"), Slot.one("FilePath"), Slot.optional("ClientData"),
                    Slot.optional("Snapshot"), Slot.one("Length"), Slot.optional("ImportDisposition"),
                    new Slot(Set.of("BlockList", "PageRangeList"), 1, 1), Slot.optional("MetadataPath"),
                    Slot.optional("PropertiesPath")),
            "BlockList", List.of(new Slot(Set.of("Block"), 0, MANY)),
            "PageRangeList", List.of(new Slot(Set.of("PageRange"), 0, MANY)));

    /** Attributes each element must have. */
    static final Map<String, List<String>> ATTRIBUTES = Map.of("DriveManifest", List.of("Version"), "Block",
            List.of("Offset", "Length", "Id", "Hash"), "PageRange", List.of("Offset", "Length", "Hash"),
            "MetadataPath", List.of("Hash"), "PropertiesPath", List.of("Hash"));

    /** What the service does with a blob that exists already. */
    static final Set<String> IMPORT_DISPOSITIONS = Set.of("rename", "no-overwrite", "overwrite");

    private ManifestFormat() {
    }

    /** What in the manifest breaks the format; empty when it follows it. */
    static List<String> check(InputStream manifest) throws IOException {
        List<String> problems = new ArrayList<>();
        try {
            XMLStreamReader r = XMLInputFactory.newFactory().createXMLStreamReader(manifest, "UTF-8");
            r.nextTag();
            if (!r.getLocalName().equals("DriveManifest")) {
                return List.of("the root is " + r.getLocalName() + ", not DriveManifest");
            }
            element(r, problems);
        } catch (XMLStreamException e) {
            problems.add("not XML: " + e.getMessage());
        }
        return problems;
    }

    /** Checks the element the reader is at, up to its end tag. */
    private static void element(XMLStreamReader r, List<String> problems) throws XMLStreamException {
        String name = r.getLocalName();
        for (String attribute : ATTRIBUTES.getOrDefault(name, List.of())) {
            if (r.getAttributeValue(null, attribute) == null) {
                problems.add(name + " lacks its " + attribute + " attribute");
            }
        }
        List<Slot> slots = ORDER.get(name);
        List<String> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (r.next() != XMLStreamConstants.END_ELEMENT) {
            if (r.getEventType() == XMLStreamConstants.START_ELEMENT) {
                children.add(r.getLocalName());
                element(r, problems);
            } else if (r.isCharacters()) {
                text.append(r.getText());
            }
        }
        if (name.equals("ImportDisposition") && !IMPORT_DISPOSITIONS.contains(text.toString())) {
            problems.add("ImportDisposition '" + text + "' is not one of " + IMPORT_DISPOSITIONS);
        }
        if (slots == null) {
            if (!children.isEmpty()) {
                problems.add(name + " holds " + children + ", the format gives it text only");
            }
            return;
        }
        int i = 0;
        for (Slot slot : slots) {
            int n = 0;
            while (i < children.size() && slot.names().contains(children.get(i)) && n < slot.max()) {
                i++;
                n++;
            }
            if (n < slot.min()) {
                problems.add(name + " lacks " + String.join(" or ", slot.names()) + " where the format puts it ("
                        + "children: " + children + ")");
            }
        }
        if (i < children.size()) {
            problems.add(name + " holds " + children.get(i) + " where the format does not allow it (children: "
                    + children + ")");
        }
    }
}
