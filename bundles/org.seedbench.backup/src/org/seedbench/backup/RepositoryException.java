package org.seedbench.backup;

import java.io.IOException;

/**
 * The repository is not in a state the operation can work with: no repository at the location, one
 * already there, an unknown format version, a snapshot that does not exist, damaged or tampered data
 * (such as a snapshot naming a path outside the restore target). The message is one line a person can act
 * on.
 */
public class RepositoryException extends IOException {
    private static final long serialVersionUID = 1L;

    public RepositoryException(String message) {
        super(message);
    }

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
