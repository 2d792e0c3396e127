package org.seedbench.workflow;

import java.util.Locale;

import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;

/** Where a job's repository is read from: the staging repository or the vault (the same repository). */
public enum RepositoryLocation {
    STAGING, VAULT;

    /** {@code staging} or {@code vault}; null means staging. */
    public static RepositoryLocation parse(String text) throws InvalidInputException {
        if (text == null) {
            return STAGING;
        }
        for (RepositoryLocation l : values()) {
            if (l.name().equalsIgnoreCase(text)) {
                return l;
            }
        }
        throw new InvalidInputException(new Problem("from", text, "is not a repository location", "staging, vault"));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
