package org.seedbench.batch.tests;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.seedbench.batch.internal.CommandLine;

/** One run of the command line, with what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(CommandLine cli, Path data, String... args) {
        return run(cli, data, Map.of(), args);
    }

    /** One run with {@code env} as the environment (e.g. {@code SEEDBENCH_CATALOG}). */
    static CliRun run(CommandLine cli, Path data, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(data.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A complete set of return details, as {@code ship}, {@code init} and {@code return-address} take them. */
    static final List<String> RETURN_OPTIONS = List.of("--return-recipient", "Contoso IT", "--return-street1",
            "1 Main Street", "--return-city", "Dublin", "--return-postal-code", "D02 X285", "--return-country", "IE",
            "--return-phone", "+353 1 555 0100", "--return-email", "it@contoso.example", "--return-carrier", "FedEx",
            "--return-carrier-account", "123456789");

    /** {@code args} followed by {@link #RETURN_OPTIONS}. */
    static String[] withReturnOptions(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(RETURN_OPTIONS);
        return all.toArray(String[]::new);
    }

    /** The lines printed on stderr. */
    List<String> errLines() {
        return err.lines().filter(l -> !l.isBlank()).toList();
    }
}
