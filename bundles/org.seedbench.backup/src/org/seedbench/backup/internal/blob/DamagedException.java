package org.seedbench.backup.internal.blob;

import org.seedbench.backup.RepositoryException;

/** Stored bytes that fail authentication, do not decompress, or do not parse: damage or tampering. */
public class DamagedException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    public DamagedException(String message) {
        super(message);
    }

    public DamagedException(String message, Throwable cause) {
        super(message, cause);
    }
}
