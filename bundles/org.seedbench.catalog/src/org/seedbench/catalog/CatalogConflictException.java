package org.seedbench.catalog;

/**
 * A change refused because another change came first: the job (or drive) is no longer in the state the change
 * started from, e.g. another admin moved it on a shared catalog. Nothing was changed. The message is one line that
 * names who changed it and when, e.g.
 * {@code job seed-fs01 changed to Cancelled by bob@copy2 (workbench) at 2026-12-08T10:31:02Z: refresh and try again}.
 *
 * @since 1.5
 */
public class CatalogConflictException extends CatalogException {
    private static final long serialVersionUID = 1L;

    public CatalogConflictException(String message) {
        super(message);
    }
}
