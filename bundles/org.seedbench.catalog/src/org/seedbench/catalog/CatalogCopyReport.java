package org.seedbench.catalog;

import java.util.Map;

/**
 * What {@link CatalogService#copy} copied and checked.
 *
 * @param rows   each table's rows, the same in both catalogs (checked), in the order the tables were copied
 * @param chains how many event chains (one per job, deleted jobs' included) the target holds, each verified
 * @since 1.5
 */
public record CatalogCopyReport(String from, String to, Map<String, Long> rows, int chains) {
}
