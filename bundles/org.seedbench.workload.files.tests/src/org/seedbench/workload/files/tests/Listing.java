package org.seedbench.workload.files.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.workload.files.FilesWorkloadSource;

/** One enumeration of a files workload: the items in the order given, and the warnings. */
final class Listing {
    final List<WorkloadItem> items = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    private Listing() {
    }

    static Listing of(FilesWorkloadSource source, WorkloadSpec spec) throws IOException {
        Listing listing = new Listing();
        source.enumerate(spec, listing.items::add, listing.warnings::add, Progress.NONE);
        return listing;
    }

    static WorkloadSpec spec(Path root) {
        return new WorkloadSpec("files", root.toString());
    }

    static WorkloadSpec spec(Path root, String include, String exclude) {
        Map<String, String> options = new HashMap<>();
        if (include != null) {
            options.put(FilesWorkloadSource.INCLUDE, include);
        }
        if (exclude != null) {
            options.put(FilesWorkloadSource.EXCLUDE, exclude);
        }
        return new WorkloadSpec("files", root.toString(), options);
    }

    List<String> paths() {
        return items.stream().map(WorkloadItem::path).toList();
    }

    Optional<WorkloadItem> item(String path) {
        return items.stream().filter(i -> i.path().equals(path)).findFirst();
    }

    WorkloadItem get(String path) {
        return item(path).orElseThrow(() -> new AssertionError("not listed: " + path + " in " + paths()));
    }
}
