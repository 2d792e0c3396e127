package org.seedbench.batch.internal;

import picocli.CommandLine.Option;

/** The options every verb takes, mixed into each verb's command by the command line. */
final class GlobalOptions {

    @Option(names = "--data", paramLabel = "DIR", description = "data directory: catalog, keys (default "
            + "~/.seedbench, or SEEDBENCH_DATA)")
    String data;

    @Option(names = "--catalog", paramLabel = "URL", description = "a shared catalog: jdbc:postgresql://HOST[:PORT]/DB "
            + "(or SEEDBENCH_CATALOG; default: the catalog in the data directory)")
    String catalog;

    @Option(names = "--json", description = "machine-readable output (JSON)")
    boolean json;

    @Option(names = "--debug", description = "stack traces for failures")
    boolean debug;

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "show this help")
    boolean help;
}
