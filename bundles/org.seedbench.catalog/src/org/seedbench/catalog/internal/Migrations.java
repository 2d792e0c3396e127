package org.seedbench.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.seedbench.catalog.CatalogException;

/**
 * The versioned schema: SQL scripts {@code migrations/V<n>__<what>.sql} beside this class, applied in
 * order, each in its own transaction together with its row in {@code schema_version}. A script's statements
 * end with a semicolon at the end of a line; lines starting with {@code --} are comments.
 *
 * <p>Scripts are plain SQL that H2 and PostgreSQL both run. What only one database has (PostgreSQL's triggers and
 * functions) goes into {@code V<n>__<what>.postgresql.sql} beside the script of its version, which PostgreSQL runs
 * after that script (and the version's Java step, if any: {@link #STEPS}), in the same transaction; H2 does not
 * run it. A version number is only an order: numbers
 * may be left out ({@link #SCRIPTS} lists the scripts in ascending order).
 */
final class Migrations {
    /** Every script, oldest first; a new schema version adds its script at the end. */
    private static final List<String> SCRIPTS = List.of("V1__catalog.sql", "V2__child_tables.sql",
            "V3__drop_list_text.sql", "V4__job_returns.sql", "V5__event_chain.sql",
            "V7__pack_leases.sql", "V8__change_notices.sql");

    /** Work in Java that a version needs after its script (before its PostgreSQL part), in the same transaction. */
    @FunctionalInterface
    private interface Step {
        void run(Connection c, Dialect dialect) throws SQLException;
    }

    private static final Map<Integer, Step> STEPS = Map.of(5, EventLog::chainExisting);

    private static final Pattern SCRIPT_NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.sql");

    private Migrations() {
    }

    /** The version the newest script brings the catalog to. */
    static int latest() {
        return version(SCRIPTS.get(SCRIPTS.size() - 1));
    }

    /** The versions of every script, in order. */
    static List<Integer> versions() {
        return SCRIPTS.stream().map(Migrations::version).toList();
    }

    /** The version the catalog is at, 0 when it has none yet. */
    static int current(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Brings the catalog to the latest version and returns it.
     *
     * @param where the data directory, for messages
     * @throws CatalogException when the catalog is newer than this code or a script fails
     */
    static int apply(Connection c, String where, String actor) throws SQLException {
        return apply(c, where, actor, latest());
    }

    /** Brings the catalog to version {@code target} at the most; for tests that need an older catalog. */
    static int apply(Connection c, String where, String actor, int target) throws SQLException {
        return apply(c, where, actor, target, Dialect.H2);
    }

    /** Brings the catalog to version {@code target} at the most, with the scripts' parts for {@code dialect}. */
    static int apply(Connection c, String where, String actor, int target, Dialect dialect) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INT NOT NULL PRIMARY KEY, script VARCHAR NOT NULL, "
                    + "applied TIMESTAMP(9) WITH TIME ZONE NOT NULL, actor VARCHAR NOT NULL)");
        }
        c.commit();
        int current = current(c);
        if (current > latest()) {
            throw new CatalogException("catalog in " + where + " is at schema version " + current
                    + ", newer than this Seedbench knows (" + latest() + "); use the Seedbench that last wrote it");
        }
        for (String script : SCRIPTS) {
            int version = version(script);
            if (version <= current || version > target) {
                continue;
            }
            try {
                execute(c, statements(read(script)));
                Step step = STEPS.get(version);
                if (step != null) {
                    step.run(c, dialect);
                }
                if (dialect == Dialect.POSTGRESQL) {
                    String own = script.substring(0, script.length() - ".sql".length()) + Dialect.POSTGRESQL_SCRIPT;
                    if (Migrations.class.getResource("migrations/" + own) != null) {
                        execute(c, statements(read(own)));
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version (version, script, applied, actor) VALUES (?, ?, ?, ?)")) {
                    ps.setInt(1, version);
                    ps.setString(2, script);
                    ps.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
                    ps.setString(4, actor);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new CatalogException("catalog in " + where + " could not be upgraded to schema version "
                        + version + ": " + CatalogDatabase.reason(e) + "; nothing was lost, report this", e);
            }
            current = version;
        }
        return current;
    }

    private static void execute(Connection c, List<String> statements) throws SQLException {
        for (String statement : statements) {
            try (Statement s = c.createStatement()) {
                s.execute(statement);
            }
        }
    }

    static int version(String script) {
        Matcher m = SCRIPT_NAME.matcher(script);
        if (!m.matches()) {
            throw new IllegalStateException("migration script " + script + " is not named V<n>__<what>.sql");
        }
        return Integer.parseInt(m.group(1));
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + script)) {
            if (in == null) {
                throw new IllegalStateException("migration script " + script + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("migration script " + script + " cannot be read: " + e.getMessage(), e);
        }
    }

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("migration script ends without a ';' after its last statement");
        }
        return statements;
    }
}
