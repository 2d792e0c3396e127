package org.seedbench.catalog.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.seedbench.catalog.CatalogWatcher;
import org.seedbench.core.events.Topics;

/**
 * The {@link CatalogWatcher} of PostgreSQL catalogs: one thread a watch, on a connection of its own that {@code LISTEN}s
 * on {@link #CHANNEL} (version 8's trigger notifies there after each event appended, delivered when its transaction
 * commits), turns each notification into the topic the catalog posts for that kind of change, and connects again
 * (after 1 s, then up to 30 s between tries) when the server goes away.
 */
@Component(service = CatalogWatcher.class)
public class PostgresCatalogWatcher implements CatalogWatcher {
    private static final Logger LOG = Logger.getLogger(PostgresCatalogWatcher.class.getName());
    /** How long one wait for notifications lasts; a broken connection shows by the next wait at the latest. */
    private static final int WAIT_MILLIS = 2_000;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    /** Where the changes heard are posted; none, while no event admin is there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;
    /** The watches running, which stop with the component. */
    private final Set<Listener> running = ConcurrentHashMap.newKeySet();

    /** The watcher of Declarative Services, which binds the event admin. */
    public PostgresCatalogWatcher() {
    }

    /** A watcher that posts through {@code eventAdmin}, outside Declarative Services. */
    public PostgresCatalogWatcher(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    @Override
    public boolean notifies(String catalogUrl) {
        return catalogUrl != null && catalogUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public Watch watch(String catalogUrl) {
        if (!notifies(catalogUrl)) {
            throw new IllegalArgumentException("only a PostgreSQL catalog tells of its changes; read "
                    + (catalogUrl == null ? "the embedded catalog" : "an H2 catalog") + " again instead");
        }
        Listener listener = new Listener(catalogUrl);
        running.add(listener);
        Thread thread = new Thread(listener, "Seedbench catalog watcher");
        thread.setDaemon(true);
        thread.start();
        return listener;
    }

    /** Stops every watch still running (the bundle stops). */
    @Deactivate
    void deactivate() {
        running.forEach(Listener::close);
    }

    /** The topic the catalog posts for an event of this kind, e.g. {@code job.state} → {@link Topics#JOB_STATE}. */
    static String topic(String kind) {
        if (kind.equals("job.created")) {
            return Topics.JOB_CREATED;
        }
        if (kind.equals("job.state")) {
            return Topics.JOB_STATE;
        }
        if (kind.startsWith("drive.")) {
            return Topics.DRIVE_STATE;
        }
        if (kind.startsWith("shipment.")) {
            return Topics.SHIPMENT;
        }
        return Topics.JOB_EVENT;
    }

    /**
     * The event a notification's payload ({@code job TAB kind TAB actor}) stands for; the actor under {@code actor} and
     * the kind under {@code kind}, beside the job under {@link Topics#JOB}.
     */
    static Event event(String payload) {
        String[] parts = payload.split("\t", 3);
        Map<String, Object> properties = new HashMap<>();
        properties.put(Topics.JOB, parts[0]);
        String kind = parts.length > 1 ? parts[1] : "";
        properties.put("kind", kind);
        if (parts.length > 2) {
            properties.put("actor", parts[2]);
        }
        return new Event(topic(kind), properties);
    }

    private void post(Event event) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            admin.postEvent(event);
        }
    }

    private final class Listener implements Runnable, Watch {
        private final String url;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private volatile Connection connection;
        private volatile boolean listening;

        Listener(String url) {
            this.url = Objects.requireNonNull(url);
        }

        @Override
        public void run() {
            Duration retry = FIRST_RETRY;
            boolean heardBefore = false;
            while (stopped.getCount() > 0) {
                try (Connection c = connect()) {
                    connection = c;
                    try (Statement s = c.createStatement()) {
                        s.execute("LISTEN " + CHANNEL);
                    }
                    listening = true;
                    retry = FIRST_RETRY;
                    if (heardBefore) {
                        // what was committed while the connection was away was not heard: everything may have changed
                        post(new Event(Topics.JOB_EVENT, Map.of()));
                    }
                    heardBefore = true;
                    PGConnection pg = c.unwrap(PGConnection.class);
                    while (stopped.getCount() > 0) {
                        PGNotification[] heard = pg.getNotifications(WAIT_MILLIS);
                        if (heard != null) {
                            for (PGNotification n : heard) {
                                post(event(n.getParameter()));
                            }
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    if (stopped.getCount() > 0) {
                        LOG.log(Level.INFO, "The catalog watcher lost its connection ({0}); connecting again in {1} s",
                                new Object[] {e.getMessage(), retry.toSeconds()});
                    }
                } finally {
                    listening = false;
                    connection = null;
                }
                try {
                    if (stopped.await(retry.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }

        private Connection connect() throws SQLException {
            Connection c = new org.postgresql.Driver().connect(url, new Properties());
            if (c == null) {
                throw new SQLException("not a PostgreSQL URL");
            }
            c.setAutoCommit(true);
            return c;
        }

        @Override
        public boolean listening() {
            return listening;
        }

        @Override
        public void close() {
            running.remove(this);
            stopped.countDown();
            Connection c = connection;
            if (c != null) {
                try {
                    c.close(); // ends a wait for notifications at once
                } catch (SQLException e) {
                    // closing anyway
                }
            }
        }
    }
}
