package org.seedbench.catalog.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Properties;

import org.h2.api.ErrorCode;
import org.seedbench.catalog.CatalogException;

/**
 * The H2 database of one data directory ({@code <dir>/catalog.mv.db}), taken for one operation at a time.
 *
 * <p>H2 in embedded mode locks the file while a connection of a process is open; connections of the same
 * process share the open database. So every operation opens a connection, works in one transaction, commits
 * and closes, and a process never blocks others for longer than an operation. A process that finds the file
 * locked retries for the configured wait and then fails with one line naming the holder, which it reads from
 * the {@link OwnerFile} the holder keeps while it has the database open.
 */
public final class CatalogDatabase {
    /** The database's base name: H2 adds {@code .mv.db}. */
    public static final String FILE_NAME = "catalog";

    private static final long RETRY_MILLIS = 50;
    private static final String SETTINGS = ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0;LOCK_TIMEOUT=10000";

    private final Path directory;
    private final Duration lockWait;
    private final org.h2.Driver driver = new org.h2.Driver();
    private final Object holders = new Object();
    private final Object migrations = new Object();
    private int openSessions;

    /** One unit of work on an open connection; it neither commits nor closes. */
    @FunctionalInterface
    public interface Work<T, X extends Exception> {
        T run(Connection connection) throws SQLException, X;
    }

    /**
     * A connection to the catalog, with auto-commit off. While any session of this process is open, the
     * process holds the catalog and other processes wait.
     */
    public final class Session implements AutoCloseable {
        private final Connection connection;
        private boolean closed;

        private Session(Connection connection) {
            this.connection = connection;
        }

        public Connection connection() {
            return connection;
        }

        /** Closes the connection; the last session of this process also takes down the owner note. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (holders) {
                openSessions--;
                if (openSessions == 0) {
                    OwnerFile.delete(directory);
                }
                try {
                    connection.close();
                } catch (SQLException e) {
                    throw failure("closing", e);
                }
            }
        }
    }

    /**
     * @param dataDirectory the data directory; created when missing
     * @param lockWait      how long an operation waits for another process to let go of the catalog
     */
    public CatalogDatabase(Path dataDirectory, Duration lockWait) {
        this.directory = Objects.requireNonNull(dataDirectory, "dataDirectory").toAbsolutePath().normalize();
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait");
        if (directory.toString().indexOf(';') >= 0) {
            throw new CatalogException("data directory " + directory + " has a ';' in its path; "
                    + "choose a folder without one");
        }
    }

    /** The data directory, absolute. */
    public Path directory() {
        return directory;
    }

    /** The newest schema version this code knows. */
    public static int latestSchemaVersion() {
        return Migrations.latest();
    }

    /**
     * Opens a connection, creating the data directory and the database when missing, waiting up to the
     * lock wait while another process holds the catalog.
     *
     * @throws CatalogException when the catalog stays in use or cannot be opened
     */
    public Session open() {
        createDirectory();
        long deadline = System.nanoTime() + lockWait.toNanos();
        Properties login = new Properties();
        login.setProperty("user", "sa");
        login.setProperty("password", "");
        String url = "jdbc:h2:file:" + directory.resolve(FILE_NAME) + SETTINGS;
        while (true) {
            try {
                Connection connection = driver.connect(url, login);
                return hold(connection);
            } catch (SQLException e) {
                if (e.getErrorCode() != ErrorCode.DATABASE_ALREADY_OPEN_1) {
                    throw failure("opening", e);
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new CatalogException(inUseMessage(), e);
                }
                pause(Math.min(left, RETRY_MILLIS));
            }
        }
    }

    /**
     * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws.
     *
     * @throws CatalogException when the database fails
     */
    public <T, X extends Exception> T inTransaction(Work<T, X> work) throws X {
        try (Session session = open()) {
            Connection c = session.connection();
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                rollback(c, e);
                throw failure("change", e);
            } catch (Exception | Error e) {
                rollback(c, e);
                throw e;
            }
        }
    }

    /**
     * Brings the schema to the latest version.
     *
     * @param actor who the upgrade is attributed to in {@code schema_version}
     * @return the schema version
     */
    public int migrate(String actor) {
        try (Session session = open()) {
            synchronized (migrations) {
                return Migrations.apply(session.connection(), directory.toString(), actor);
            }
        } catch (SQLException e) {
            throw failure("upgrade", e);
        }
    }

    /** The schema version the catalog is at. */
    public int schemaVersion() {
        return inTransaction(Migrations::current);
    }

    /** A one-line failure for a database error, without SQL. */
    CatalogException failure(String what, SQLException e) {
        String file = directory.resolve(FILE_NAME + ".mv.db").toString();
        String message = switch (e.getErrorCode()) {
        case ErrorCode.FILE_CORRUPTED_1 -> "catalog file " + file + " is damaged; restore the data directory "
                + "from a backup or move the file away to start an empty catalog";
        case ErrorCode.FILE_VERSION_ERROR_1, ErrorCode.UNSUPPORTED_SETTING_1 -> "catalog file " + file
                + " was written by an incompatible database version; open it with the Seedbench that wrote it";
        case ErrorCode.IO_EXCEPTION_1, ErrorCode.IO_EXCEPTION_2, ErrorCode.FILE_CREATION_FAILED_1 ->
            "catalog in " + directory + " cannot be read or written (" + reason(e)
                    + "); check the folder's permissions and free space";
        case ErrorCode.LOCK_TIMEOUT_1 -> "catalog in " + directory
                + " is busy with another change to the same entry; try again";
        case ErrorCode.DATABASE_IS_READ_ONLY -> "catalog in " + directory
                + " is read-only; make the folder writable";
        default -> "catalog " + what + " failed in " + directory + ": " + reason(e);
        };
        return new CatalogException(message, e);
    }

    /** H2's message without the SQL statement and the error code suffix, on one line. */
    static String reason(SQLException e) {
        String message = Objects.toString(e.getMessage(), e.getClass().getSimpleName());
        int sql = message.indexOf("; SQL statement:");
        if (sql >= 0) {
            message = message.substring(0, sql);
        }
        message = message.replaceAll("\\s*\\[\\d+-\\d+]\\s*$", "");
        return message.replaceAll("\\s+", " ").strip();
    }

    private Session hold(Connection connection) throws SQLException {
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        synchronized (holders) {
            openSessions++;
            if (openSessions == 1) {
                OwnerFile.write(directory, Instant.now());
            }
        }
        return new Session(connection);
    }

    private String inUseMessage() {
        return OwnerFile.read(directory)
                .map(owner -> "catalog in use by " + owner.describe() + "; try again when it ends")
                .orElse("catalog in use by another process; try again when it ends");
    }

    private void createDirectory() {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new CatalogException("data directory " + directory + " is a file; choose a folder");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new CatalogException("data directory " + directory + " cannot be created (" + e
                    + "); choose a folder you can write to", e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("interrupted while waiting for the catalog; try again", e);
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
