package org.seedbench.core.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

import org.seedbench.core.model.WorkloadKind;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;

/**
 * A kind of source whose data is seeded: files and folders, a DPM or MABS protection group, a partner's
 * application. Register an implementation as a Declarative Services component providing this interface;
 * it then shows in {@code seedbench workloads}, in {@code init --workload ID:TARGET} and in the workbench's
 * "Initiate offline backup" wizard with no other change.
 *
 * <p>Contract (checked by {@code org.seedbench.testsupport.WorkloadSourceContract}): {@link #id()} is
 * stable and lowercase; {@link #validate} refuses what cannot be read, and system state for offline
 * seeding; {@link #enumerate} yields every item once, in the same order on every run, directories before
 * their content; {@link #open} gives exactly {@link WorkloadItem#size()} bytes of a file item or throws.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface WorkloadSource {

    /** The id written before the colon in {@code ID:TARGET}, e.g. {@code files}. */
    String id();

    /** A short name for people, e.g. "Files and folders". */
    String label();

    WorkloadKind kind();

    /** Problems with the workload (missing target, unreadable root, system state…); empty when valid. */
    List<Problem> validate(WorkloadSpec spec);

    /** The bytes a run will read, for the staging space check and the ETA. */
    long estimateSize(WorkloadSpec spec, Progress progress) throws IOException;

    /**
     * Gives each item of the workload to {@code sink}, in a stable order.
     *
     * @param warnings receives one line per item that is skipped (unreadable, vanished); the run goes on
     */
    void enumerate(WorkloadSpec spec, Consumer<WorkloadItem> sink, Consumer<String> warnings, Progress progress)
            throws IOException;

    /** Opens a file item's content. */
    InputStream open(WorkloadSpec spec, WorkloadItem item) throws IOException;

    /**
     * The parts of a workload that are backed up, and can be restored, on their own: each becomes a snapshot
     * of its own (a DPM protection group's datasources, say). Called once {@link #validate} found no problem;
     * each part is a workload of this same source. By default the workload is one part.
     *
     * @since 1.1
     */
    default List<WorkloadSpec> units(WorkloadSpec spec) throws IOException {
        return List.of(spec);
    }
}
