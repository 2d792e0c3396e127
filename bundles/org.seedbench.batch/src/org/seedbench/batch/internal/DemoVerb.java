package org.seedbench.batch.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code seedbench demo}: the whole flow on generated data with the embedded defaults, in a data directory
 * of its own. It runs the steps Seedbench has and names the ones still to be built.
 */
final class DemoVerb implements Verb {
    /** The steps of the trip that are not built yet, in the order the demo will run them. */
    static final List<String> STILL_TO_COME = List.of("stage", "prepare-drives", "import job and shipping address",
            "ship", "datacenter copy", "seed-vault", "backup (incremental)", "restore", "verify", "cleanup");

    private final Function<List<String>, ExitCode> cli;

    /** @param cli runs one command line, as {@code seedbench ARGS…} would */
    DemoVerb(Function<List<String>, ExitCode> cli) {
        this.cli = cli;
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run the whole seeding flow on generated data with the embedded defaults";
    }

    @Override
    public String help() {
        return """
                usage: seedbench demo [--data DIR]
                  --data DIR  where the demo keeps its catalog and data (default: a new folder under the temp folder)""";
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        inv.args().requireNoPositionals(usage());
        Path data = inv.args().value("data") != null ? inv.dataDirectory()
                : Files.createTempDirectory("seedbench-demo-");
        String stamp = DateTimeFormatter.ofPattern("MMddHHmmss", Locale.ROOT)
                .format(inv.clock().instant().atZone(inv.clock().getZone()));
        String job = "demo-" + stamp;
        inv.out().println("Seedbench demo in " + data);
        List<List<String>> steps = List.of(
                List.of("init", "--name", job, "--staging", data.resolve("staging").toString(), "--storage-account",
                        "seedbenchdemo", "--container", "seed", "--subscription",
                        "00000000-0000-4000-8000-000000000001", "--location", "westeurope"),
                List.of("jobs"),
                List.of("status", job));
        for (List<String> step : steps) {
            List<String> args = new ArrayList<>(step);
            args.add("--data");
            args.add(data.toString());
            inv.out().println();
            inv.out().println("==> seedbench " + String.join(" ", step));
            ExitCode code = cli.apply(args);
            if (code != ExitCode.DONE) {
                inv.err().println("seedbench demo: step '" + step.get(0) + "' ended with exit code " + code.code());
                return code;
            }
        }
        inv.out().println();
        inv.out().println("Not built yet, so not run: " + String.join(", ", STILL_TO_COME) + ".");
        inv.out().println("Demo succeeded: init, jobs and status ran on " + data + ".");
        return ExitCode.DONE;
    }
}
