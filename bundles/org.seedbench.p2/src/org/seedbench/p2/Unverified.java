package org.seedbench.p2;

import java.util.ArrayList;
import java.util.List;

/**
 * What p2 could not verify in an install: artifacts without any signature, and the signers (certificate subjects,
 * PGP key fingerprints) nobody trusted yet, one readable line each.
 */
public record Unverified(List<String> unsigned, List<String> untrustedSigners) {
    /** Everything was signed and trusted (or nothing was downloaded). */
    public static final Unverified NONE = new Unverified(List.of(), List.of());

    public boolean isEmpty() {
        return unsigned.isEmpty() && untrustedSigners.isEmpty();
    }

    /** E.g. {@code unsigned: a 1.0, b 1.0; signed by untrusted CN=Example}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!unsigned.isEmpty()) {
            parts.add("unsigned: " + String.join(", ", unsigned));
        }
        if (!untrustedSigners.isEmpty()) {
            parts.add("signed by untrusted " + String.join(", ", untrustedSigners));
        }
        return String.join("; ", parts);
    }
}
