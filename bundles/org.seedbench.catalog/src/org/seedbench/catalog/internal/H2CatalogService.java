package org.seedbench.catalog.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogBackup;
import org.seedbench.catalog.CatalogCopyReport;
import org.seedbench.catalog.CatalogException;
import org.seedbench.catalog.CatalogService;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;

/**
 * Opens H2 catalogs: the {@link CatalogService} of Seedbench, registered by Declarative Services and usable
 * without OSGi through {@code new H2CatalogService()}.
 *
 * <p>When an {@link EventAdmin} is bound, every committed change is posted under the topics of
 * {@link org.seedbench.core.events.Topics}: {@code JOB_CREATED} and {@code JOB_STATE} for jobs,
 * {@code DRIVE_STATE} when a drive is added, replaced or moved, {@code SHIPMENT} for shipments, and
 * {@code JOB_EVENT} for recorded events and property changes. Each event carries the job's name under
 * {@code JOB}, the drive's serial under {@code DRIVE} and the new state's label (e.g. {@code Staging}) under
 * {@code STATE} where they apply.
 *
 * <p>Catalogs opened through one service on the same data directory share its database, so that the
 * process's note of who holds the catalog stays right while several of them work at once.
 */
@Component(service = CatalogService.class)
public class H2CatalogService implements CatalogService {
    /** How long an operation waits for another process to let go of the catalog, by default. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(10);

    /** How an H2 catalog file's URL starts: {@code jdbc:h2:file:/FOLDER/catalog}. */
    public static final String H2_FILE = "jdbc:h2:file:";

    /** The program a change is attributed to when the caller names none. */
    public static final String DEFAULT_PROGRAM = "seedbench";

    private final Duration lockWait;
    private final AtomicReference<EventAdmin> eventAdmin = new AtomicReference<>();
    private final ConcurrentMap<Path, CatalogDatabase> databases = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, PostgresDatabase> servers = new ConcurrentHashMap<>();
    private volatile String host;

    /** A service that waits {@link #DEFAULT_LOCK_WAIT} for a catalog in use. */
    public H2CatalogService() {
        this(DEFAULT_LOCK_WAIT);
    }

    /** A service that waits {@code lockWait} for a catalog in use before it gives up. */
    public H2CatalogService(Duration lockWait) {
        Objects.requireNonNull(lockWait, "lockWait");
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("lock wait " + lockWait + " is negative; give zero or more");
        }
        this.lockWait = lockWait;
    }

    /** Posts the catalog's changes through {@code admin} from now on. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindEventAdmin")
    public void bindEventAdmin(EventAdmin admin) {
        eventAdmin.set(admin);
    }

    /** Stops posting through {@code admin}, unless another event admin has replaced it already. */
    public void unbindEventAdmin(EventAdmin admin) {
        eventAdmin.compareAndSet(admin, null);
    }

    @Override
    public Catalog open(Path dataDirectory) throws CatalogException {
        return open(dataDirectory, DEFAULT_PROGRAM);
    }

    @Override
    public boolean exists(Path dataDirectory) {
        return database(dataDirectory).exists();
    }

    @Override
    public List<CatalogBackup> backups(Path dataDirectory) {
        return database(dataDirectory).backups();
    }

    @Override
    public Optional<Path> restore(Path dataDirectory, String backup) {
        return database(dataDirectory).restore(backup);
    }

    private CatalogDatabase database(Path dataDirectory) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Path directory = dataDirectory.toAbsolutePath().normalize();
        return databases.computeIfAbsent(directory, d -> new CatalogDatabase(d, lockWait));
    }

    /**
     * Opens the catalog in {@code dataDirectory}, attributing its changes to the user on this host running
     * {@code program}.
     *
     * @param program the program as the user knows it, e.g. {@code cli} or {@code workbench}
     */
    public Catalog open(Path dataDirectory, String program) throws CatalogException {
        return open(database(dataDirectory), program);
    }

    @Override
    public Catalog open(Path dataDirectory, String catalogUrl, String program) throws CatalogException {
        return open(store(dataDirectory, catalogUrl), program);
    }

    @Override
    public boolean exists(Path dataDirectory, String catalogUrl) {
        CatalogStore store = store(dataDirectory, catalogUrl);
        return !(store instanceof CatalogDatabase file) || file.exists();
    }

    /**
     * The database of a catalog URL: the data directory's H2 file when there is none, the H2 file a
     * {@code jdbc:h2:file:} URL names, or a PostgreSQL server.
     *
     * @throws CatalogException when the URL is none of these, in one line (without a password it may hold)
     */
    public CatalogStore store(Path dataDirectory, String catalogUrl) {
        if (catalogUrl == null || catalogUrl.isBlank()) {
            return database(dataDirectory);
        }
        String url = catalogUrl.strip();
        if (url.startsWith(H2_FILE)) {
            return database(h2Folder(url));
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return servers.computeIfAbsent(url, PostgresDatabase::new);
        }
        throw new CatalogException("catalog URL " + PostgresDatabase.redact(url) + " is not one Seedbench opens; give "
                + "jdbc:postgresql://HOST[:PORT]/DATABASE for a shared catalog, or " + H2_FILE + "/FOLDER/"
                + CatalogDatabase.FILE_NAME + " for an H2 catalog file");
    }

    /** The folder of the H2 catalog file a {@code jdbc:h2:file:/FOLDER/catalog} URL names. */
    private static Path h2Folder(String url) {
        String path = url.substring(H2_FILE.length());
        Path file;
        try {
            file = path.isEmpty() || path.indexOf(';') >= 0 ? null : Path.of(path);
        } catch (java.nio.file.InvalidPathException e) {
            file = null;
        }
        if (file == null || !file.isAbsolute() || file.getParent() == null
                || !file.getFileName().toString().equals(CatalogDatabase.FILE_NAME)) {
            throw new CatalogException("catalog URL " + url + " does not name an H2 catalog file; give " + H2_FILE
                    + "/FOLDER/" + CatalogDatabase.FILE_NAME + " (an absolute folder, no settings after ';')");
        }
        return file.getParent();
    }

    private Catalog open(CatalogStore database, String program) {
        String actor = actor(System.getProperty("user.name", "unknown"), hostName(), program);
        database.retain();
        try {
            database.migrate(actor);
            return new H2Catalog(database, actor, this::post);
        } catch (RuntimeException | Error e) {
            database.release();
            throw e;
        }
    }

    /** {@code <user>@<host> (<program>)}, e.g. {@code alice@copyhost (cli)}. */
    static String actor(String user, String host, String program) {
        String name = program == null || program.isBlank() ? DEFAULT_PROGRAM : program.strip();
        return user + "@" + host + " (" + name + ")";
    }

    private String hostName() {
        String known = host;
        if (known == null) {
            known = lookUpHostName();
            host = known;
        }
        return known;
    }

    private static String lookUpHostName() {
        for (String variable : new String[] {"COMPUTERNAME", "HOSTNAME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private void post(String topic, Map<String, Object> properties) {
        EventAdmin admin = eventAdmin.get();
        if (admin != null) {
            admin.postEvent(new Event(topic, properties));
        }
    }

    @Override
    public List<String> initRoles(Path dataDirectory, String catalogUrl, java.util.function.Consumer<String> printed) {
        if (!(store(dataDirectory, catalogUrl) instanceof PostgresDatabase server)) {
            return CatalogService.super.initRoles(dataDirectory, catalogUrl, printed);
        }
        // the tables first: the roles are granted on what is there
        open(server, "init-roles").close();
        return server.initRoles(printed);
    }

    @Override
    public CatalogCopyReport copy(Path dataDirectory, String fromUrl, String toUrl) throws InvalidInputException {
        CatalogStore from = store(dataDirectory, fromUrl);
        CatalogStore to = store(dataDirectory, toUrl);
        if (from.where().equals(to.where())) {
            throw new InvalidInputException(new Problem("--to", to.where(), "is the catalog to copy",
                    "another catalog: jdbc:postgresql://HOST[:PORT]/DATABASE"));
        }
        if (from instanceof CatalogDatabase file && !file.exists()) {
            throw new InvalidInputException(new Problem("data directory", file.where(), "holds no catalog to copy",
                    "the data directory of your jobs (--data DIR)"));
        }
        // both at the latest schema version: the same tables on both sides
        open(from, "catalog copy").close();
        open(to, "catalog copy").close();
        from.retain();
        to.retain();
        try {
            return CatalogCopy.copy(from, to);
        } finally {
            from.release();
            to.release();
        }
    }
}
