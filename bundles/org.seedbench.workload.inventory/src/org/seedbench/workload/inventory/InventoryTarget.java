package org.seedbench.workload.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * The target of a {@code dpm:} or {@code mabs:} workload: the inventory file, then optionally the datasources
 * to seed, each after a double colon: {@code dpm:/srv/inv/pg1.json}, {@code dpm:C:\inv\pg1.json::SQL01\db1::D:\}.
 * A single colon belongs to the path or the name ({@code C:\}, {@code D:\}); in a run of three or more colons
 * the last two separate, so a name may end with a colon but not start with one. With no datasource named,
 * every datasource of the group is seeded.
 *
 * @param inventory   the inventory file's path as written
 * @param datasources the datasource names as written, empty for all
 */
public record InventoryTarget(String inventory, List<String> datasources) {
    /** What stands between the inventory and each datasource name. */
    public static final String SEPARATOR = "::";

    public InventoryTarget {
        datasources = List.copyOf(datasources);
    }

    /** Splits a target; parts may be blank, which {@link InventoryWorkloadSource#validate} refuses. */
    public static InventoryTarget parse(String target) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < target.length()) {
            if (target.charAt(i) != ':') {
                i++;
                continue;
            }
            int run = i;
            while (i < target.length() && target.charAt(i) == ':') {
                i++;
            }
            if (i - run >= 2) {
                parts.add(target.substring(start, i - 2));
                start = i;
            }
        }
        parts.add(target.substring(start));
        return new InventoryTarget(parts.get(0), parts.subList(1, parts.size()));
    }

    /** The target written back: the inventory, then each datasource after {@link #SEPARATOR}. */
    public String format() {
        StringBuilder b = new StringBuilder(inventory);
        for (String d : datasources) {
            b.append(SEPARATOR).append(d);
        }
        return b.toString();
    }
}
