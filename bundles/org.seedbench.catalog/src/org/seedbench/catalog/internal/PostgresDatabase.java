package org.seedbench.catalog.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.seedbench.catalog.CatalogException;

/**
 * A shared catalog on a PostgreSQL server, named by a JDBC URL ({@code jdbc:postgresql://host:port/db?…}).
 *
 * <p>Each operation takes a connection, works in one transaction and commits; several processes on several computers
 * work at once, and the database's row locks and the catalog's conditional updates keep their changes apart. While a
 * verb has the catalog open ({@link #retain()} … {@link #release()}), the connections of finished operations are
 * kept for the next ones (a few at most), so a verb does not log in once an operation.
 *
 * <p>The password never comes in the URL in Seedbench's documentation: pgjdbc reads it from the user's pgpass file
 * ({@code ~/.pgpass}, or the file {@code PGPASSFILE} names). When a URL holds one anyway, messages leave it out
 * ({@link #redact}).
 */
public final class PostgresDatabase implements CatalogStore {
    /** Seedbench's key for {@code pg_advisory_lock} while it upgrades the schema: one process upgrades at a time. */
    private static final long MIGRATION_LOCK = 0x5EEDBE4C4L;
    private static final int KEEP = 4;
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern USER_PARAMETER = Pattern.compile("(?i)[?&;]user=([^&;]*)");

    private final String url;
    private final String shown;
    private final org.postgresql.Driver driver = new org.postgresql.Driver();
    private final Object pool = new Object();
    private final Deque<Connection> idle = new ArrayDeque<>();
    private int retained;

    /**
     * @param url a {@code jdbc:postgresql:} URL
     * @throws CatalogException when the driver does not take the URL
     */
    public PostgresDatabase(String url) {
        this.url = Objects.requireNonNull(url, "url").strip();
        this.shown = redact(this.url);
        if (!driver.acceptsURL(this.url)) {
            throw new CatalogException("catalog URL " + shown + " is not a PostgreSQL URL; give "
                    + "jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
    }

    /** The URL without a password it may hold ({@code password=…} becomes {@code password=***}). */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String s = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        // user:password@host, which pgjdbc does not take but a person may write
        return s.replaceAll("(//[^/@:?]+):[^/@?]*@", "$1:***@");
    }

    @Override
    public String where() {
        return shown;
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    /** The database user the catalog connects as: the URL's {@code user}, else the operating system's user. */
    public String user() {
        Matcher m = USER_PARAMETER.matcher(url);
        return m.find() && !m.group(1).isEmpty() ? m.group(1) : System.getProperty("user.name", "unknown");
    }

    @Override
    public <T, X extends Exception> T inTransaction(CatalogDatabase.Work<T, X> work) throws X {
        Connection c = take();
        boolean healthy = true;
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            healthy = rollback(c, e);
            throw failure("change", e);
        } catch (Exception | Error e) {
            healthy = rollback(c, e);
            throw e;
        } finally {
            give(c, healthy);
        }
    }

    @Override
    public int migrate(String actor) {
        Connection c = take();
        boolean healthy = true;
        try {
            // a catalog at the latest version is left alone: users without the right to create tables (operators,
            // auditors) open it too
            int current = 0;
            try (Statement s = c.createStatement();
                    java.sql.ResultSet rs = s.executeQuery("SELECT to_regclass('schema_version') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    current = Migrations.current(c);
                }
            }
            c.commit();
            if (current == Migrations.latest()) {
                return current;
            }
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
            }
            c.commit();
            try {
                return Migrations.apply(c, shown, actor, Migrations.latest(), Dialect.POSTGRESQL);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
                }
                c.commit();
            }
        } catch (SQLException e) {
            healthy = rollback(c, e);
            if (Dialect.isRefused(e)) {
                throw new CatalogException("catalog " + shown + " needs an upgrade to schema version "
                        + Migrations.latest() + " that " + user() + " may not make (" + reason(e) + "); run this "
                        + "Seedbench once as the catalog's owner, then seedbench catalog init-roles", e);
            }
            throw failure("upgrade", e);
        } finally {
            give(c, healthy);
        }
    }

    @Override
    public int schemaVersion() {
        return inTransaction(Migrations::current);
    }

    @Override
    public void retain() {
        synchronized (pool) {
            retained++;
        }
    }

    @Override
    public void release() {
        synchronized (pool) {
            if (retained > 0) {
                retained--;
            }
            if (retained == 0) {
                closeIdle();
            }
        }
    }

    @Override
    public void letGo() {
        // the server is shared by design: a kept connection keeps nobody waiting
    }

    private Connection take() {
        synchronized (pool) {
            Connection kept = idle.pollFirst();
            if (kept != null) {
                return kept;
            }
        }
        try {
            Connection c = driver.connect(url, new Properties());
            if (c == null) {
                throw new CatalogException("catalog URL " + shown + " is not a PostgreSQL URL");
            }
            try (Statement s = c.createStatement()) {
                // as long as the embedded catalog waits for a row another change holds
                s.execute("SET lock_timeout = '10s'");
            }
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            throw failure("connection", e);
        }
    }

    private void give(Connection c, boolean healthy) {
        synchronized (pool) {
            if (healthy && retained > 0 && idle.size() < KEEP) {
                idle.addFirst(c);
                return;
            }
        }
        closeQuietly(c);
    }

    private void closeIdle() {
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // the server closed it already
        }
    }

    /** Rolls back; false when the connection is broken and must not be kept. */
    private static boolean rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
            return true;
        } catch (SQLException e) {
            cause.addSuppressed(e);
            return false;
        }
    }

    /** A one-line failure for a database error, naming the catalog by its URL without password. */
    CatalogException failure(String what, SQLException e) {
        String state = Objects.toString(e.getSQLState(), "");
        String reason = reason(e);
        String message;
        if (Dialect.isRefused(e)) {
            message = "catalog is read-only for " + user() + " (" + reason + "): an admin grants the role "
                    + "seedbench_operator to change it (seedbench catalog init-roles)";
        } else if (state.equals("28P01") || state.equals("28000")) {
            message = "catalog " + shown + " refused the login of " + user() + " (" + reason
                    + "); check the user and its password in the pgpass file (~/.pgpass or PGPASSFILE)";
        } else if (state.equals("3D000")) {
            message = "catalog " + shown + " names a database the server does not have (" + reason
                    + "); an admin creates it (createdb) or fix the URL";
        } else if (untrustedCertificate(e)) {
            message = "catalog " + shown + " refused: the server's TLS certificate is not trusted (" + reason
                    + "); check that sslrootcert names the CA that signed the server's certificate";
        } else if (state.startsWith("08") || reason.startsWith("SSL")) {
            message = "catalog " + shown + " cannot be reached (" + reason
                    + "); check the host, port, TLS settings and that the server runs";
        } else if (state.equals("55P03") || state.equals("40P01") || state.equals("40001")) {
            message = "catalog " + shown + " is busy with another change to the same entry; try again";
        } else {
            message = "catalog " + what + " failed in " + shown + ": " + reason;
        }
        return new CatalogException(message, e);
    }

    /** Whether the TLS handshake failed on the server's certificate (its CA, its name). */
    private static boolean untrustedCertificate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof java.security.cert.CertificateException
                    || t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    /** The server's or driver's message on one line, without the password of the URL. */
    static String reason(SQLException e) {
        String message = Objects.toString(e.getMessage(), e.getClass().getSimpleName());
        int detail = message.indexOf("\n  ");
        if (detail >= 0) {
            message = message.substring(0, detail);
        }
        message = message.replaceFirst("^ERROR: ", "");
        return redact(message.replaceAll("\\s+", " ").strip());
    }

    /** The group role that may change jobs, drives and shipments, and append events. */
    public static final String OPERATOR = "seedbench_operator";
    /** The group role that may read everything and change nothing. */
    public static final String AUDITOR = "seedbench_auditor";

    /**
     * Creates (when missing) the NOLOGIN group roles {@value #OPERATOR} and {@value #AUDITOR} and grants them their
     * rights on every table of the catalog's schema: the operator SELECT, INSERT, UPDATE and DELETE on every table but
     * {@code events} (SELECT and INSERT: the log is append-only) and {@code schema_version} (SELECT), and the use of
     * the sequences; the auditor SELECT on every table. Safe to run again (after an upgrade adds tables, it must be).
     *
     * @param printed hears each SQL statement before it runs (and a {@code --} comment for what it leaves alone)
     * @return the roles' names
     */
    public List<String> initRoles(java.util.function.Consumer<String> printed) {
        Connection c = take();
        boolean healthy = true;
        try {
            String database;
            String schema;
            List<String> tables = new ArrayList<>();
            List<String> sequences = new ArrayList<>();
            try (Statement s = c.createStatement();
                    java.sql.ResultSet rs = s.executeQuery("SELECT current_database(), current_schema()")) {
                rs.next();
                database = rs.getString(1);
                schema = rs.getString(2);
            }
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT c.relname, c.relkind FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'S') "
                    + "ORDER BY c.relname")) {
                ps.setString(1, schema);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        (rs.getString(2).equals("r") ? tables : sequences).add(rs.getString(1));
                    }
                }
            }
            List<String> sql = new ArrayList<>();
            for (String role : List.of(OPERATOR, AUDITOR)) {
                boolean exists;
                try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                    ps.setString(1, role);
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        exists = rs.next();
                    }
                }
                if (exists) {
                    printed.accept("-- role " + role + " exists");
                } else {
                    sql.add("CREATE ROLE " + role + " NOLOGIN");
                }
                sql.add("GRANT CONNECT ON DATABASE " + quote(database) + " TO " + role);
                sql.add("GRANT USAGE ON SCHEMA " + quote(schema) + " TO " + role);
            }
            for (String table : tables) {
                String t = quote(schema) + "." + quote(table);
                if (table.equals("events")) {
                    sql.add("REVOKE UPDATE, DELETE, TRUNCATE ON " + t + " FROM " + OPERATOR);
                    sql.add("GRANT SELECT, INSERT ON " + t + " TO " + OPERATOR);
                } else if (table.equals("schema_version")) {
                    sql.add("GRANT SELECT ON " + t + " TO " + OPERATOR);
                } else {
                    sql.add("GRANT SELECT, INSERT, UPDATE, DELETE ON " + t + " TO " + OPERATOR);
                }
                sql.add("GRANT SELECT ON " + t + " TO " + AUDITOR);
            }
            for (String sequence : sequences) {
                sql.add("GRANT USAGE ON SEQUENCE " + quote(schema) + "." + quote(sequence) + " TO " + OPERATOR);
            }
            try (Statement s = c.createStatement()) {
                for (String statement : sql) {
                    printed.accept(statement + ";");
                    s.execute(statement);
                }
            }
            c.commit();
            return List.of(OPERATOR, AUDITOR);
        } catch (SQLException e) {
            healthy = rollback(c, e);
            if (Dialect.isRefused(e)) {
                throw new CatalogException("catalog " + shown + " refused " + user() + " the roles (" + reason(e)
                        + "); run seedbench catalog init-roles as the catalog's owner or a user with CREATEROLE", e);
            }
            throw failure("init-roles", e);
        } finally {
            give(c, healthy);
        }
    }

    private static String quote(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_]*") ? identifier : '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
