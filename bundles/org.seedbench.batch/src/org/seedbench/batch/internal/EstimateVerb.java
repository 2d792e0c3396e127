package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.Sizes;
import org.seedbench.workflow.EstimateService;
import org.seedbench.workflow.SeedEstimate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedbench estimate JOB --bandwidth RATE}: whether shipping drives pays off for the job. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "estimate", description = "estimate the job's seed from a sample of its sources and say whether "
        + "shipping drives beats uploading it",
        footer = "Reads a bounded random sample of the sources (never all of them), runs the stage's chunking, "
                + "compression and encryption on it, measures a flushed write to the staging location, and compares "
                + "staging + drive copy + transit + processing with uploading at bandwidth x utilisation. Writes "
                + "nothing but a temporary file in the staging location, removed at the end.")
public final class EstimateVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", description = "the job's name")
    String job;

    @Option(names = "--bandwidth", required = true, paramLabel = "RATE",
            description = "the network link, e.g. 100Mbit, 1Gbit or 12.5MB/s")
    String bandwidth;

    @Option(names = "--utilisation", paramLabel = "SHARE", defaultValue = "0.8",
            description = "the share of the link an upload gets (default ${DEFAULT-VALUE})")
    double utilisation;

    @Option(names = "--transit-days", paramLabel = "N", defaultValue = "2",
            description = "days the carrier takes to the datacenter (default ${DEFAULT-VALUE})")
    double transitDays;

    @Option(names = "--processing-days", paramLabel = "N", defaultValue = "10",
            description = "days the service takes once the drives arrived; it says 7-10 (default ${DEFAULT-VALUE})")
    double processingDays;

    @Option(names = "--drive-size", paramLabel = "SIZE", defaultValue = "8TB",
            description = "capacity of one drive, at most 10TB (default ${DEFAULT-VALUE})")
    String driveSize;

    @Option(names = "--sample", paramLabel = "SIZE",
            description = "the most to read (default: a fiftieth of the sources, 256MiB to 4GiB, at most a third)")
    String sample;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "the random sample's seed (default ${DEFAULT-VALUE})")
    long seed;

    @Reference
    EstimateService estimates;

    @Override
    public int order() {
        return 45;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        EstimateService.Request request = new EstimateService.Request(EstimateService.bitsPerSecond("bandwidth", bandwidth), utilisation,
                transitDays, processingDays, size("drive size", driveSize),
                sample == null ? 0 : size("sample", sample), seed);
        SeedEstimate e = TerminalProgress.with(inv, progress -> estimates.estimate(inv.workspace(), job, request,
                progress));
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "done");
            m.put("job", job);
            m.put("sourceBytes", e.sourceBytes());
            m.put("sourceFiles", e.sourceFiles());
            m.put("sampledBytes", e.sampledBytes());
            m.put("sampledFiles", e.sampledFiles());
            m.put("storedBytes", e.storedBytes());
            m.put("driveSize", e.driveSize());
            m.put("drives", e.drives());
            m.put("readBytesPerSecond", Math.round(e.readRate()));
            m.put("encodeBytesPerSecond", Math.round(e.encodeRate()));
            m.put("driveCopyBytesPerSecond", Math.round(e.driveCopyRate()));
            m.put("stageDays", e.stageDays());
            m.put("driveCopyDays", e.driveCopyDays());
            m.put("transitDays", e.transitDays());
            m.put("processingDays", e.processingDays());
            m.put("driveDays", e.driveDays());
            m.put("networkBytesPerSecond", Math.round(e.networkRate()));
            m.put("uploadDays", e.uploadDays());
            m.put("shipDrives", e.shipDrives());
            m.put("recommendation", e.recommendation());
            Views.printJsonLine(inv.out(), m);
        } else {
            printText(inv.out(), job, e);
        }
        return ExitCode.DONE;
    }

    /** What {@code estimate} prints (without --json). */
    static void printText(PrintStream out, String job, SeedEstimate e) {
        e.lines(job).forEach(out::println);
    }

    private static long size(String what, String text) throws InvalidInputException {
        try {
            return Sizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(new Problem(what, text, "is not a size", "a size such as 8TB or 512MiB"));
        }
    }
}
