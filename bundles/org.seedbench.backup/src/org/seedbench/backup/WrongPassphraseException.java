package org.seedbench.backup;

/**
 * The passphrase does not open the repository's keys. The message is always just "wrong passphrase": it
 * never holds the passphrase or anything derived from it.
 */
public class WrongPassphraseException extends Exception {
    private static final long serialVersionUID = 1L;

    public WrongPassphraseException() {
        super("wrong passphrase");
    }
}
