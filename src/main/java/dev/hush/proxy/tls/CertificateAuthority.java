package dev.hush.proxy.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Hush's own certificate authority for browser mode: an EC P-256 root kept as {@code ca/ca.crt} and
 * {@code ca/ca.key} in the data directory. The key file is created owner-only and is never printed.
 * Optionally name-constrained to the intercept list's domains, so a stolen key cannot sign for other sites
 * (browsers enforce constraints on locally installed roots).
 */
public final class CertificateAuthority {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final X509Certificate cert;
    private final PrivateKey key;

    private CertificateAuthority(X509Certificate cert, PrivateKey key) {
        this.cert = cert;
        this.key = key;
    }

    public X509Certificate certificate() {
        return cert;
    }

    PrivateKey privateKey() {
        return key;
    }

    public static Path certFile(Path dataDir) {
        return dataDir.resolve("ca").resolve("ca.crt");
    }

    public static Path keyFile(Path dataDir) {
        return dataDir.resolve("ca").resolve("ca.key");
    }

    public static boolean exists(Path dataDir) {
        return Files.exists(certFile(dataDir)) && Files.exists(keyFile(dataDir));
    }

    /** The CA in {@code dataDir}, created there first when there is none. */
    public static CertificateAuthority loadOrCreate(Path dataDir) throws IOException {
        return exists(dataDir) ? load(dataDir) : create(dataDir, null);
    }

    /** The CA in {@code dataDir}; an unreadable or damaged file is an error naming that file (never its content). */
    public static CertificateAuthority load(Path dataDir) throws IOException {
        Path certFile = certFile(dataDir);
        Path keyFile = keyFile(dataDir);
        Object c = pem(certFile, "certificate");
        Object o = pem(keyFile, "private key");
        try {
            if (!(c instanceof X509CertificateHolder holder)) {
                throw new IOException(certFile + ": not a PEM certificate");
            }
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            PrivateKeyInfo info = o instanceof PEMKeyPair kp ? kp.getPrivateKeyInfo()
                    : o instanceof PrivateKeyInfo p ? p : null;
            if (info == null) {
                throw new IOException(keyFile + ": not a PEM private key");
            }
            return new CertificateAuthority(cert, new JcaPEMKeyConverter().getPrivateKey(info));
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot read the CA in " + certFile.getParent() + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** The first PEM object of {@code file}, or null when it holds none. */
    private static Object pem(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException(file + ": cannot read the CA " + what + (Files.isDirectory(file)
                    ? " (a directory)" : Files.exists(file) ? " (permissions)" : " (missing)"));
        }
        try (PEMParser p = new PEMParser(Files.newBufferedReader(file))) {
            return p.readObject();
        } catch (IOException | RuntimeException e) {
            // the parser's message may quote the file's bytes: the key's, here
            throw new IOException(file + ": cannot read the CA " + what + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Makes a new CA and writes it to {@code dataDir/ca}. With {@code permittedDomains} (globs such as
     * {@code *.openai.azure.com} count as their parent domain) the certificate carries Name Constraints that
     * permit only those DNS names and their subdomains.
     */
    public static CertificateAuthority create(Path dataDir, List<String> permittedDomains) throws IOException {
        try {
            KeyPair kp = ecKeyPair();
            Instant now = Instant.now();
            String id = HexFormat.of().formatHex(RANDOM.generateSeed(4));
            X500Name name = new X500Name("CN=Hush DLP CA " + id + ",O=Hush");
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name, kp.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            if (permittedDomains != null) {
                List<GeneralSubtree> permitted = new ArrayList<>();
                for (String d : constraintDomains(permittedDomains)) {
                    permitted.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, d)));
                }
                b.addExtension(Extension.nameConstraints, true,
                        new NameConstraints(permitted.toArray(new GeneralSubtree[0]), null));
            }
            X509Certificate c = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
            write(dataDir, c, kp.getPrivate());
            return new CertificateAuthority(c, kp.getPrivate());
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot create the CA: " + e.getMessage(), e);
        }
    }

    /** {@code *.example.com} and {@code example.com} both become the subtree {@code example.com}. */
    static Set<String> constraintDomains(List<String> globs) {
        Set<String> out = new LinkedHashSet<>();
        for (String g : globs) {
            String d = g.trim().toLowerCase(Locale.ROOT);
            while (d.startsWith("*.")) {
                d = d.substring(2);
            }
            if (!d.isEmpty() && !d.contains("*")) {
                out.add(d);
            }
        }
        return out;
    }

    private static void write(Path dataDir, X509Certificate c, PrivateKey k) throws IOException {
        Path dir = certFile(dataDir).getParent();
        Files.createDirectories(dir);
        Path keyPath = keyFile(dataDir);
        Files.deleteIfExists(keyPath);
        try {
            Files.createFile(keyPath, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(keyPath); // not a POSIX file system
        }
        Files.writeString(keyPath, pem(new JcaPKCS8Generator(k, null)), StandardCharsets.US_ASCII,
                StandardOpenOption.TRUNCATE_EXISTING); // unencrypted PKCS#8: the file mode protects it
        Files.writeString(certFile(dataDir), pem(c), StandardCharsets.US_ASCII);
    }

    /** The DNS subtrees a name-constrained CA permits; empty when it has no constraints. */
    public List<String> permittedDomains() {
        byte[] ext = cert.getExtensionValue(Extension.nameConstraints.getId());
        List<String> out = new ArrayList<>();
        if (ext == null) {
            return out;
        }
        NameConstraints nc = NameConstraints.getInstance(org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets());
        if (nc.getPermittedSubtrees() != null) {
            for (GeneralSubtree t : nc.getPermittedSubtrees()) {
                if (t.getBase().getTagNo() == GeneralName.dNSName) {
                    out.add(t.getBase().getName().toString());
                }
            }
        }
        return out;
    }

    /** Intercept globs a name-constrained CA cannot sign for (browsers would reject their leaves). */
    public List<String> notCovered(List<String> interceptGlobs) {
        List<String> permitted = permittedDomains();
        List<String> out = new ArrayList<>();
        if (permitted.isEmpty()) {
            return out;
        }
        for (String d : constraintDomains(interceptGlobs)) {
            if (permitted.stream().noneMatch(p -> d.equals(p) || d.endsWith("." + p))) {
                out.add(d);
            }
        }
        return out;
    }

    /** The certificate in PEM, for {@code hush ca export} and {@code /ca.crt}. */
    public String certificatePem() {
        return pem(cert);
    }

    /** Base64 SHA-256 of the SubjectPublicKeyInfo: Chromium's {@code --ignore-certificate-errors-spki-list}. */
    public String spkiSha256() {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 fingerprint of the certificate, colon-separated, for install pages. */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static String pem(Object o) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            if (o instanceof JcaPKCS8Generator g) {
                w.writeObject(g);
            } else {
                w.writeObject(o);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sw.toString();
    }
}
