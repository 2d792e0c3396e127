package org.seedbench.catalog;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Hears the changes other processes commit to a shared catalog and posts them through EventAdmin under the topics of
 * {@link org.seedbench.core.events.Topics}, as the catalog posts this process's own changes, so that a view that
 * follows those topics shows every computer's changes without reading the catalog again every few seconds. A
 * PostgreSQL catalog tells of each committed change ({@code LISTEN/NOTIFY}); the embedded H2 catalog does not.
 * Registered as an OSGi service.
 *
 * @since 1.5
 */
@ProviderType
public interface CatalogWatcher {
    /** The PostgreSQL channel on which the catalog tells of each event appended ({@code job TAB kind TAB actor}). */
    String CHANNEL = "seedbench_catalog";

    /** Whether the catalog at {@code catalogUrl} tells of its changes (PostgreSQL); null, the embedded one, does not. */
    boolean notifies(String catalogUrl);

    /**
     * Starts hearing the catalog at {@code catalogUrl} on a connection of its own, which comes back by itself when the
     * server goes away and returns (then posts one change without a job, so that views read everything again).
     *
     * @throws IllegalArgumentException when the catalog does not tell of its changes ({@link #notifies} is false)
     */
    Watch watch(String catalogUrl);

    /** A catalog being heard; {@link #close()} stops hearing it. */
    interface Watch extends AutoCloseable {
        /** Whether the watch is listening now (connected and {@code LISTEN}ing). */
        boolean listening();

        @Override
        void close();
    }
}
