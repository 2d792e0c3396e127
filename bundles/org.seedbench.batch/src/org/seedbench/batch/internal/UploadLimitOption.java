package org.seedbench.batch.internal;

import org.seedbench.batch.cli.Invocation;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.support.bandwidth.Bandwidth;
import org.seedbench.core.support.bandwidth.Rate;

import picocli.CommandLine.Option;

/** {@code --limit-upload RATE}: the upload limit of one run, which wins over the job's throttle. */
final class UploadLimitOption {
    @Option(names = "--limit-upload", paramLabel = "RATE", description = "limit what this run sends over the network, "
            + "e.g. 20MB/s, 512KiB/s, 100Mbit, or unlimited; wins over the job's throttle (seedbench throttle)")
    String limit;

    /**
     * The bucket the run's uploads pass: this option's rate, else the job's throttle, else none.
     *
     * @throws InvalidInputException when the rate is not one (exit 3, before anything is done)
     */
    Bandwidth bandwidth(Invocation inv, String job) throws InvalidInputException {
        Rate rate = limit == null ? null : Rate.parse("--limit-upload", limit);
        return inv.services().vault().uploadLimit(inv.workspace(), job, rate);
    }

    /** Shows the rate sent and the limit in the progress line, when something limits the upload. */
    static void show(TerminalProgress progress, Bandwidth bandwidth) {
        if (bandwidth.limits()) {
            progress.note(bandwidth::describe);
        }
    }
}
