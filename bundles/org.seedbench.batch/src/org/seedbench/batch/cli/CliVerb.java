package org.seedbench.batch.cli;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One verb of the {@code seedbench} command line, contributed as an OSGi service: a class annotated with picocli's
 * {@code @Command} (its name and one-line description), whose {@code @Option} and {@code @Parameters} fields declare
 * what the verb takes. The parser, {@code seedbench VERB --help}, the shell completion and the man page all come
 * from those declarations, and every verb also takes {@code --data DIR}, {@code --json}, {@code --debug} and
 * {@code --help}.
 * <p>
 * Register it as a prototype-scope component, {@code @Component(service = CliVerb.class, scope =
 * ServiceScope.PROTOTYPE)}: each command line gets new instances, into whose fields picocli writes what was typed.
 * A bundle that registers one adds its verb to the headless product with no other change. The verb works through
 * the {@link Invocation}'s services and prints to its streams; what it returns is the exit code.
 */
@ConsumerType
public interface CliVerb {

    /**
     * Runs the verb once its options are parsed into the fields.
     *
     * @return the exit code: {@link ExitCode#DONE}, or what the user must know
     * @throws UsageException                                     a mistake in the command line (exit 2)
     * @throws org.seedbench.core.rules.InvalidInputException     an input that breaks a rule (exit 3)
     * @throws Exception                                          anything else fails the verb (exit 1)
     */
    ExitCode run(Invocation inv) throws Exception;

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

    /** Where the verb is listed in {@code seedbench --help}: lower first, then by name. */
    default int order() {
        return 1000;
    }
}
