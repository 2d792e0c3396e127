package org.seedbench.p2;

import java.io.File;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.eclipse.equinox.p2.core.UIServices;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.repository.artifact.spi.IArtifactUIServices;

/**
 * The {@link TrustPolicy} where p2 asks for it: p2's certificate checker asks its agent's {@link UIServices} about
 * what it could not verify; {@link PluginSite#provision} registers one of these for the time of one provisioning
 * job. Trust given is never persisted. What was unverified is kept in {@link #report()} so the caller can say so,
 * whatever was decided.
 */
final class Trust extends UIServices implements IArtifactUIServices {

    private final TrustPolicy policy;
    private volatile Unverified report = Unverified.NONE;
    private volatile boolean declined;

    Trust(TrustPolicy policy) {
        this.policy = policy;
    }

    /** What p2 could not verify in the last check ({@link Unverified#NONE}: everything was signed and trusted). */
    Unverified report() {
        return report;
    }

    /** Whether the person installing refused something p2 could not verify, so nothing was installed. */
    boolean declined() {
        return declined;
    }

    @Override
    public TrustInfo getTrustInfo(Map<List<Certificate>, Set<IArtifactKey>> untrustedCertificateChains,
            Map<PGPPublicKey, Set<IArtifactKey>> untrustedPGPKeys, Set<IArtifactKey> unsignedArtifacts,
            Map<IArtifactKey, File> artifactFiles) {
        Set<String> unsigned = new TreeSet<>();
        unsignedArtifacts.forEach(k -> unsigned.add(k.getId() + " " + k.getVersion()));
        Set<String> signers = new TreeSet<>();
        untrustedCertificateChains.keySet().forEach(chain -> signers.add(signer(chain.get(0))));
        untrustedPGPKeys.keySet().forEach(key -> signers.add("PGP key "
                + HexFormat.of().withUpperCase().formatHex(key.getFingerprint())));
        List<Certificate> certificates = untrustedCertificateChains.keySet().stream().map(c -> c.get(0)).toList();
        return decide(new Unverified(List.copyOf(unsigned), List.copyOf(signers)), certificates,
                untrustedPGPKeys.keySet());
    }

    @Override
    public TrustInfo getTrustInfo(Certificate[][] untrustedChains, String[] unsignedDetail) {
        Set<String> signers = new TreeSet<>();
        List<Certificate> certificates = new ArrayList<>();
        for (Certificate[] chain : untrustedChains == null ? new Certificate[0][] : untrustedChains) {
            signers.add(signer(chain[0]));
            certificates.add(chain[0]);
        }
        List<String> unsigned = unsignedDetail == null ? List.of() : List.of(unsignedDetail);
        return decide(new Unverified(unsigned, List.copyOf(signers)), certificates, List.of());
    }

    private TrustInfo decide(Unverified found, Collection<Certificate> certificates, Collection<PGPPublicKey> keys) {
        report = found;
        TrustPolicy.Decision decision = found.isEmpty() ? TrustPolicy.Decision.REFUSE : policy.decide(found);
        declined = !found.unsigned().isEmpty() && !decision.acceptUnsigned()
                || !found.untrustedSigners().isEmpty() && !decision.trustSigners();
        return new TrustInfo(decision.trustSigners() ? certificates : List.of(),
                decision.trustSigners() ? keys : List.of(), false, decision.acceptUnsigned(), false);
    }

    private static String signer(Certificate certificate) {
        return certificate instanceof X509Certificate x ? x.getSubjectX500Principal().getName()
                : certificate.getType() + " certificate";
    }

    /** No credentials are asked for: a site that needs them cannot be read. */
    @Override
    public AuthenticationInfo getUsernamePassword(String location) {
        return null;
    }

    @Override
    public AuthenticationInfo getUsernamePassword(String location, AuthenticationInfo previousInfo) {
        return null;
    }

    /** p2's information messages are not printed on the command line's output. */
    @Override
    public void showInformationMessage(String title, String text, String linkText) {
        // nothing: the caller reports the outcome
    }
}
