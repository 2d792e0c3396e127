package org.seedbench.workflow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.support.files.DurableFiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * A job's events exported so that a gap, a move or an edit shows: every line carries {@code prev}, the SHA-256 (hex)
 * of the line before it as written (its UTF-8 bytes, without the line break); the first event's {@code prev} is
 * the job's genesis, the SHA-256 of the job's name. An end line closes the export with the number of events and
 * the hash of the last one, so a cut-off tail shows too. Each event also carries {@code seq}, its place in the
 * export (1, 2, …), so that {@link #verify} names a removed or moved line, not only the place the chain breaks.
 *
 * <p>Two formats: JSON lines ({@code {"seq","id","time","job","actor","kind","detail","prev"}}, non-ASCII
 * escaped, so a line's bytes do not depend on the terminal's charset; the end line
 * {@code {"end":true,"job","events","prev"}}) and CSV (RFC 4180, UTF-8, header {@value #CSV_HEADER}; the end
 * line's {@code seq} is {@code end} and its detail {@code N events}). The chain tells an export that was changed
 * from one that was not; it is no signature: whoever rewrites every line after a change can rewrite the chain.
 */
public final class EventChain {
    /** The CSV header line. */
    public static final String CSV_HEADER = "seq,id,time,job,actor,kind,detail,prev";
    private static final String[] COLUMNS = CSV_HEADER.split(",");
    private static final String END = "end";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Writes one object on one line, non-ASCII escaped. */
    private static final ObjectWriter LINE = JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    /** An export format. */
    public enum Format {
        JSON, CSV
    }

    /**
     * What {@link #verify} found.
     *
     * @param badLine the first line (1-based, in the file) that is wrong; 0 when the chain is intact
     * @param problem what is wrong with it; null when the chain is intact
     */
    public record Verdict(String jobName, int events, int badLine, String problem) {
        public boolean intact() {
            return problem == null;
        }
    }

    private EventChain() {
    }

    /** The {@code prev} of a job's first event: the SHA-256 of its name. */
    public static String genesis(String jobName) {
        return sha256(jobName);
    }

    /**
     * Writes the job's events (those at or after {@code since}, when given) in the format, each line ending with
     * {@code \n}.
     *
     * @return how many events were written
     * @throws InvalidInputException when there is no such job
     */
    public static int export(Workspace workspace, String jobName, Instant since, Format format, Appendable out)
            throws InvalidInputException, IOException {
        List<JobEvent> events;
        try (Catalog catalog = workspace.catalog()) {
            Jobs.require(catalog, jobName);
            events = catalog.events(jobName).stream().filter(e -> since == null || !e.time().isBefore(since))
                    .toList();
        }
        write(jobName, events, format, out);
        return events.size();
    }

    /**
     * {@link #export(Workspace, String, Instant, Format, Appendable)} into a file (UTF-8), written whole: temp file,
     * fsync, atomic rename.
     */
    public static int export(Workspace workspace, String jobName, Instant since, Format format, Path file)
            throws InvalidInputException, IOException {
        StringBuilder text = new StringBuilder();
        int n = export(workspace, jobName, since, format, text);
        DurableFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8), false);
        return n;
    }

    /** Writes the events as a chain in the format: {@link #CSV_HEADER} (CSV), a line each, the end line. */
    public static void write(String jobName, List<JobEvent> events, Format format, Appendable out) throws IOException {
        if (format == Format.CSV) {
            out.append(CSV_HEADER).append('\n');
        }
        String prev = genesis(jobName);
        int seq = 0;
        for (JobEvent e : events) {
            seq++;
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("seq", seq);
            fields.put("id", e.id());
            fields.put("time", e.time().toString());
            fields.put("job", jobName);
            fields.put("actor", e.actor());
            fields.put("kind", e.kind());
            fields.put("detail", e.detail());
            fields.put("prev", prev);
            String line = format == Format.JSON ? json(fields) : csv(fields.values().toArray());
            out.append(line).append('\n');
            prev = sha256(line);
        }
        if (format == Format.JSON) {
            Map<String, Object> end = new LinkedHashMap<>();
            end.put(END, true);
            end.put("job", jobName);
            end.put("events", seq);
            end.put("prev", prev);
            out.append(json(end)).append('\n');
        } else {
            out.append(csv(END, "", "", jobName, "", "", seq + " events", prev)).append('\n');
        }
    }

    /**
     * Checks an export: every line's {@code prev} against the line before it, the events' places, the end line.
     *
     * @return the first line that is wrong, or that the chain is intact
     * @throws InvalidInputException when the file is missing, empty, or neither kind of export
     */
    public static Verdict verify(Path file) throws InvalidInputException, IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw notAnExport(file, "does not exist");
        } catch (CharacterCodingException e) {
            throw notAnExport(file, "is not UTF-8 text");
        }
        if (text.isBlank()) {
            throw notAnExport(file, "is empty");
        }
        List<Line> lines;
        if (text.stripLeading().startsWith("{")) {
            lines = jsonLines(text);
        } else {
            lines = csvLines(text);
            Line header = lines.remove(0);
            if (!header.raw().equals(CSV_HEADER)) {
                throw notAnExport(file, "begins with neither a JSON line nor the CSV header " + CSV_HEADER);
            }
        }
        return chain(lines);
    }

    private static InvalidInputException notAnExport(Path file, String problem) {
        return new InvalidInputException(new Problem("file", file.toString(), problem, "a file written by "
                + "seedbench events JOB --json or --csv"));
    }

    /** One line (CSV: one record) of an export: where it starts in the file, its text, its fields (null: none). */
    private record Line(int number, String raw, Map<String, String> fields) {
        String get(String name) {
            return fields == null ? null : fields.get(name);
        }

        boolean end() {
            return END.equals(get("seq")) || "true".equals(get(END));
        }
    }

    private static Verdict chain(List<Line> lines) {
        String job = null;
        String expected = null;
        int count = 0;
        Line previous = null;
        List<Integer> places = lines.stream().map(l -> number(l.get("seq"))).toList();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (line.fields() == null || line.get("prev") == null || line.get("job") == null) {
                return bad(job, count, line.number(), "is not a line of an events export");
            }
            if (job == null) {
                job = line.get("job");
                expected = genesis(job);
            } else if (!job.equals(line.get("job"))) {
                return bad(job, count, line.number(), "belongs to job " + line.get("job") + ", the export to " + job);
            }
            int seq = places.get(i);
            if (!line.end() && seq != count + 1) {
                int missing = count + 1;
                String problem = seq < 0 ? "has no place (seq) in the export"
                        : places.subList(i + 1, places.size()).contains(missing) ? "is event " + seq + " where event "
                                + missing + " belongs: lines were moved"
                        : seq > missing ? "is event " + seq + " but follows event " + count + ": " + (seq == missing
                                + 1 ? "event " + missing + " was" : "events " + missing + " to " + (seq - 1) + " were")
                                + " removed before it"
                        : "is event " + seq + " again, or moved: event " + missing + " belongs here";
                return bad(job, count, line.number(), problem);
            }
            if (line.end()) {
                int said = Math.max(number(line.get("events")), number(line.get("detail")));
                if (said != count) {
                    return bad(job, count, line.number(), "is the end line of " + said + " events but follows event "
                            + count + (said > count ? ": the events after it were removed" : ": events were added"));
                }
            }
            if (!expected.equals(line.get("prev"))) {
                return previous == null ? bad(job, count, line.number(), "does not begin the chain of job " + job
                        + ": it was edited, or lines before it were removed")
                        : bad(job, count, previous.number(), "was edited: its hash is not the one line "
                                + line.number() + " records");
            }
            if (line.end()) {
                if (i + 1 < lines.size()) {
                    return bad(job, count, lines.get(i + 1).number(), "follows the end line");
                }
                return new Verdict(job, count, 0, null);
            }
            count++;
            expected = sha256(line.raw());
            previous = line;
        }
        int after = lines.isEmpty() ? 1 : lines.get(lines.size() - 1).number() + 1;
        return bad(job, count, after, "should be the end line: the export was cut short (lines at its end were "
                + "removed)");
    }

    private static Verdict bad(String job, int events, int line, String problem) {
        return new Verdict(job, events, line, problem);
    }

    /** A whole number at the start of the text ({@code 12} of {@code 12 events}); -1 when none. */
    private static int number(String text) {
        if (text == null) {
            return -1;
        }
        String digits = text.split(" ", 2)[0];
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<Line> jsonLines(String text) {
        List<Line> lines = new ArrayList<>();
        String[] split = text.split("\n", -1);
        int last = split.length - (split[split.length - 1].isEmpty() ? 1 : 0);
        for (int i = 0; i < last; i++) {
            String raw = split[i].endsWith("\r") ? split[i].substring(0, split[i].length() - 1) : split[i];
            Map<String, String> fields = null;
            try {
                JsonNode node = JSON.readTree(raw);
                if (node != null && node.isObject()) {
                    fields = new HashMap<>();
                    for (var it = node.fields(); it.hasNext();) {
                        var f = it.next();
                        fields.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : null);
                    }
                }
            } catch (JsonProcessingException e) {
                // not a line of an export: reported by the chain
            }
            lines.add(new Line(i + 1, raw, fields));
        }
        return lines;
    }

    /** The records of a CSV text (RFC 4180: a quoted field may hold commas, quotes and line breaks). */
    private static List<Line> csvLines(String text) {
        List<Line> lines = new ArrayList<>();
        int i = 0;
        int number = 1;
        while (i < text.length()) {
            int start = i;
            int startNumber = number;
            List<String> values = new ArrayList<>();
            StringBuilder value = new StringBuilder();
            boolean quoted = false;
            boolean valid = true;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        value.append('"');
                        i += 2;
                        continue;
                    }
                    if (c == '"') {
                        quoted = false;
                    } else {
                        number += c == '\n' ? 1 : 0;
                        value.append(c);
                    }
                } else if (c == '"' && value.length() == 0) {
                    quoted = true;
                } else if (c == ',') {
                    values.add(value.toString());
                    value.setLength(0);
                } else if (c == '\n') {
                    break;
                } else if (c != '\r' || i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    value.append(c);
                }
                i++;
            }
            valid &= !quoted;
            values.add(value.toString());
            String raw = text.substring(start, i);
            raw = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            i++;
            number++;
            Map<String, String> fields = null;
            if (valid && values.size() == COLUMNS.length) {
                fields = new HashMap<>();
                for (int k = 0; k < COLUMNS.length; k++) {
                    fields.put(COLUMNS[k], values.get(k));
                }
            }
            lines.add(new Line(startNumber, raw, fields));
        }
        return lines;
    }

    private static String json(Map<String, Object> fields) {
        try {
            return LINE.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event as JSON", e);
        }
    }

    /** One CSV record: a value with a comma, quote or line break is quoted, its quotes doubled. */
    private static String csv(Object... values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            String v = values[i] == null ? "" : values[i].toString();
            if (i > 0) {
                b.append(',');
            }
            boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                    || v.indexOf('\r') >= 0;
            b.append(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
        }
        return b.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this Java", e);
        }
    }
}
