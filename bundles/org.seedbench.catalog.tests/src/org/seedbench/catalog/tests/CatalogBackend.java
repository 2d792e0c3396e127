package org.seedbench.catalog.tests;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.internal.CatalogDatabase;
import org.seedbench.catalog.internal.Dialect;
import org.seedbench.catalog.internal.H2CatalogService;
import org.seedbench.testsupport.PostgresServer;

/**
 * Where a test's catalog lives: the embedded H2 catalog of its data directory, or a database of its own on the real
 * PostgreSQL test server ({@link PostgresServer}). One object per test: the PostgreSQL one creates its database on
 * first use, and every catalog the test opens (whatever data directory) is that database.
 */
abstract class CatalogBackend {
    /**
     * A catalog in {@code data} (or the test's shared catalog, with {@code data} as this computer's folder), its
     * changes attributed to {@code program}.
     */
    abstract Catalog open(H2CatalogService service, Path data, String program);

    /** Runs {@code work} on a bare connection to the catalog (as an older or newer Seedbench would), then commits. */
    abstract <T> T sql(Path data, SqlWork<T> work) throws SQLException;

    /** How the catalog's messages name it: the data directory, or the URL. */
    abstract String where(Path data);

    /** Work on a bare connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** A catalog in {@code data} with its changes attributed to {@link SampleJobs#PROGRAM}. */
    final Catalog open(H2CatalogService service, Path data) {
        return open(service, data, SampleJobs.PROGRAM);
    }

    /** The catalog URL the test's catalogs are opened with; null for the data directory's catalog. */
    abstract String url();

    /** The time the catalog keeps for {@code instant}. */
    abstract Instant kept(Instant instant);

    /** A catalog that waits a short while for a catalog in use. */
    final Catalog open(Path data) {
        return open(new H2CatalogService(Duration.ofSeconds(2)), data);
    }

    static CatalogBackend h2() {
        return new CatalogBackend() {
            @Override
            Catalog open(H2CatalogService service, Path data, String program) {
                return service.open(data, program);
            }

            @Override
            <T> T sql(Path data, SqlWork<T> work) throws SQLException {
                try (CatalogDatabase.Session session = new CatalogDatabase(data, Duration.ZERO).open()) {
                    T result = work.run(session.connection());
                    session.connection().commit();
                    return result;
                }
            }

            @Override
            String where(Path data) {
                return data.toAbsolutePath().normalize().toString();
            }

            @Override
            String url() {
                return null;
            }

            @Override
            Instant kept(Instant instant) {
                return Dialect.H2.kept(instant);
            }

            @Override
            public String toString() {
                return "H2";
            }
        };
    }

    static CatalogBackend postgresql(String hint) {
        return new CatalogBackend() {
            private String url;

            @Override
            Catalog open(H2CatalogService service, Path data, String program) {
                return service.open(data, url(), program);
            }

            @Override
            <T> T sql(Path data, SqlWork<T> work) throws SQLException {
                try (Connection c = PostgresServer.get().connect(url())) {
                    return work.run(c);
                }
            }

            @Override
            String where(Path data) {
                return url();
            }

            @Override
            synchronized String url() {
                if (url == null) {
                    url = PostgresServer.get().newDatabase(hint);
                }
                return url;
            }

            @Override
            Instant kept(Instant instant) {
                return Dialect.POSTGRESQL.kept(instant);
            }

            @Override
            public String toString() {
                return "PostgreSQL";
            }
        };
    }
}
