package dev.hush.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.proxy.forward.ProxyUsers;
import dev.hush.proxy.tls.CertificateAuthority;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hush ca init|export} and {@code hush proxy user add}. */
class CaAndProxyCommandTest {
    private final PrintStream oldOut = System.out;
    private final InputStream oldIn = System.in;
    private ByteArrayOutputStream out;

    @BeforeEach
    void capture() {
        out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setIn(oldIn);
    }

    @Test
    void initCreatesOnceAndExportPrintsOnlyTheCertificate(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        assertEquals(2, HushMain.run("ca", "export", "--data-dir", data.toString()), "no CA yet");
        assertEquals(0, HushMain.run("ca", "init", "--data-dir", data.toString()));
        String key = Files.readString(CertificateAuthority.keyFile(data));
        assertFalse(out.toString().contains(key.split("\n")[1]), "the key is never printed");
        assertEquals(0, HushMain.run("ca", "init", "--data-dir", data.toString()));
        assertEquals(key, Files.readString(CertificateAuthority.keyFile(data)), "an existing CA is kept");
        out.reset();
        assertEquals(0, HushMain.run("ca", "export", "--data-dir", data.toString()));
        String pem = out.toString();
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----") && !pem.contains("PRIVATE"), pem);
        X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertNull(c.getExtensionValue("2.5.29.30"));
        assertEquals(Files.readString(CertificateAuthority.certFile(data)), pem);
    }

    @Test
    void nameConstrainedTakesTheInterceptList(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path cfg = dir.resolve("hush.yaml");
        Files.writeString(cfg, "proxy:\n  intercept: [chatgpt.com, \"*.openai.azure.com\"]\n");
        assertEquals(0, HushMain.run("ca", "init", "--name-constrained", "--config", cfg.toString(), "--data-dir", data.toString()));
        X509Certificate c = CertificateAuthority.load(data).certificate();
        assertNotNull(c.getExtensionValue("2.5.29.30"));
        String der = new String(c.getExtensionValue("2.5.29.30"), StandardCharsets.ISO_8859_1);
        assertTrue(der.contains("chatgpt.com") && der.contains("openai.azure.com") && !der.contains("claude.ai"));
    }

    @Test
    void userAddStoresOnlyASaltedHash(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users");
        String pw = "pw-" + System.nanoTime();
        System.setIn(new ByteArrayInputStream((pw + "\n").getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, HushMain.run("proxy", "user", "add", "alice", "--users-file", users.toString()));
        System.setIn(new ByteArrayInputStream((pw + "\n").getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, HushMain.run("proxy", "user", "add", "bob", "--users-file", users.toString()));
        String file = Files.readString(users);
        assertFalse(file.contains(pw));
        String[] lines = file.strip().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("alice:$2y$10$"), lines[0]);
        assertFalse(lines[0].substring(6).equals(lines[1].substring(4)), "same password, different salt");
        ProxyUsers u = ProxyUsers.load(users);
        assertTrue(u.check("alice", pw));
        assertFalse(u.check("alice", pw + "x"));
        assertFalse(u.check("carol", pw));
    }
}
