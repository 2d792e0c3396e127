package org.seedbench.catalog;

/**
 * The catalog could not do what was asked: it is in use by another process, its files are unreadable, or
 * the database failed. The message is one line a person can act on, e.g.
 * {@code catalog in use by PID 4242 (seedbench stage seed-fs01) since 10:31:02; try again when it ends}.
 */
public class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
