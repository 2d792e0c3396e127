package org.seedbench.catalog.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.seedbench.catalog.CatalogCopyReport;
import org.seedbench.catalog.CatalogException;
import org.seedbench.catalog.EventChainCheck;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;

/**
 * Copies a whole catalog into an empty one (both at the latest schema version), in one transaction of the target:
 * every table's rows with their ids, seqs, times and actors (parents before children), the events in their order
 * with their chains computed again over what the target keeps (PostgreSQL keeps times to the microsecond), then
 * checks each table's row count and every chain before it commits. A target that holds a job already is refused,
 * with nothing written.
 */
final class CatalogCopy {
    private static final String EVENTS = "events";

    private CatalogCopy() {
    }

    static CatalogCopyReport copy(CatalogStore from, CatalogStore to) throws InvalidInputException {
        return to.inTransaction(target -> {
            long jobs = count(target, "jobs");
            if (jobs > 0) {
                throw new InvalidInputException(new Problem("--to", to.where(), "already holds " + jobs
                        + (jobs == 1 ? " job" : " jobs"), "an empty catalog: a new database, or one that holds the "
                                + "catalog's tables only"));
            }
            return from.inTransaction(source -> copy(source, target, from, to));
        });
    }

    private static CatalogCopyReport copy(Connection source, Connection target, CatalogStore from, CatalogStore to)
            throws SQLException {
        List<String> tables = tables(source);
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : tables) {
            if (table.equals(EVENTS)) {
                copyEvents(source, target, to.dialect());
            } else {
                copyTable(source, target, table, to.dialect());
            }
            long copied = count(target, table);
            long there = count(source, table);
            if (copied != there) {
                throw new CatalogException("catalog copy of table " + table + " into " + to.where() + " holds "
                        + copied + " rows where " + from.where() + " holds " + there + "; nothing was copied");
            }
            rows.put(table, there);
        }
        int chains = verifyChains(target);
        restartIds(target, to.dialect(), tables);
        return new CatalogCopyReport(from.where(), to.where(), rows, chains);
    }

    /** The catalog's tables but schema_version, parents before the tables that refer to them. */
    private static List<String> tables(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        List<String> all = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.equals("schema_version")) {
                    all.add(name);
                }
            }
        }
        // jobs first, the event log last, the rest by name: then each table after the tables it refers to
        all.sort(java.util.Comparator.comparing((String t) -> t.equals("jobs") ? 0 : t.equals(EVENTS) ? 2 : 1)
                .thenComparing(t -> t));
        Set<String> ordered = new LinkedHashSet<>();
        while (ordered.size() < all.size()) {
            int before = ordered.size();
            for (String table : all) {
                if (!ordered.contains(table) && ordered.containsAll(parents(meta, c.getSchema(), table))) {
                    ordered.add(table);
                }
            }
            if (ordered.size() == before) {
                throw new CatalogException("catalog tables refer to each other in a circle; report this");
            }
        }
        return List.copyOf(ordered);
    }

    private static Set<String> parents(DatabaseMetaData meta, String schema, String table) throws SQLException {
        Set<String> parents = new LinkedHashSet<>();
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getImportedKeys(null, schema, name)) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!parent.equals(table)) {
                        parents.add(parent);
                    }
                }
            }
        }
        return parents;
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    private static void copyTable(Connection source, Connection target, String table, Dialect dialect)
            throws SQLException {
        List<String> columns = columns(target, table);
        String list = String.join(", ", columns);
        try (Statement s = source.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + list + " FROM " + table);
                PreparedStatement insert = target.prepareStatement("INSERT INTO " + table + " (" + list + ") VALUES ("
                        + String.join(", ", columns.stream().map(x -> "?").toList()) + ")")) {
            int batch = 0;
            while (rs.next()) {
                for (int i = 1; i <= columns.size(); i++) {
                    insert.setObject(i, kept(rs.getObject(i), dialect));
                }
                insert.addBatch();
                if (++batch % 500 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /** A value as the target keeps it: times with their offset, to the target's precision. */
    private static Object kept(Object value, Dialect dialect) {
        if (value instanceof OffsetDateTime time) {
            return dialect.kept(time.toInstant()).atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp time) {
            return dialect.kept(time.toInstant()).atOffset(ZoneOffset.UTC);
        }
        return value;
    }

    /** The events in their order, each chain computed again over the times the target keeps. */
    private static void copyEvents(Connection source, Connection target, Dialect dialect) throws SQLException {
        try (Statement s = source.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, job_name, event_time, actor, kind, detail, job_seq "
                        + "FROM events ORDER BY job_seq, chain_seq, id");
                PreparedStatement insert = target.prepareStatement("INSERT INTO events (id, job_name, event_time, "
                        + "actor, kind, detail, job_seq, chain_seq, prev_hash, hash) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long jobSeq = Long.MIN_VALUE;
            long place = 0;
            String prev = null;
            int batch = 0;
            while (rs.next()) {
                JobEvent e = new JobEvent(rs.getLong(1), rs.getString(2),
                        dialect.kept(rs.getObject(3, OffsetDateTime.class).toInstant()), rs.getString(4),
                        rs.getString(5), rs.getString(6));
                if (rs.getLong(7) != jobSeq) {
                    jobSeq = rs.getLong(7);
                    place = 0;
                    prev = EventLog.genesis(e.jobName());
                }
                place++;
                String hash = EventLog.hash(place, e, prev);
                insert.setLong(1, e.id());
                insert.setString(2, e.jobName());
                insert.setObject(3, e.time().atOffset(ZoneOffset.UTC));
                insert.setString(4, e.actor());
                insert.setString(5, e.kind());
                insert.setString(6, e.detail());
                insert.setLong(7, jobSeq);
                insert.setLong(8, place);
                insert.setString(9, prev);
                insert.setString(10, hash);
                insert.addBatch();
                prev = hash;
                if (++batch % 500 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /** Verifies every chain of the target; returns how many. */
    private static int verifyChains(Connection target) throws SQLException {
        Map<Long, List<EventLog.Stored>> chains = new LinkedHashMap<>();
        try (Statement s = target.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, job_name, event_time, actor, kind, detail, job_seq, "
                        + "chain_seq, prev_hash, hash FROM events ORDER BY job_seq, chain_seq")) {
            while (rs.next()) {
                chains.computeIfAbsent(rs.getLong(7), k -> new ArrayList<>()).add(new EventLog.Stored(new JobEvent(
                        rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getString(4), rs.getString(5), rs.getString(6)), rs.getLong(8), rs.getString(9),
                        rs.getString(10)));
            }
        }
        for (List<EventLog.Stored> chain : chains.values()) {
            String job = chain.get(0).event().jobName();
            EventChainCheck check = EventLog.verify(job, chain);
            if (!check.intact()) {
                throw new CatalogException("catalog copy: the event chain of job " + job + " does not verify in the "
                        + "target (" + check.problem() + "); nothing was copied");
            }
        }
        return chains.size();
    }

    /** Moves the target's id generators past the copied ids. */
    private static void restartIds(Connection target, Dialect dialect, List<String> tables) throws SQLException {
        try (Statement s = target.createStatement()) {
            long next = max(target, EVENTS, "id") + 1;
            s.execute(dialect == Dialect.POSTGRESQL ? "SELECT setval('event_ids', " + next + ", false)"
                    : "ALTER SEQUENCE event_ids RESTART WITH " + next);
            for (String table : tables) {
                for (String column : List.of("seq", "id")) {
                    if (!columns(target, table).contains(column)) {
                        continue;
                    }
                    long after = max(target, table, column) + 1;
                    if (dialect == Dialect.POSTGRESQL) {
                        try (PreparedStatement ps = target.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
                            ps.setString(1, table);
                            ps.setString(2, column);
                            try (ResultSet rs = ps.executeQuery()) {
                                if (rs.next() && rs.getString(1) != null) {
                                    s.execute("SELECT setval('" + rs.getString(1) + "', " + after + ", false)");
                                }
                            }
                        }
                    } else if (isIdentity(target, table, column)) {
                        s.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " RESTART WITH " + after);
                    }
                }
            }
        }
    }

    private static boolean isIdentity(Connection c, String table, String column) throws SQLException {
        try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), table.toUpperCase(Locale.ROOT),
                column.toUpperCase(Locale.ROOT))) {
            return rs.next() && "YES".equals(rs.getString("IS_AUTOINCREMENT"));
        }
    }

    private static long max(Connection c, String table, String column) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(" + column + "), 0) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
