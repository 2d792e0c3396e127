package org.seedbench.batch.internal;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code JOB [--passphrase-file F]}: the job whose repository a verb writes, and where its passphrase comes from. */
final class JobPassphraseOptions {

    @Parameters(paramLabel = "JOB", description = "the job's name")
    String job;

    @Mixin
    PassphraseFileOption passphraseFile;
}
