package org.seedbench.catalog;

import java.time.Instant;

/**
 * A copy of the catalog file the catalog keeps of itself: before each schema upgrade and once a day, the newest
 * few of each kind.
 *
 * @param name   what {@link CatalogService#restore} takes, e.g. {@code catalog-20261207T071500Z-daily}
 * @param taken  when the copy was taken
 * @param reason {@code daily}, or {@code before-vN} for the copy taken before the upgrade to schema version N
 * @param size   the copy's bytes
 * @since 1.1
 */
public record CatalogBackup(String name, Instant taken, String reason, long size) {
}
