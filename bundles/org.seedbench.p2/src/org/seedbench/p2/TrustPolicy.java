package org.seedbench.p2;

/**
 * Seedbench's trust policy, the same in the workbench and on the command line: p2 checks every artifact it is about
 * to install (jar signatures against the Java trust store and the certificates trusted before, PGP signatures
 * against the trusted keys); what it cannot verify — content without any signature, content signed by a
 * certificate or key nobody trusted yet — is installed only when the person installing says yes to it: a question
 * in the workbench, {@code --accept-unsigned} and {@code --trust-signers} on the command line. Trust given is for
 * that install only, never remembered. {@link PluginSite#provision} asks it on p2's provisioning thread.
 */
@FunctionalInterface
public interface TrustPolicy {

    /** What the person installing accepted. */
    record Decision(boolean acceptUnsigned, boolean trustSigners) {
        public static final Decision REFUSE = new Decision(false, false);
    }

    /** Asks about what p2 could not verify (never called when everything is signed and trusted). */
    Decision decide(Unverified unverified);

    /** A decision given in advance, as the command line's options say. */
    static TrustPolicy given(boolean acceptUnsigned, boolean trustSigners) {
        return unverified -> new Decision(acceptUnsigned, trustSigners);
    }
}
