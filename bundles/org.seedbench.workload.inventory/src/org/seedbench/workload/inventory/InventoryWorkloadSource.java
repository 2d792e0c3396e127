package org.seedbench.workload.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.seedbench.core.model.WorkloadKind;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.core.spi.WorkloadSource;

/**
 * A protection group of a DPM or MABS server, read from its replicas as the group's inventory describes them
 * (target syntax: {@link InventoryTarget}). Each datasource's replica folder becomes the folder
 * {@link Datasource#folder()} of the workload, and a datasource is a {@linkplain #units unit} of its own, so
 * a stage run writes one snapshot per datasource and each restores alone.
 *
 * <p>Refused before anything is read: an inventory that is malformed or another product's, a datasource name
 * the group does not have, system state / bare-metal recovery (the service does not seed it offline), more
 * than {@link #MAX_GROUP_BYTES} in one group (what one import job's drives carry), and a replica folder that
 * is missing or unreadable. The {@code dpm} and {@code mabs} plugins register subclasses that name their
 * {@link Product}.
 */
public abstract class InventoryWorkloadSource implements WorkloadSource {
    /** The most one protection group may hold for the Import/Export route: 10 drives × 8 TB usable. */
    public static final long MAX_GROUP_BYTES = 80_000_000_000_000L;

    /** Attributes of a datasource's folder item. */
    public static final String ATTR_DATASOURCE = "datasource.name";
    public static final String ATTR_TYPE = "datasource.type";
    public static final String ATTR_COMPUTER = "datasource.computer";
    public static final String ATTR_GROUP = "datasource.protectionGroup";
    public static final String ATTR_RECOVERY_POINT = "datasource.recoveryPoint";

    private final Product product;
    private final InventoryReader reader;
    private final InventoryCache cache = new InventoryCache();

    protected InventoryWorkloadSource(Product product) {
        this.product = product;
        this.reader = new InventoryReader(product);
    }

    @Override
    public String id() {
        return product.sourceId();
    }

    @Override
    public String label() {
        return product.label();
    }

    @Override
    public WorkloadKind kind() {
        return product.kind();
    }

    /** A workload's inventory and the datasources it seeds. */
    private record Selected(Inventory inventory, List<Datasource> datasources) {
    }

    @Override
    public List<Problem> validate(WorkloadSpec spec) {
        List<Problem> problems = new ArrayList<>();
        String workload = spec.toString();
        Selected selected;
        try {
            selected = select(spec, problems);
        } catch (InventoryException e) {
            return List.of(new Problem(SeedRules.WORKLOAD, workload, e.getMessage(), null));
        }
        if (selected == null) {
            return problems;
        }
        Inventory inv = selected.inventory();
        for (Datasource d : selected.datasources()) {
            if (d.type() == DatasourceType.SYSTEM_STATE) {
                List<String> others = selected.datasources().stream()
                        .filter(o -> o.type() != DatasourceType.SYSTEM_STATE).map(inv::nameOf).toList();
                problems.add(new Problem(SeedRules.WORKLOAD, workload, "datasource '" + inv.nameOf(d) + "' is "
                        + d.type().label() + ": " + SeedRules.SYSTEM_STATE_REFUSED,
                        others.isEmpty() ? "datasources other than system state"
                                : "name the others: " + id() + ":" + new InventoryTarget(
                                        InventoryTarget.parse(spec.target()).inventory(), others).format()));
            }
        }
        long total = selected.datasources().stream().mapToLong(Datasource::sizeBytes).sum();
        if (total > MAX_GROUP_BYTES) {
            problems.add(new Problem(SeedRules.WORKLOAD, workload, "protection group '" + inv.group() + "' holds "
                    + Sizes.decimal(total) + " in the datasources to seed, more than one import job carries",
                    "at most " + Sizes.decimal(MAX_GROUP_BYTES) + " per protection group (10 drives × 8 TB usable); "
                            + "seed its datasources in several jobs, naming them after ::"));
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        for (Datasource d : selected.datasources()) {
            checkReplica(workload, inv, d, problems);
        }
        return problems;
    }

    private static void checkReplica(String workload, Inventory inv, Datasource d, List<Problem> problems) {
        String what = "datasource '" + inv.nameOf(d) + "': its replica folder " + d.replicaPath();
        Path folder;
        try {
            folder = inv.replicaFolder(d);
        } catch (InvalidPathException e) {
            problems.add(new Problem(SeedRules.WORKLOAD, workload, what + " is not a valid path here ("
                    + e.getReason() + ")", "run seedbench on the server that holds the replicas"));
            return;
        }
        if (!Files.exists(folder)) {
            problems.add(new Problem(SeedRules.WORKLOAD, workload, what + " does not exist",
                    "the replica's path on this computer; export the inventory again if the replica moved"));
        } else if (!Files.isDirectory(folder)) {
            problems.add(new Problem(SeedRules.WORKLOAD, workload, what + " is a file, not a folder",
                    "the folder that holds the replica's files"));
        } else {
            try {
                Files.newDirectoryStream(folder).close();
            } catch (IOException e) {
                problems.add(new Problem(SeedRules.WORKLOAD, workload, what + " cannot be read: "
                        + ReplicaTree.reason(e), "run seedbench as a user who can read the replica volumes"));
            }
        }
    }

    /**
     * The workload's inventory and selected datasources, or {@code null} with the problems added when the
     * target names none or names a datasource the group does not have.
     */
    private Selected select(WorkloadSpec spec, List<Problem> problems) throws InventoryException {
        String workload = spec.toString();
        String example = "an inventory file, optionally with datasources: " + id() + ":/srv/inv/pg.json::SQL01\\db1";
        if (spec.target().isBlank()) {
            problems.add(new Problem(SeedRules.WORKLOAD, workload, "names no inventory file", example));
            return null;
        }
        InventoryTarget target = InventoryTarget.parse(spec.target());
        Path file;
        try {
            file = Path.of(target.inventory());
        } catch (InvalidPathException e) {
            problems.add(new Problem(SeedRules.WORKLOAD, workload, "the inventory is not a valid path ("
                    + e.getReason() + ")", example));
            return null;
        }
        if (target.inventory().isBlank() || !file.isAbsolute()) {
            problems.add(new Problem(SeedRules.WORKLOAD, workload, "the inventory is not an absolute path", example));
            return null;
        }
        Inventory inv = inventory(file);
        if (target.datasources().isEmpty()) {
            return new Selected(inv, inv.datasources());
        }
        Set<Datasource> chosen = new LinkedHashSet<>();
        for (String name : target.datasources()) {
            Datasource d = inv.find(name);
            if (d == null) {
                problems.add(new Problem(SeedRules.WORKLOAD, workload, "protection group '" + inv.group()
                        + "' has no datasource '" + name + "'", inv.names()));
            } else if (!chosen.add(d)) {
                problems.add(new Problem(SeedRules.WORKLOAD, workload, "datasource '" + name + "' is named twice",
                        "each datasource once"));
            }
        }
        return problems.isEmpty() ? new Selected(inv, List.copyOf(chosen)) : null;
    }

    private Selected selected(WorkloadSpec spec) throws IOException {
        List<Problem> problems = new ArrayList<>();
        try {
            Selected s = select(spec, problems);
            if (s == null) {
                throw new IOException(problems.get(0).message());
            }
            return s;
        } catch (InventoryException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The inventory, read again only when the file changed since it was last read. */
    private Inventory inventory(Path file) throws InventoryException {
        return cache.get(file, reader);
    }

    @Override
    public List<WorkloadSpec> units(WorkloadSpec spec) throws IOException {
        Selected s = selected(spec);
        String file = InventoryTarget.parse(spec.target()).inventory();
        List<WorkloadSpec> units = new ArrayList<>();
        for (Datasource d : s.datasources()) {
            units.add(new WorkloadSpec(spec.sourceId(),
                    new InventoryTarget(file, List.of(s.inventory().nameOf(d))).format(), spec.options()));
        }
        return units;
    }

    @Override
    public long estimateSize(WorkloadSpec spec, Progress progress) throws IOException {
        Selected s = selected(spec);
        long total = 0;
        for (Datasource d : s.datasources()) {
            progress.checkCanceled();
            long[] sum = { 0 };
            tree(s.inventory(), d, false, w -> {
            }, progress).walk(item -> sum[0] += item.size());
            total += sum[0];
        }
        return total;
    }

    @Override
    public void enumerate(WorkloadSpec spec, Consumer<WorkloadItem> sink, Consumer<String> warnings,
            Progress progress) throws IOException {
        Selected s = selected(spec);
        Inventory inv = s.inventory();
        Set<String> folders = new LinkedHashSet<>();
        List<Datasource> byFolder = new ArrayList<>(s.datasources());
        byFolder.sort((a, b) -> Arrays.compare(a.folder().codePoints().toArray(), b.folder().codePoints().toArray()));
        for (Datasource d : byFolder) {
            progress.checkCanceled();
            progress.subTask(d.type().label() + " " + inv.nameOf(d) + " on " + d.computer());
            String[] parts = d.folder().split("/");
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                path.append(i == 0 ? "" : "/").append(parts[i]);
                boolean last = i == parts.length - 1;
                if (folders.add(path.toString())) {
                    sink.accept(new WorkloadItem(path.toString(), WorkloadItem.Type.DIRECTORY, 0,
                            d.recoveryPoint() != null ? d.recoveryPoint() : inv.exported(),
                            last ? attributes(inv, d) : Map.of(), null));
                }
            }
            tree(inv, d, true, warnings, progress).walk(sink);
        }
    }

    private static Map<String, String> attributes(Inventory inv, Datasource d) {
        return d.recoveryPoint() == null
                ? Map.of(ATTR_DATASOURCE, d.name(), ATTR_TYPE, d.type().json(), ATTR_COMPUTER, d.computer(),
                        ATTR_GROUP, inv.group())
                : Map.of(ATTR_DATASOURCE, d.name(), ATTR_TYPE, d.type().json(), ATTR_COMPUTER, d.computer(),
                        ATTR_GROUP, inv.group(), ATTR_RECOVERY_POINT, d.recoveryPoint().toString());
    }

    private static ReplicaTree tree(Inventory inv, Datasource d, boolean details, Consumer<String> warnings,
            Progress progress) {
        return new ReplicaTree(inv.replicaFolder(d), d.folder(), details, warnings, progress);
    }

    @Override
    public InputStream open(WorkloadSpec spec, WorkloadItem item) throws IOException {
        Selected s = selected(spec);
        for (Datasource d : s.datasources()) {
            String prefix = d.folder() + "/";
            if (item.path().startsWith(prefix)) {
                Path replica = s.inventory().replicaFolder(d).normalize();
                Path file = replica.resolve(item.path().substring(prefix.length())).normalize();
                if (!file.startsWith(replica)) {
                    throw new IOException(item.path() + " lies outside the replica folder of " + d.name());
                }
                return new ExactLengthStream(Files.newInputStream(file), item.size(), file);
            }
        }
        throw new IOException(item.path() + " is in none of the datasources of " + spec);
    }
}
