package org.seedbench.batch.internal;

import picocli.CommandLine.Option;

/** {@code --passphrase-file F}, for the verbs that open a job's repository; {@link Passphrases} reads it. */
final class PassphraseFileOption {

    @Option(names = "--" + Passphrases.FILE_OPTION, paramLabel = "F", description = "read the backup passphrase from "
            + "the first line of F; else SEEDBENCH_PASSPHRASE, else you are asked on a terminal. Never given as an "
            + "argument.")
    String file;
}
