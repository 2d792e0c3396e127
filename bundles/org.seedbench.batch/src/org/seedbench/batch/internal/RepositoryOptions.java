package org.seedbench.batch.internal;

import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.workflow.RepositoryLocation;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --from WHERE} and {@code --passphrase-file F}, for the verbs that read a job's repository in staging or in
 * the vault.
 */
final class RepositoryOptions {

    @Option(names = "--from", paramLabel = "WHERE", description = "the staging repository (staging, the default) or "
            + "the vault (vault)")
    String from;
    @Mixin
    PassphraseFileOption passphraseFile;

    /** Where the repository to read is. */
    RepositoryLocation location() throws InvalidInputException {
        return RepositoryLocation.parse(from);
    }
}
