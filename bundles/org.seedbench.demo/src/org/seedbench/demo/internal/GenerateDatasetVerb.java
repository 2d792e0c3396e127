package org.seedbench.demo.internal;

import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Path;
import java.util.Set;

import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.Sizes;

/** {@code seedbench generate-dataset DIR}: the benchmark's and the demo's data, the same bytes on every machine. */
final class GenerateDatasetVerb implements Verb {


    @Override
    public boolean needsCatalog() {
        return false;
    }
    @Override
    public String name() {
        return "generate-dataset";
    }

    @Override
    public String summary() {
        return "write a deterministic test dataset (text, binaries, repeated blocks, tiny files) for demos and benchmarks";
    }

    @Override
    public String help() {
        return """
                usage: seedbench generate-dataset DIR [--size SIZE] [--seed N] [--mutate FRACTION]
                  --size SIZE          about how much to write, e.g. 200M (the demo) or 3.2G (the benchmark); default 200M
                  --seed N             the seed; the same seed writes the same bytes (default 42)
                  --mutate FRACTION    instead: change this fraction of DIR's files (e.g. 0.05) for an incremental run""";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("size", "seed", "mutate");
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        Path dir = Path.of(inv.args().requirePositional("the dataset folder", usage())).toAbsolutePath();
        long seed = parse("seed", inv.args().value("seed") == null ? "42" : inv.args().value("seed"));
        DatasetGenerator.Summary summary;
        if (inv.args().value("mutate") != null) {
            double fraction;
            try {
                fraction = Double.parseDouble(inv.args().value("mutate"));
            } catch (NumberFormatException e) {
                fraction = -1;
            }
            if (!(fraction > 0 && fraction <= 1)) {
                throw new InvalidInputException(new Problem("mutate", inv.args().value("mutate"), "is not a fraction",
                        "a number above 0 and at most 1, e.g. 0.05"));
            }
            summary = DatasetGenerator.mutate(dir, fraction, seed);
            inv.out().printf("Changed %d files (%s) in %s%n", summary.files(), Sizes.decimal(summary.bytes()), dir);
            return ExitCode.DONE;
        }
        long size;
        try {
            size = Sizes.parse(inv.args().value("size") == null ? "200M" : inv.args().value("size"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(new Problem("size", inv.args().value("size"), e.getMessage(), null));
        }
        TerminalProgress progress = TerminalProgress.forInvocation(inv);
        progress.begin("Generating", size);
        try {
            summary = DatasetGenerator.generate(dir, size, seed, progress::worked);
        } catch (DirectoryNotEmptyException e) {
            throw new InvalidInputException(new Problem("dataset folder", dir.toString(), "is not empty",
                    "a new or empty folder; --mutate changes an existing dataset"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(new Problem("size", inv.args().value("size"), e.getMessage(),
                    "at least " + Sizes.binary(DatasetGenerator.MIN_BYTES)));
        } finally {
            progress.finishLine();
        }
        inv.out().printf("Wrote %d files in %d folders (%s) to %s%n", summary.files(), summary.directories(),
                Sizes.decimal(summary.bytes()), dir);
        return ExitCode.DONE;
    }

    private static long parse(String field, String value) throws InvalidInputException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(new Problem(field, value, "is not a whole number", null));
        }
    }
}
