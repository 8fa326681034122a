package dev.hush.proxy.tls;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import io.vertx.core.net.KeyCertOptions;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Signs leaf certificates that browsers accept for one host: SAN with the host, EKU serverAuth, AKI from the
 * CA, SHA-256 with ECDSA, valid from two days ago for 199 days (well under the 398-day limit). All leaves of
 * one process share one EC P-256 key pair (as mitmproxy does), so minting an unseen host costs one signature.
 */
public final class LeafMinter {
    static final Duration BACKDATE = Duration.ofDays(2);
    static final Duration LIFETIME = Duration.ofDays(199);
    private final CertificateAuthority ca;
    private final KeyPair leafKey;
    private final JcaX509ExtensionUtils ext;
    private final X500Name issuer;

    public LeafMinter(CertificateAuthority ca) {
        try {
            this.ca = ca;
            this.leafKey = CertificateAuthority.ecKeyPair();
            this.ext = new JcaX509ExtensionUtils();
            this.issuer = new JcaX509CertificateHolder(ca.certificate()).getSubject();
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare leaf minting: " + e.getMessage(), e);
        }
    }

    /** A certificate for {@code host} signed by the CA. */
    public X509Certificate mint(String host) {
        try {
            Instant now = Instant.now();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, host).addRDN(BCStyle.O, "Hush DLP").build();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, CertificateAuthority.serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(LIFETIME)), subject, leafKey.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.certificate()));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(leafKey.getPublic()));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey());
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("cannot mint a certificate: " + e.getClass().getSimpleName(), e);
        }
    }

    /** {@code host}'s leaf with the CA as its chain, and the shared leaf key. */
    SniKeyManager.Leaf leaf(String host) {
        return new SniKeyManager.Leaf(new X509Certificate[] {mint(host), ca.certificate()}, leafKey.getPrivate());
    }

    /** A key manager that presents {@code host}'s leaf (with the CA as its chain), e.g. for a test server. */
    public KeyManagerFactory keyManagerFactory(String host) {
        try {
            return KeyCertOptions.wrap(new LeafKeyManager(new X509Certificate[] {mint(host), ca.certificate()},
                    leafKey.getPrivate())).getKeyManagerFactory(null);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a key manager: " + e.getClass().getSimpleName(), e);
        }
    }
}
