package org.seedbench.batch.internal;

import java.util.Set;

/** One verb of the CLI: {@code seedbench <verb> …}. */
interface Verb {

    String name();

    /** One line for {@code seedbench --help}. */
    String summary();

    /** The usage line and the options, for {@code seedbench <verb> --help}. */
    String help();

    /** The first line of {@link #help()}: how the verb is called. */
    default String usage() {
        return help().lines().findFirst().orElse("seedbench " + name());
    }

    default Set<String> valuedOptions() {
        return Set.of();
    }

    default Set<String> flagOptions() {
        return Set.of();
    }

    ExitCode run(Invocation inv) throws Exception;
}
