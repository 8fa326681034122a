package dev.hush.proxy.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA and the leaves, parsed back with BouncyCastle: the properties browsers check. */
class LeafCertificateTest {

    @Test
    void leavesHaveWhatBrowsersRequire(@TempDir Path dir) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(dir, null);
        X509CertificateHolder leaf = new JcaX509CertificateHolder(new LeafMinter(ca).mint("chatgpt.com"));
        X509CertificateHolder root = new JcaX509CertificateHolder(ca.certificate());

        GeneralName[] san = GeneralNames.fromExtensions(leaf.getExtensions(), Extension.subjectAlternativeName).getNames();
        assertEquals(1, san.length);
        assertEquals(GeneralName.dNSName, san[0].getTagNo());
        assertEquals("chatgpt.com", san[0].getName().toString());
        assertTrue(ExtendedKeyUsage.fromExtensions(leaf.getExtensions()).hasKeyPurposeId(KeyPurposeId.id_kp_serverAuth));
        assertTrue(KeyUsage.fromExtensions(leaf.getExtensions()).hasUsages(KeyUsage.digitalSignature));
        assertFalse(BasicConstraints.fromExtensions(leaf.getExtensions()).isCA());

        byte[] caSki = SubjectKeyIdentifier.fromExtensions(root.getExtensions()).getKeyIdentifier();
        byte[] aki = AuthorityKeyIdentifier.fromExtensions(leaf.getExtensions()).getKeyIdentifierObject().getOctets();
        assertArrayEquals(caSki, aki, "AKI names the CA's key");
        byte[] leafSki = SubjectKeyIdentifier.fromExtensions(leaf.getExtensions()).getKeyIdentifier();
        assertFalse(java.util.Arrays.equals(caSki, leafSki), "the leaf's SKI is not the CA's");

        assertEquals(X9ObjectIdentifiers.ecdsa_with_SHA256, leaf.getSignatureAlgorithm().getAlgorithm());
        assertEquals(X9ObjectIdentifiers.prime256v1,
                ASN1ObjectIdentifier.getInstance(leaf.getSubjectPublicKeyInfo().getAlgorithm().getParameters()), "EC P-256");
        long days = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()).toDays();
        assertTrue(days <= 398, "validity " + days + " days");
        assertTrue(leaf.getNotBefore().toInstant().isBefore(java.time.Instant.now()));
        assertTrue(leaf.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca.certificate())));
        assertEquals(root.getSubject(), leaf.getIssuer());
        validate(ca.certificate(), new LeafMinter(ca).mint("chatgpt.com"));
    }

    @Test
    void theCaIsACaAndItsKeyIsOwnerOnly(@TempDir Path dir) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(dir, null);
        X509CertificateHolder root = new JcaX509CertificateHolder(ca.certificate());
        assertTrue(root.getExtension(Extension.basicConstraints).isCritical());
        assertTrue(BasicConstraints.fromExtensions(root.getExtensions()).isCA());
        assertTrue(KeyUsage.fromExtensions(root.getExtensions()).hasUsages(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        assertNull(root.getExtension(Extension.nameConstraints));
        assertEquals(Set.copyOf(PosixFilePermissions.fromString("rw-------")),
                Files.getPosixFilePermissions(CertificateAuthority.keyFile(dir)));
        assertFalse(ca.certificatePem().contains("PRIVATE"));
        assertTrue(Files.readString(CertificateAuthority.keyFile(dir)).contains("PRIVATE KEY"));
        CertificateAuthority again = CertificateAuthority.loadOrCreate(dir);
        assertEquals(ca.certificate(), again.certificate(), "an existing CA is loaded, never replaced");
        assertEquals(44, ca.spkiSha256().length());
    }

    @Test
    void aNameConstrainedCaCannotVouchForOtherSites(@TempDir Path dir) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(dir, List.of("chatgpt.com", "*.openai.azure.com", "claude.ai"));
        NameConstraints nc = NameConstraints.getInstance(
                new JcaX509CertificateHolder(ca.certificate()).getExtension(Extension.nameConstraints).getParsedValue());
        assertNotNull(nc.getPermittedSubtrees());
        assertEquals(List.of("chatgpt.com", "openai.azure.com", "claude.ai"),
                java.util.Arrays.stream(nc.getPermittedSubtrees()).map(GeneralSubtree::getBase).map(g -> g.getName().toString()).toList());
        assertEquals(List.of("chatgpt.com", "openai.azure.com", "claude.ai"), ca.permittedDomains());
        assertEquals(List.of("poe.com"), ca.notCovered(List.of("chatgpt.com", "*.openai.azure.com", "poe.com")));
        assertEquals(List.of(), CertificateAuthority.create(dir.resolve("plain"), null).notCovered(List.of("poe.com")));
        LeafMinter m = new LeafMinter(ca);
        validate(ca.certificate(), m.mint("chatgpt.com"));
        validate(ca.certificate(), m.mint("myres.openai.azure.com"));
        assertThrows(CertPathValidatorException.class, () -> validate(ca.certificate(), m.mint("www.bank.example")));
    }

    @Test
    void onlyInterceptedHostsGetALeafAndLeavesAreCached(@TempDir Path dir) throws Exception {
        LeafCertificates leaves = new LeafCertificates(new LeafMinter(CertificateAuthority.create(dir, null)),
                h -> h.equals("claude.ai"), 100);
        assertNull(leaves.forHost(null));
        assertNull(leaves.forHost("www.bank.example"));
        assertNotNull(leaves.forHost("claude.ai"));
        assertSame(leaves.forHost("claude.ai"), leaves.forHost("CLAUDE.AI"));
        assertEquals(1, leaves.cachedHosts());
        assertTrue(leaves.has("claude.ai"));
        assertEquals("claude.ai", new X509CertificateHolder(leaves.forHost("claude.ai").chain()[0].getEncoded())
                .getSubject().toString().replaceAll(".*CN=([^,]+).*", "$1"));
    }

    /**
     * PKIX validation as a browser does it. The JDK ignores Name Constraints in a trust anchor (Chrome reads
     * them from the installed root), so the root also goes into the path, where the JDK applies them.
     */
    static void validate(X509Certificate root, X509Certificate leaf) throws Exception {
        PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        p.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, root)), p);
    }
}
