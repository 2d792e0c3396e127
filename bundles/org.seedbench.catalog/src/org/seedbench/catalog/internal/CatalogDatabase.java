package org.seedbench.catalog.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.h2.api.ErrorCode;
import org.seedbench.catalog.CatalogBackup;
import org.seedbench.catalog.CatalogException;

/**
 * The H2 database of one data directory ({@code <dir>/catalog.mv.db}), taken for one operation at a time.
 *
 * <p>H2 in embedded mode locks the file while a connection of a process is open; connections of the same
 * process share the open database. So every operation takes a connection, works in one transaction and commits.
 * A process that finds the file locked retries for the configured wait and then fails with one line naming the
 * holder, which it reads from the {@link OwnerFile} the holder keeps while it has the database open.
 *
 * <p>Opening the file and closing it (when H2 compacts and syncs it, some 15–20 fsyncs) costs more than most
 * operations. So while a verb has the catalog open ({@link #retain()} … {@link #release()}), the connection of
 * an operation that ends is kept for the next one for up to {@link #LINGER}, until the verb turns to work that
 * uses no catalog ({@link #letGo()}), so the database is opened once per group of operations rather than once per
 * operation. A process kept waiting says so in the note {@value #WAITING_FILE}; a
 * holder that sees it lets go as soon as its running operation ends, so no process blocks others for longer than
 * an operation and the check of that note.
 */
public final class CatalogDatabase implements CatalogStore {
    /** The database's base name: H2 adds {@code .mv.db}. */
    public static final String FILE_NAME = "catalog";

    /** How long the connection of a finished operation is kept for the next one while the verb runs. */
    public static final Duration LINGER = Duration.ofSeconds(5);

    /** The note of a process waiting for the catalog; holders let go when they see it. */
    static final String WAITING_FILE = "catalog.waiting";

    private static final long RETRY_MILLIS = 50;
    private static final long WATCH_MILLIS = 100;
    /** A waiting note older than this is left from a process that stopped waiting without taking it down. */
    private static final Duration WAITING_FRESH = Duration.ofSeconds(30);
    private static final ScheduledExecutorService WATCHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "seedbench catalog linger");
        t.setDaemon(true);
        return t;
    });
    private static final String DAILY = "daily";
    private static final String SETTINGS = ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0;LOCK_TIMEOUT=10000";

    private final Path directory;
    private final Duration lockWait;
    private final org.h2.Driver driver = new org.h2.Driver();
    private final Object holders = new Object();
    private final Object migrations = new Object();
    private int openSessions;
    private int sessionsOpened;
    private int retained;
    /** The connection kept after the last operation while the verb runs, or null. */
    private Connection idle;
    private long idleSince;
    private ScheduledFuture<?> watch;
    private Instant lastBackup;

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

        /**
         * Ends the session. The last session of this process keeps its connection for the next operation while a
         * verb runs and nobody waits; otherwise it closes it and takes down the owner note.
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (holders) {
                openSessions--;
                if (openSessions == 0 && retained > 0 && !othersWait()) {
                    idle = connection;
                    idleSince = System.nanoTime();
                    if (watch == null) {
                        watch = WATCHER.scheduleWithFixedDelay(CatalogDatabase.this::watchIdle, WATCH_MILLIS,
                                WATCH_MILLIS, TimeUnit.MILLISECONDS);
                    }
                    return;
                }
                closeConnection(connection);
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

    @Override
    public String where() {
        return directory.toString();
    }

    @Override
    public Dialect dialect() {
        return Dialect.H2;
    }

    /**
     * How many connections this process has opened to the catalog through this object: each takes the file from other
     * processes, and costs the opening (and on close, the writing) of the database file.
     */
    public int sessionsOpened() {
        synchronized (holders) {
            return sessionsOpened;
        }
    }

    /** Every schema version this code knows, oldest first (numbers may be left out). */
    public static List<Integer> schemaVersions() {
        return Migrations.versions();
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
        synchronized (holders) {
            if (idle != null) {
                Connection kept = idle;
                idle = null;
                openSessions++;
                return new Session(kept);
            }
        }
        createDirectory();
        checkWhole();
        long deadline = System.nanoTime() + lockWait.toNanos();
        Properties login = new Properties();
        login.setProperty("user", "sa");
        login.setProperty("password", "");
        String url = "jdbc:h2:file:" + directory.resolve(FILE_NAME) + SETTINGS;
        boolean waiting = false;
        long noted = System.nanoTime() - WAITING_FRESH.toNanos();
        while (true) {
            try {
                Connection connection = driver.connect(url, login);
                if (waiting) {
                    deleteQuietly(directory.resolve(WAITING_FILE));
                }
                return hold(connection);
            } catch (SQLException e) {
                if (e.getErrorCode() != ErrorCode.DATABASE_ALREADY_OPEN_1) {
                    throw failure("opening", e);
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    if (waiting) {
                        deleteQuietly(directory.resolve(WAITING_FILE));
                    }
                    throw new CatalogException(inUseMessage(), e);
                }
                if (System.nanoTime() - noted > WAITING_FRESH.toNanos() / 3) {
                    waiting = noteWaiting();
                    noted = System.nanoTime();
                }
                pause(Math.min(left, RETRY_MILLIS));
            }
        }
    }

    /**
     * Marks the start of a verb's use of the catalog: until the matching {@link #release()}, a finished
     * operation's connection is kept for the next one.
     */
    @Override
    public void retain() {
        synchronized (holders) {
            retained++;
        }
    }

    /** Marks the end of a verb's use: the last one closes the kept connection, if any. */
    @Override
    public void release() {
        synchronized (holders) {
            if (retained > 0) {
                retained--;
            }
            if (retained == 0) {
                closeIdle();
            }
        }
    }

    /** Closes the connection kept from the last operation, if no operation of this process runs now. */
    @Override
    public void letGo() {
        synchronized (holders) {
            closeIdle();
        }
    }

    /** Lets go of the database when the kept connection has waited long enough or another process waits. */
    private void watchIdle() {
        synchronized (holders) {
            if (idle == null) {
                return;
            }
            if (System.nanoTime() - idleSince >= LINGER.toNanos() || othersWait()) {
                closeIdle();
            }
        }
    }

    /** Closes the kept connection, if any; the caller holds {@code holders}. */
    private void closeIdle() {
        if (watch != null) {
            watch.cancel(false);
            watch = null;
        }
        if (idle != null) {
            Connection kept = idle;
            idle = null;
            closeConnection(kept);
        }
    }

    /** Closes a connection that no session of this process uses; the caller holds {@code holders}. */
    private void closeConnection(Connection connection) {
        if (openSessions == 0 && idle == null) {
            OwnerFile.delete(directory);
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("closing", e);
        }
    }

    /** Whether another process noted lately that it waits for the catalog. */
    private boolean othersWait() {
        try {
            FileTime noted = Files.getLastModifiedTime(directory.resolve(WAITING_FILE));
            return noted.toInstant().isAfter(Instant.now().minus(WAITING_FRESH));
        } catch (IOException e) {
            return false;
        }
    }

    /** Notes that this process waits for the catalog; false when the note cannot be written. */
    private boolean noteWaiting() {
        try {
            Files.writeString(directory.resolve(WAITING_FILE), ProcessHandle.current().pid() + "\n");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a note left behind goes stale by itself
        }
    }

    /**
     * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws.
     *
     * @throws CatalogException when the database fails
     */
    @Override
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
     * Brings the schema to the latest version. It first checks that an existing catalog file is a readable catalog
     * (else it fails naming the file, having written nothing) and takes a backup of it before an upgrade, or when
     * none was taken in the last day ({@link CatalogBackups}).
     *
     * @param actor who the upgrade is attributed to in {@code schema_version}
     * @return the schema version
     * @throws CatalogException when the catalog file is damaged
     */
    @Override
    public int migrate(String actor) {
        synchronized (migrations) {
            boolean existed = Files.exists(file());
            boolean checkBackups = existed
                    && (lastBackup == null || lastBackup.isBefore(Instant.now().minus(CatalogBackups.DAY)));
            Optional<String> due;
            try (Session session = open()) {
                due = checkBackups ? check(session.connection()) : Optional.empty();
                if (due.isEmpty()) {
                    return upgrade(session.connection(), existed, actor);
                }
            }
            // a copy is taken of the file while no connection of this process has it open
            synchronized (holders) {
                closeIdle();
            }
            Optional<CatalogBackup> taken = new CatalogBackups(directory).take(due.get(), Instant.now());
            if (due.get().equals(DAILY)) {
                taken.ifPresent(b -> lastBackup = b.taken());
            }
            try (Session session = open()) {
                return upgrade(session.connection(), existed, actor);
            }
        }
    }

    /** Whether the data directory holds a catalog file. */
    public boolean exists() {
        return Files.isRegularFile(file());
    }

    /** The catalog's backups, newest first. */
    public List<CatalogBackup> backups() {
        return new CatalogBackups(directory).list();
    }

    /**
     * Puts a backup back as the catalog file; the file it replaces is kept beside it.
     *
     * @return where the replaced file is kept, when there was one
     */
    public Optional<Path> restore(String backup) {
        synchronized (migrations) {
            synchronized (holders) {
                closeIdle();
            }
            createDirectory();
            return new CatalogBackups(directory).restore(backup, Instant.now(), driver);
        }
    }

    /**
     * The checks of an existing catalog file, in the session that then upgrades it: that it is a catalog, and which
     * backup is due, if any.
     *
     * @return the reason of the backup to take before the upgrade
     */
    private Optional<String> check(Connection c) {
        int current;
        try {
            if (!hasSchema(c)) {
                throw damaged("it holds no Seedbench catalog");
            }
            current = Migrations.current(c);
        } catch (SQLException e) {
            throw failure("check", e);
        }
        Instant now = Instant.now();
        CatalogBackups backups = new CatalogBackups(directory);
        if (current < Migrations.latest()) {
            return Optional.of("before-v" + Migrations.latest());
        } else if (backups.dailyDue(now)) {
            return Optional.of(DAILY);
        }
        lastBackup = backups.list().get(0).taken();
        return Optional.empty();
    }

    /** Brings the schema of the open catalog to the latest version. */
    private int upgrade(Connection c, boolean existed, String actor) {
        try {
            if (existed && !hasSchema(c)) {
                throw damaged("it holds no Seedbench catalog");
            }
            return Migrations.apply(c, directory.toString(), actor);
        } catch (SQLException e) {
            throw failure("upgrade", e);
        }
    }

    /** Whether the database holds the catalog's {@code schema_version} table. */
    static boolean hasSchema(Connection c) throws SQLException {
        // H2 keeps unquoted names in upper case, PostgreSQL in lower case
        for (String name : new String[] {"SCHEMA_VERSION", "schema_version"}) {
            try (ResultSet rs = c.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * An empty catalog file, or one cut short, is a damaged one. The database would take an empty file for a new
     * catalog and write over it; from a file cut short after a clean close it would silently read an older state
     * (its crash recovery). A clean close leaves the file header naming the last chunk's block
     * ({@code H:2,block:<hex>,blockSize:<hex>,…,clean:1,…}): a file that ends before that block was cut short. A
     * header without {@code clean:1} (a process died or still writes) is left to the database's recovery.
     */
    private void checkWhole() {
        Path file = file();
        try {
            if (!Files.exists(file)) {
                return;
            }
            long size = Files.size(file);
            if (size == 0) {
                throw damaged("it is empty");
            }
            Map<String, String> header = fileHeader(file);
            if ("1".equals(header.get("clean")) && header.containsKey("block")) {
                long blockSize = Long.parseLong(header.getOrDefault("blockSize", "1000"), 16);
                long lastBlock = Long.parseLong(header.get("block"), 16);
                if ((lastBlock + 1) * blockSize > size) {
                    throw damaged("it ends before its last chunk: the file was cut short");
                }
            }
        } catch (NumberFormatException e) {
            // a header that does not parse: the database names it when it opens the file
        } catch (IOException e) {
            throw new CatalogException("catalog file " + file + " cannot be read (" + e
                    + "); check the folder's permissions", e);
        }
    }

    /** The fields of the database file's first header ({@code key:value} pairs up to its line end). */
    private static Map<String, String> fileHeader(Path file) throws IOException {
        byte[] head = new byte[1024];
        int n;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String text = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\n');
        Map<String, String> fields = new java.util.HashMap<>();
        for (String field : (end < 0 ? text : text.substring(0, end)).split(",")) {
            int colon = field.indexOf(':');
            if (colon > 0) {
                fields.put(field.substring(0, colon).strip(), field.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    private Path file() {
        return directory.resolve(FILE_NAME + ".mv.db");
    }

    /** One line naming the damaged catalog file and the way back. */
    private CatalogException damaged(String why) {
        return new CatalogException("catalog file " + file() + " is damaged (" + why + "); nothing was written: "
                + "seedbench catalog backups lists its backups, seedbench catalog restore BACKUP puts one back");
    }

    /** The schema version the catalog is at. */
    @Override
    public int schemaVersion() {
        return inTransaction(Migrations::current);
    }

    /** A one-line failure for a database error, without SQL. */
    CatalogException failure(String what, SQLException e) {
        if (e.getErrorCode() == ErrorCode.FILE_CORRUPTED_1 || (e.getErrorCode() == ErrorCode.IO_EXCEPTION_1
                && Files.isReadable(file()) && Files.isWritable(file()))) {
            return new CatalogException(damaged("the database cannot read it").getMessage(), e);
        }
        String file = file().toString();
        String message = switch (e.getErrorCode()) {
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
            sessionsOpened++;
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
