package org.seedbench.catalog.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.h2.api.ErrorCode;

/** What differs between the two databases a catalog lives in, as the catalog's SQL meets it. */
public enum Dialect {
    /** H2, embedded: the catalog file of a data directory. */
    H2(ChronoUnit.NANOS),
    /** PostgreSQL: a shared catalog on a server. */
    POSTGRESQL(ChronoUnit.MICROS);

    /** The suffix of a migration script's part that runs on PostgreSQL only, after the script of its version. */
    static final String POSTGRESQL_SCRIPT = ".postgresql.sql";

    private final ChronoUnit precision;

    Dialect(ChronoUnit precision) {
        this.precision = precision;
    }

    /**
     * The time the database keeps for {@code instant}: H2 keeps nanoseconds, PostgreSQL microseconds. The catalog
     * stores and returns times truncated so, so that what it returns equals what it reads back later.
     */
    public Instant kept(Instant instant) {
        return instant == null ? null : instant.truncatedTo(precision);
    }

    /** The name of a generated column as the driver wants it for {@code getGeneratedKeys}. */
    String key(String column) {
        return this == H2 ? column.toUpperCase(Locale.ROOT) : column.toLowerCase(Locale.ROOT);
    }

    /**
     * The lock clause that keeps a job's row for the appends of one transaction. On PostgreSQL it is {@code FOR NO KEY
     * UPDATE}, which does not wait for the key share locks that inserting a drive or a property of the job takes, so
     * two such transactions on one job queue instead of deadlocking.
     */
    String rowLock() {
        return this == H2 ? "FOR UPDATE" : "FOR NO KEY UPDATE";
    }

    /** Whether {@code e} is a unique key's violation (SQLState 23505 on both databases). */
    static boolean isDuplicate(SQLException e) {
        return e.getErrorCode() == ErrorCode.DUPLICATE_KEY_1 || "23505".equals(e.getSQLState());
    }

    /** Whether {@code e} says the database refused the user the statement (PostgreSQL's 42501). */
    static boolean isRefused(SQLException e) {
        return "42501".equals(e.getSQLState());
    }
}
