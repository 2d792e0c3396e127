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

    /**
     * Whether the verb works on the jobs of an existing catalog: then a job named on a data directory without a
     * catalog (a typo in {@code --data}) is refused instead of creating an empty catalog there.
     */
    default boolean needsCatalog() {
        return !createsCatalog();
    }

    /** Whether the verb creates the catalog when the data directory has none yet, saying so on stderr. */
    default boolean createsCatalog() {
        return false;
    }

    ExitCode run(Invocation inv) throws Exception;
}
