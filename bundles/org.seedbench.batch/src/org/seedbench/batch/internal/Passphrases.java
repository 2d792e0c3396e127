package org.seedbench.batch.internal;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.seedbench.batch.cli.Invocation;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;

/**
 * Where the backup passphrase comes from: {@code --passphrase-file F}, the environment variable
 * {@code SEEDBENCH_PASSPHRASE}, or a prompt without echo on a terminal. Never from a plain argument, never
 * printed.
 */
final class Passphrases {
    static final String ENV = "SEEDBENCH_PASSPHRASE";
    static final String FILE_OPTION = "passphrase-file";

    private Passphrases() {
    }

    /** Work on a job's repository that needs the passphrase and reports progress. */
    interface Work<T> {
        T run(Secret passphrase, TerminalProgress progress) throws Exception;
    }

    /**
     * Reads the passphrase, runs the work with a progress for this invocation (when it returns, its last task is
     * complete), then ends the progress line and clears the passphrase from memory, whatever happens.
     */
    static <T> T withPassphrase(Invocation inv, boolean confirm, Work<T> work) throws Exception {
        TerminalProgress progress = TerminalProgress.forInvocation(inv);
        try (Secret passphrase = read(inv, confirm)) {
            T result = work.run(passphrase, progress);
            progress.complete();
            return result;
        } finally {
            progress.finishLine();
        }
    }

    /**
     * @param confirm ask twice on a terminal (a new repository)
     */
    /**
     * The secret on the first line of a file (a passphrase or recovery password file).
     *
     * @param what {@code passphrase}, {@code recovery password}
     */
    static Secret firstLine(String file, String what) throws InvalidInputException {
        try {
            String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            return Secret.of(line);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(new Problem(what + " file", file, "cannot be read",
                    "a readable file whose first line is the " + what));
        }
    }

    static Secret read(Invocation inv, boolean confirm) throws InvalidInputException {
        return read(inv.option("--" + FILE_OPTION), inv.env(), confirm);
    }

    /**
     * @param file    the passphrase file given; null for none
     * @param env     the environment, for {@value #ENV}
     * @param confirm ask twice on a terminal (a new repository)
     */
    static Secret read(String file, Map<String, String> env, boolean confirm) throws InvalidInputException {
        if (file != null) {
            return firstLine(file, "passphrase");
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Secret.of(fromEnv);
        }
        Console console = System.console();
        if (console == null) {
            throw new InvalidInputException(new Problem(SeedRules.PASSPHRASE, null, "is missing",
                    "--passphrase-file F or " + ENV + "; on a terminal you are asked for it"));
        }
        if (confirm) {
            console.printf("The backup passphrase encrypts the seed. It has at least %d characters, and a lost "
                    + "passphrase means a lost backup: keep it safe.%n", SeedRules.MIN_PASSPHRASE_LENGTH);
        }
        char[] first = console.readPassword("Backup passphrase: ");
        if (first == null) {
            throw new InvalidInputException(new Problem(SeedRules.PASSPHRASE, null, "is missing", "type it at the prompt"));
        }
        try {
            if (confirm) {
                char[] again = console.readPassword("Backup passphrase again: ");
                try {
                    if (again == null || !Arrays.equals(first, again)) {
                        throw new InvalidInputException(new Problem(SeedRules.PASSPHRASE, null,
                                "was not typed the same twice", "the same passphrase both times"));
                    }
                } finally {
                    if (again != null) {
                        Arrays.fill(again, '\0');
                    }
                }
            }
            return new Secret(first);
        } finally {
            Arrays.fill(first, '\0');
        }
    }
}
