package org.seedbench.catalog.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.seedbench.catalog.EventChainCheck;
import org.seedbench.core.model.JobEvent;

/**
 * The catalog's event log as a hash chain per job (schema version 5): each event row holds its place in its job's
 * chain ({@code chain_seq} 1, 2, …), the hash of the event before it ({@code prev_hash}; for the first, the SHA-256 of
 * the job's name) and its own {@code hash}: the SHA-256 (hex) of its line as {@code seedbench events JOB --json}
 * writes it in a whole export ({@code org.seedbench.workflow.EventChain}), so the two agree. An event is appended
 * under its job's row lock (the caller holds it), so two appends never take the same place.
 *
 * <p>Events name their job by name and by the job's {@code seq} ({@code job_seq}): a deleted job's events stay, and
 * a new job of that name starts a chain of its own.
 */
final class EventLog {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private EventLog() {
    }

    /** The {@code prev} of a job's first event: the SHA-256 of its name. */
    static String genesis(String jobName) {
        return sha256(jobName);
    }

    /** The hash of an event: the SHA-256 of its export line. */
    static String hash(long seq, JobEvent e, String prev) {
        return sha256(line(seq, e, prev));
    }

    /**
     * The event's line as the JSON export writes it (Jackson, non-ASCII escaped): {@code
     * {"seq":1,"id":7,"time":"…","job":"…","actor":"…","kind":"…","detail":"…","prev":"…"}}.
     */
    static String line(long seq, JobEvent e, String prev) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"seq\":").append(seq).append(",\"id\":").append(e.id()).append(",\"time\":");
        string(b, e.time().toString());
        b.append(",\"job\":");
        string(b, e.jobName());
        b.append(",\"actor\":");
        string(b, e.actor());
        b.append(",\"kind\":");
        string(b, e.kind());
        b.append(",\"detail\":");
        string(b, e.detail());
        b.append(",\"prev\":");
        string(b, prev);
        return b.append('}').toString();
    }

    /** A JSON string as Jackson writes it with ESCAPE_NON_ASCII; {@code null} for null. */
    private static void string(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
            case '"' -> b.append("\\\"");
            case '\\' -> b.append("\\\\");
            case '\b' -> b.append("\\b");
            case '\t' -> b.append("\\t");
            case '\n' -> b.append("\\n");
            case '\f' -> b.append("\\f");
            case '\r' -> b.append("\\r");
            default -> {
                if (c < 0x20 || c > 0x7F) {
                    b.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                            .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                } else {
                    b.append(c);
                }
            }
            }
        }
        b.append('"');
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this Java", e);
        }
    }

    /** The next event id, from the sequence {@code event_ids}. */
    static long nextId(Connection c, Dialect dialect) throws SQLException {
        String sql = dialect == Dialect.POSTGRESQL ? "SELECT nextval('event_ids')" : "SELECT NEXT VALUE FOR event_ids";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The place and hash of the last event of the job with {@code jobSeq}; place 0 and genesis when none. */
    static Link last(Connection c, long jobSeq, String jobName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT chain_seq, hash FROM events WHERE job_seq = ? "
                + "ORDER BY chain_seq DESC FETCH FIRST 1 ROWS ONLY")) {
            ps.setLong(1, jobSeq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Link(rs.getLong(1), rs.getString(2)) : new Link(0, genesis(jobName));
            }
        }
    }

    /** A place in a chain and the hash there. */
    record Link(long seq, String hash) {
    }

    /** Checks a job's stored chain, read in chain order. */
    static EventChainCheck verify(String jobName, List<Stored> events) {
        String prev = genesis(jobName);
        long place = 0;
        for (Stored s : events) {
            place++;
            if (s.seq() != place) {
                return new EventChainCheck(jobName, events.size(), s.event().id(), "event " + s.event().id()
                        + " is at place " + s.seq() + " of the chain where " + place + " belongs: an event is missing",
                        null);
            }
            if (!prev.equals(s.prev())) {
                return new EventChainCheck(jobName, events.size(), s.event().id(), "event " + s.event().id()
                        + " does not follow the event before it (its prev hash differs)", null);
            }
            String hash = hash(place, s.event(), prev);
            if (!hash.equals(s.hash())) {
                return new EventChainCheck(jobName, events.size(), s.event().id(), "event " + s.event().id()
                        + " was changed after it was written (its hash differs)", null);
            }
            prev = hash;
        }
        return new EventChainCheck(jobName, events.size(), 0, null, prev);
    }

    /** An event with its stored chain columns. */
    record Stored(JobEvent event, long seq, String prev, String hash) {
    }

    /**
     * The step of schema version 5 after its script: events no longer need their job's row (the foreign key goes),
     * ids come from the sequence {@code event_ids}, and the events already written get their places and hashes, job
     * by job in the order they were written.
     */
    static void chainExisting(Connection c, Dialect dialect) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        List<String> keys = new ArrayList<>();
        for (String table : new String[] {"EVENTS", "events"}) {
            try (ResultSet rs = meta.getImportedKeys(null, null, table)) {
                while (rs.next()) {
                    if (rs.getString("PKTABLE_NAME").equalsIgnoreCase("jobs") && rs.getString("FK_NAME") != null
                            && !keys.contains(rs.getString("FK_NAME"))) {
                        keys.add(rs.getString("FK_NAME"));
                    }
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String key : keys) {
                s.execute("ALTER TABLE events DROP CONSTRAINT " + key);
            }
            long next;
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM events")) {
                rs.next();
                next = rs.getLong(1);
            }
            s.execute("CREATE SEQUENCE IF NOT EXISTS event_ids START WITH " + next);
            s.executeUpdate("UPDATE events SET job_seq = (SELECT j.seq FROM jobs j WHERE j.name = events.job_name) "
                    + "WHERE job_seq IS NULL");
        }
        List<JobEvent> events = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, job_name, event_time, "
                + "actor, kind, detail FROM events WHERE hash IS NULL ORDER BY job_seq, id")) {
            while (rs.next()) {
                events.add(new JobEvent(rs.getLong(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getString(5),
                        rs.getString(6)));
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE events SET chain_seq = ?, prev_hash = ?, hash = ? WHERE id = ?")) {
            String job = null;
            String prev = null;
            long place = 0;
            for (JobEvent e : events) {
                if (!e.jobName().equals(job)) {
                    job = e.jobName();
                    prev = genesis(job);
                    place = 0;
                }
                place++;
                String hash = hash(place, e, prev);
                ps.setLong(1, place);
                ps.setString(2, prev);
                ps.setString(3, hash);
                ps.setLong(4, e.id());
                ps.addBatch();
                prev = hash;
            }
            ps.executeBatch();
        }
    }
}
