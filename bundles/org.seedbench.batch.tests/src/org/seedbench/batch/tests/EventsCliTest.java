package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.workflow.EventChain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code seedbench events}: a job's events exported as a hash chain (JSON lines and CSV) from the real catalog, and
 * {@code events --verify} naming the first line removed, moved or edited, or a tail cut off.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class EventsCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @InjectService(timeout = 10_000)
    CatalogService catalogs;

    @TempDir
    Path tmp;

    Path data;

    private CliRun run(String... args) {
        return CliRun.run(cli, data, args);
    }

    /** A job with six events: created, and five whose details hold commas, quotes, a line break and non-ASCII. */
    @BeforeEach
    void jobWithEvents() {
        data = tmp.resolve("data");
        CliRun init = run(InitAndStatusTest.init());
        assertEquals(0, init.exitCode(), init.err());
        try (Catalog catalog = catalogs.open(data)) {
            catalog.recordEvent("seed-fs01", "note", "first note, with a comma");
            catalog.recordEvent("seed-fs01", "note", "a \"quoted\" word");
            catalog.recordEvent("seed-fs01", "note", "two lines:\nthe second");
            catalog.recordEvent("seed-fs01", "note", "Staged → DrivesReady");
            catalog.recordEvent("seed-fs01", "note", "the last one");
        }
    }

    private Path export(String format, String name) throws IOException {
        Path file = tmp.resolve(name);
        CliRun r = run("events", "seed-fs01", format, "--output", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        return file;
    }

    private CliRun verify(Path file) {
        return run("events", "--verify", file.toString());
    }

    private static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private Path write(List<String> lines, String name) throws IOException {
        return Files.write(tmp.resolve(name), lines, StandardCharsets.UTF_8);
    }

    private static String sha256(String line) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(
                StandardCharsets.UTF_8)));
    }

    private void assertBroken(Path file, String expected) {
        CliRun r = verify(file);
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertEquals(List.of("seedbench events: " + expected), r.errLines());
    }

    @Test
    void aJsonExportVerifiesAndEachLineCarriesTheHashOfTheOneBefore() throws Exception {
        Path file = export("--json", "events.jsonl");
        CliRun stdout = run("events", "seed-fs01", "--json");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), stdout.out(), "--output writes what is printed");
        List<String> lines = lines(file);
        assertEquals(7, lines.size(), "six events and the end line");
        assertEquals(EventChain.genesis("seed-fs01"), JSON.readTree(lines.get(0)).path("prev").asText());
        for (int i = 1; i < lines.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            assertEquals(sha256(lines.get(i - 1)),
                    line.path("prev").asText(), "line " + (i + 1));
        }
        assertTrue(lines.stream().allMatch(l -> l.chars().allMatch(c -> c < 128)), "non-ASCII escaped");
        JsonNode end = JSON.readTree(lines.get(6));
        assertTrue(end.path("end").asBoolean());
        assertEquals(6, end.path("events").asInt());

        CliRun ok = verify(file);
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals("6 events, chain intact\n", ok.out());
    }

    @Test
    void verifyNamesTheLineThatWasEditedRemovedMovedOrCutOff() throws IOException {
        List<String> lines = lines(export("--json", "events.jsonl"));

        List<String> edited = new ArrayList<>(lines);
        edited.set(2, edited.get(2).replace("quoted", "QUOTED"));
        assertBroken(write(edited, "edited.jsonl"), "line 3: was edited: its hash is not the one line 4 records");

        List<String> removed = new ArrayList<>(lines);
        removed.remove(2);
        assertBroken(write(removed, "removed.jsonl"), "line 3: is event 4 but follows event 2: event 3 was removed "
                + "before it");

        List<String> moved = new ArrayList<>(lines);
        Collections.swap(moved, 2, 3);
        assertBroken(write(moved, "moved.jsonl"), "line 3: is event 4 where event 3 belongs: lines were moved");

        List<String> lastRemoved = new ArrayList<>(lines);
        lastRemoved.remove(5);
        assertBroken(write(lastRemoved, "last.jsonl"), "line 6: is the end line of 6 events but follows event 5: "
                + "the events after it were removed");

        List<String> cut = new ArrayList<>(lines.subList(0, 4));
        assertBroken(write(cut, "cut.jsonl"), "line 5: should be the end line: the export was cut short (lines at "
                + "its end were removed)");

        List<String> firstEdited = new ArrayList<>(lines);
        firstEdited.set(0, firstEdited.get(0).replace("seed-fs01", "seed-fs02"));
        assertBroken(write(firstEdited, "first.jsonl"), "line 1: does not begin the chain of job seed-fs02: it was "
                + "edited, or lines before it were removed");

        CliRun notAnExport = verify(Files.writeString(tmp.resolve("notes.txt"), "hello\n"));
        assertEquals(3, notAnExport.exitCode(), notAnExport.err());
        assertTrue(notAnExport.err().startsWith("seedbench events: file '"), notAnExport.err());
        assertEquals(3, verify(tmp.resolve("missing.jsonl")).exitCode());
    }

    @Test
    void aCsvExportKeepsCommasQuotesAndLineBreaksAndVerifies() throws IOException {
        Path file = export("--csv", "events.csv");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith(EventChain.CSV_HEADER + "\n"), text);
        assertTrue(text.contains(",\"first note, with a comma\","), text);
        assertTrue(text.contains(",\"a \"\"quoted\"\" word\","), text);
        assertTrue(text.contains(",\"two lines:\nthe second\","), text);
        assertTrue(text.contains(",Staged → DrivesReady,"), text);
        assertTrue(text.lines().reduce((a, b) -> b).orElseThrow().startsWith("end,,,seed-fs01,,,6 events,"), text);
        CliRun ok = verify(file);
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals("6 events, chain intact\n", ok.out());

        // the record with two lines starts on line 5 of the file; the one after it on line 7
        Path edited = Files.writeString(tmp.resolve("edited.csv"), text.replace("the second", "the 2nd"),
                StandardCharsets.UTF_8);
        assertBroken(edited, "line 5: was edited: its hash is not the one line 7 records");
        Path crlf = Files.writeString(tmp.resolve("crlf.csv"), text.replace("\n", "\r\n").replace(
                "lines:\r\nthe", "lines:\nthe"), StandardCharsets.UTF_8);
        assertEquals(0, verify(crlf).exitCode(), "line breaks of Windows between records");
    }

    @Test
    void sinceExportsTheLaterEventsAsAChainOfTheirOwn() throws IOException {
        CliRun all = run("events", "seed-fs01", "--json", "--since", "2000-01-01");
        assertEquals(7, all.out().lines().count(), all.out());
        CliRun none = run("events", "seed-fs01", "--json", "--since", "2999-01-01T00:00:00Z");
        assertEquals(1, none.out().lines().count(), none.out());
        Path file = Files.writeString(tmp.resolve("none.jsonl"), none.out());
        assertEquals("0 events, chain intact\n", verify(file).out());
        CliRun bad = run("events", "seed-fs01", "--since", "yesterday");
        assertEquals(3, bad.exitCode());
        assertEquals(List.of("seedbench events: since 'yesterday': is not an ISO date or time (allowed: e.g. "
                + "2026-12-01 or 2026-12-01T08:00:00Z)"), bad.errLines());
        CliRun table = run("events", "seed-fs01");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("note             the last one  ("), table.out());
        assertEquals(2, run("events", "seed-fs01", "--verify", "x").exitCode());
        assertEquals(2, run("events").exitCode());
        assertEquals(3, run("events", "seed-zz", "--json").exitCode());
    }
}
