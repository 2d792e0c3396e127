package org.seedbench.batch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.seedbench.core.spi.Progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Progress lines say counts as counts and sizes as sizes, and a task that is done says 100 %. */
class TerminalProgressTest {
    private static final long SECOND = 1_000_000_000L;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong now = new AtomicLong(42 * SECOND);

    private TerminalProgress progress(TerminalProgress.Mode mode) {
        return new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), mode, now::get);
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private List<JsonNode> events() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new java.util.ArrayList<>();
        for (String line : lines()) {
            events.add(json.readTree(line));
        }
        return events;
    }

    @Test
    void countsAreNumbersAndBytesAreSizes() {
        TerminalProgress p = progress(TerminalProgress.Mode.PLAIN);
        p.begin("Copying 7 blobs", 7, Progress.Unit.ITEMS);
        now.addAndGet(6 * SECOND);
        p.worked(5);
        p.begin("Reading", 3_000_000);
        now.addAndGet(6 * SECOND);
        p.worked(2_000_000);
        p.complete();
        List<String> lines = lines();
        assertTrue(lines.get(0).startsWith("Copying 7 blobs: 71%, 5 of 7, 0.8/s"), lines.toString());
        assertTrue(lines.get(1).startsWith("Copying 7 blobs: 100%, 5 of 5"), "the task ended: " + lines);
        assertTrue(lines.get(2).startsWith("Reading: 66%, 2.0 MB of 3.0 MB"), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.matches(".*\\d B( of|/).*")), "no count shown as bytes: " + lines);
    }

    @Test
    void jsonProgressReachesOneHundredPercentWhenTheWorkIsDone() throws Exception {
        TerminalProgress p = progress(TerminalProgress.Mode.JSON);
        p.begin("Backing up", 1000);
        now.addAndGet(SECOND + 1);
        p.worked(740);
        now.addAndGet(SECOND / 2);
        p.worked(200);
        p.complete();
        List<JsonNode> events = events();
        assertEquals(2, events.size(), events.toString());
        assertEquals(74, events.get(0).get("percent").asInt());
        JsonNode last = events.get(1);
        assertEquals(100, last.get("percent").asInt(), last.toString());
        assertEquals(940, last.get("done").asLong());
        assertEquals(940, last.get("total").asLong(), "the work done is what the task was: " + last);
        assertEquals("bytes", last.get("unit").asText());
    }

    @Test
    void aShortTaskIsQuietInPlainModeAndOneEventInJson() throws Exception {
        TerminalProgress plain = progress(TerminalProgress.Mode.PLAIN);
        plain.begin("Verifying", 3, Progress.Unit.ITEMS);
        plain.worked(3);
        plain.complete();
        assertEquals(List.of(), lines());

        TerminalProgress json = progress(TerminalProgress.Mode.JSON);
        json.begin("Verifying", 3, Progress.Unit.ITEMS);
        json.worked(3);
        json.complete();
        JsonNode only = events().get(0);
        assertEquals("items", only.get("unit").asText());
        assertEquals(3, only.get("done").asLong());
        assertEquals(100, only.get("percent").asInt());
    }
}
