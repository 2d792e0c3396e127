package org.seedbench.demo.internal;

import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.batch.cli.UsageException;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.Progress.Unit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedbench generate-dataset DIR}: the benchmark's and the demo's data, the same bytes on every machine. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "generate-dataset", description = "write a deterministic test dataset (text, binaries, repeated "
        + "blocks, tiny files) for demos and benchmarks")
public final class GenerateDatasetVerb implements CliVerb {
    @Parameters(paramLabel = "DIR", description = "the dataset folder")
    String dir;

    @Option(names = "--size", paramLabel = "SIZE", description = "about how much to write, e.g. 200M (the demo) or "
            + "3.2G (the benchmark); default 200M")
    String size;

    @Option(names = "--seed", paramLabel = "N", description = "the seed; the same seed writes the same bytes (default "
            + "42)")
    String seed;

    @Option(names = "--files", paramLabel = "N", description = "instead: write N tiny files of 0-1 KiB in folders "
            + "of at most 1,000 (e.g. 1000000 for the benchmark's scale run)")
    String files;

    @Option(names = "--mutate", paramLabel = "FRACTION", description = "instead: change this fraction of DIR's files "
            + "(e.g. 0.05) for an incremental run")
    String mutate;

    @Override
    public int order() {
        return 180;
    }

    @Override
    public boolean needsCatalog() {
        return false;
    }
    @Override
    public ExitCode run(Invocation inv) throws Exception {
        Path dir = Path.of(this.dir).toAbsolutePath();
        long seed = parse("seed", this.seed == null ? "42" : this.seed);
        DatasetGenerator.Summary summary;
        if (files != null) {
            if (mutate != null || size != null) {
                throw new UsageException("--files writes a new dataset of tiny files: give it without "
                        + (mutate != null ? "--mutate" : "--size"), null);
            }
            return generateFiles(inv, dir, parse("files", files), seed);
        }
        if (mutate != null) {
            double fraction;
            try {
                fraction = Double.parseDouble(mutate);
            } catch (NumberFormatException e) {
                fraction = -1;
            }
            if (!(fraction > 0 && fraction <= 1)) {
                throw new InvalidInputException(new Problem("mutate", mutate, "is not a fraction",
                        "a number above 0 and at most 1, e.g. 0.05"));
            }
            summary = DatasetGenerator.mutate(dir, fraction, seed);
            inv.out().printf("Changed %d files (%s) in %s%n", summary.files(), Sizes.decimal(summary.bytes()), dir);
            return ExitCode.DONE;
        }
        long size;
        try {
            size = Sizes.parse(this.size == null ? "200M" : this.size);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(new Problem("size", this.size, e.getMessage(), null));
        }
        long bytes = size;
        try {
            summary = inv.withProgress(progress -> {
                progress.begin("Generating", bytes);
                return DatasetGenerator.generate(dir, bytes, seed, progress::worked);
            });
        } catch (DirectoryNotEmptyException e) {
            throw notEmpty(dir);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(new Problem("size", this.size, e.getMessage(),
                    "at least " + Sizes.binary(DatasetGenerator.MIN_BYTES)));
        }
        inv.out().printf("Wrote %d files in %d folders (%s) to %s%n", summary.files(), summary.directories(),
                Sizes.decimal(summary.bytes()), dir);
        return ExitCode.DONE;
    }

    private static ExitCode generateFiles(Invocation inv, Path dir, long count, long seed) throws Exception {
        if (count < 1 || count > Integer.MAX_VALUE) {
            throw new InvalidInputException(new Problem("files", Long.toString(count), "is out of range",
                    "1 to " + Integer.MAX_VALUE));
        }
        DatasetGenerator.Summary summary;
        try {
            summary = inv.withProgress(progress -> {
                progress.begin("Generating", count, Unit.ITEMS);
                return DatasetGenerator.generateFiles(dir, count, seed, progress::worked);
            });
        } catch (DirectoryNotEmptyException e) {
            throw notEmpty(dir);
        }
        inv.out().printf("Wrote %d files in %d folders (%s) to %s%n", summary.files(), summary.directories(),
                Sizes.decimal(summary.bytes()), dir);
        return ExitCode.DONE;
    }

    private static InvalidInputException notEmpty(Path dir) {
        return new InvalidInputException(new Problem("dataset folder", dir.toString(), "is not empty",
                "a new or empty folder; --mutate changes an existing dataset"));
    }

    private static long parse(String field, String value) throws InvalidInputException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(new Problem(field, value, "is not a whole number", null));
        }
    }
}
