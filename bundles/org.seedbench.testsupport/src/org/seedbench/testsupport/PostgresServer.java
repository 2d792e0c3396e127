package org.seedbench.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real PostgreSQL server the tests of a shared catalog run against, one per test JVM: the one
 * {@code SEEDBENCH_TEST_PG_URL} names (started by {@code releng/pg.sh start DIR}, which {@code releng/test.sh} runs;
 * the password comes from the pgpass file {@code PGPASSFILE} names), else a cluster of its own, started with
 * {@code releng/pg.sh} (the system property {@value #SCRIPT_PROPERTY}, which the build sets) in a temporary folder
 * and stopped when the JVM ends.
 *
 * <p>Each test takes a database of its own ({@link #newDatabase}), so tests do not see each other's rows.
 */
public final class PostgresServer {
    /** The URL of a running test server's {@code seedbench} database, as {@code releng/pg.sh} prints it. */
    public static final String URL_ENV = "SEEDBENCH_TEST_PG_URL";
    /** The CA certificate that signed the test server's certificate, as {@code releng/pg.sh} prints it. */
    public static final String CA_ENV = "SEEDBENCH_TEST_PG_CA";
    /** The system property naming {@code releng/pg.sh}, for a server of this JVM's own. */
    public static final String SCRIPT_PROPERTY = "seedbench.pg.script";
    /** pgjdbc reads the pgpass file this system property names before {@code PGPASSFILE}. */
    private static final String PGPASS_PROPERTY = "org.postgresql.pgpassfile";
    private static final Pattern EXPORT = Pattern.compile("export ([A-Z_]+)=(.*)");
    private static final Pattern DATABASE = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer server;

    private final String url;
    private final Path caCertificate;

    private PostgresServer(String url, Path caCertificate) {
        this.url = url;
        this.caCertificate = caCertificate;
    }

    /**
     * The server of this JVM, started on first use when {@value #URL_ENV} names none.
     *
     * @throws IllegalStateException when no server is named and none can be started, saying what to do
     */
    public static synchronized PostgresServer get() {
        if (server == null) {
            String given = System.getenv(URL_ENV);
            if (given != null && !given.isBlank()) {
                String ca = System.getenv(CA_ENV);
                server = new PostgresServer(given.strip(), ca == null || ca.isBlank() ? null : Path.of(ca));
            } else {
                server = start();
            }
        }
        return server;
    }

    /** The URL of the server's {@code seedbench} database, without a password. */
    public String url() {
        return url;
    }

    /** The CA certificate of the server's TLS certificate, or null when the server was started without one known. */
    public Path caCertificate() {
        return caCertificate;
    }

    /**
     * Creates a new, empty database for one test and returns its URL (the server's URL with the database's name).
     *
     * @param hint a few letters of the test's name, for a person looking at the server
     */
    public String newDatabase(String hint) {
        String name = ("sb_" + hint.replaceAll("[^A-Za-z0-9]", "_") + "_" + ProcessHandle.current().pid() + "_"
                + DATABASES.incrementAndGet()).toLowerCase(java.util.Locale.ROOT);
        if (name.length() > 60) {
            name = name.substring(name.length() - 60);
        }
        execute(url, "CREATE DATABASE " + name);
        return withDatabase(url, name);
    }

    /** {@code databaseUrl} with another database's name in it (its parameters stay). */
    public static String withDatabase(String databaseUrl, String database) {
        Matcher m = DATABASE.matcher(databaseUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL URL with a database: " + databaseUrl);
        }
        return m.group(1) + database + (m.group(3) == null ? "" : m.group(3));
    }

    /** {@code databaseUrl} with {@code parameters} (e.g. {@code user=auditor}) added. */
    public static String withParameters(String databaseUrl, String parameters) {
        return databaseUrl + (databaseUrl.contains("?") ? "&" : "?") + parameters;
    }

    /** Runs SQL statements as the server's superuser on the database of {@code databaseUrl}. */
    public void execute(String databaseUrl, String... statements) {
        try (Connection c = connect(databaseUrl); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test server refused " + String.join("; ", statements) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Creates a login role named {@code user} (a fresh name: roles belong to the whole server) in the given group
     * roles, with the password the pgpass file holds for every user of the test server, so that a URL with
     * {@code user=NAME} logs in as it without a password in the URL.
     */
    public void createLogin(String user, String... groupRoles) {
        String password = pgpassPassword();
        execute(url, "CREATE ROLE " + user + " LOGIN PASSWORD '" + password.replace("'", "''") + "'"
                + (groupRoles.length == 0 ? "" : " IN ROLE " + String.join(", ", groupRoles)));
    }

    /** The password of the pgpass file's first line (releng/pg.sh writes one for every user). */
    private static String pgpassPassword() {
        String file = System.getProperty(PGPASS_PROPERTY, System.getenv("PGPASSFILE"));
        if (file == null) {
            throw new IllegalStateException("no pgpass file: set PGPASSFILE as releng/pg.sh start prints it");
        }
        try {
            String line = Files.readAllLines(Path.of(file)).get(0);
            return line.substring(line.lastIndexOf(':') + 1);
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("pgpass file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A connection as the server's superuser (auto-commit on) to the database of {@code databaseUrl}. */
    public Connection connect(String databaseUrl) throws SQLException {
        return new org.postgresql.Driver().connect(databaseUrl, new Properties());
    }

    private static PostgresServer start() {
        String script = System.getProperty(SCRIPT_PROPERTY);
        if (script == null || !Files.isRegularFile(Path.of(script))) {
            throw new IllegalStateException("no PostgreSQL test server: set " + URL_ENV + " (eval \"$(releng/pg.sh "
                    + "start DIR)\") or the system property " + SCRIPT_PROPERTY + " to releng/pg.sh");
        }
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "seedbench-pg-");
            Map<String, String> exported = run(script, "start", dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(script, "stop", dir);
                    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(file);
                        }
                    }
                } catch (IOException e) {
                    // the temporary folder stays behind
                }
            }, "stop PostgreSQL test server"));
            String pgpass = exported.get("PGPASSFILE");
            if (pgpass != null) {
                System.setProperty(PGPASS_PROPERTY, pgpass);
            }
            String ca = exported.get(CA_ENV);
            return new PostgresServer(exported.get(URL_ENV), ca == null ? null : Path.of(ca));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL test server did not start: " + e.getMessage(), e);
        }
    }

    /** Runs releng/pg.sh and reads the export lines it prints. */
    private static Map<String, String> run(String script, String verb, Path dir) throws IOException {
        Process p = new ProcessBuilder("bash", script, verb, dir.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("releng/pg.sh " + verb + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while releng/pg.sh " + verb + " ran", e);
        }
        Map<String, String> exported = new HashMap<>();
        for (String line : output.split("\\R")) {
            Matcher m = EXPORT.matcher(line.strip());
            if (m.matches()) {
                exported.put(m.group(1), m.group(2));
            }
        }
        if (verb.equals("start") && !exported.containsKey(URL_ENV)) {
            throw new IOException("releng/pg.sh start printed no " + URL_ENV + ": " + output.strip());
        }
        return exported;
    }
}
