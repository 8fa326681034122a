package dev.hush.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No open relay and proxy sign-in: a {@code hush serve} with a users file, a deny list and a bypass entry,
 * without {@code --tunnel-private}.
 */
class ProxyRefusalTest {
    static final String PASSWORD = "correct horse " + System.nanoTime();
    @TempDir
    static Path dir;
    static BrowserModeFixture fx;
    static String auth;

    @BeforeAll
    static void start() throws Exception {
        Path users = dir.resolve("users");
        ProxyUsers.put(users, "alice", PASSWORD);
        auth = "Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8)) + "\r\n";
        fx = new BrowserModeFixture(dir, "proxy:\n  usersFile: " + users + "\n  deny: [chat.unsanctioned-ai.example]\n"
                + "  bypass: [api.anthropic.com]\n");
        fx.responder = (req, body) -> req.response().putHeader("content-type", "application/json").end("{\"ok\":true}");
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    static String[] connect(String target, String headers) throws Exception {
        try (RawProxyConnection c = new RawProxyConnection(fx.port())) {
            c.send("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n" + headers + "\r\n");
            String head = c.readHead();
            return new String[] {Integer.toString(RawProxyConnection.status(head)), head};
        }
    }

    @Test
    void withoutOrWithWrongCredentials407() throws Exception {
        String[] r = connect("api.openai.com:443", "");
        assertEquals("407", r[0], r[1]);
        assertTrue(r[1].toLowerCase().contains("proxy-authenticate: basic realm=\"hush\""), r[1]);
        String wrong = "Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString("alice:nope".getBytes(StandardCharsets.UTF_8)) + "\r\n";
        assertEquals("407", connect("api.openai.com:443", wrong)[0]);
        String unknown = "Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString(("bob:" + PASSWORD).getBytes(StandardCharsets.UTF_8)) + "\r\n";
        assertEquals("407", connect("api.openai.com:443", unknown)[0]);
        assertEquals("407", connect("api.openai.com:443", "Proxy-Authorization: Basic !!!notbase64\r\n")[0]);
        assertEquals("200", connect("api.openai.com:443", auth)[0]);
    }

    @Test
    void signedInUserGoesToTheAudit() throws Exception {
        assumeTrue(BrowserModeFixture.hasCurl(), "curl is not installed");
        String[] r = BrowserModeFixture.curl("-x", fx.proxy(), "--proxy-user", "alice:" + PASSWORD, "--cacert", fx.caPem.toString(),
                "-H", "content-type: application/json", "-d", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "https://api.openai.com/v1/chat/completions");
        assertEquals("0", r[0], r[2]);
        assertEquals("{\"ok\":true}", r[1]);
        String audit = audit();
        assertTrue(audit.contains("\"user\":\"alice\""), audit);
        assertTrue(!audit.contains(PASSWORD));
    }

    static String audit() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("audit"))) {
            return files.map(p -> {
                try {
                    return Files.readString(p);
                } catch (Exception e) {
                    return "";
                }
            }).collect(Collectors.joining());
        }
    }

    @Test
    void portsOtherThan443AreRefused() throws Exception {
        String[] r = connect("mail.example.org:25", auth);
        assertEquals("403", r[0], r[1]);
    }

    @Test
    void loopbackPrivateAndLinkLocalTargetsAreRefused() throws Exception {
        for (String t : new String[] {"127.0.0.1:443", "localhost:443", "10.20.30.40:443", "192.168.1.1:443",
            "169.254.169.254:443", "[::1]:443", "[fd00::1]:443", "0.0.0.0:443"}) {
            String[] r = connect(t, auth);
            assertEquals("403", r[0], t + ": " + r[1]);
        }
        try (RawProxyConnection c = new RawProxyConnection(fx.port())) {
            c.send("GET http://127.0.0.1:" + fx.run.adminPort() + "/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "\r\n");
            assertEquals(403, RawProxyConnection.status(c.readHead()));
        }
        try (RawProxyConnection c = new RawProxyConnection(fx.port())) {
            c.send("GET http://169.254.169.254/latest/meta-data/ HTTP/1.1\r\nHost: 169.254.169.254\r\n" + auth + "\r\n");
            assertEquals(403, RawProxyConnection.status(c.readHead()));
        }
    }

    @Test
    void deniedHostsGetAPageThatSaysWhy() throws Exception {
        try (RawProxyConnection c = new RawProxyConnection(fx.port())) {
            c.send("CONNECT chat.unsanctioned-ai.example:443 HTTP/1.1\r\n" + auth + "\r\n");
            String head = c.readHead();
            assertEquals(403, RawProxyConnection.status(head), head);
            assertTrue(head.toLowerCase().contains("content-type: text/html"), head);
            int len = Integer.parseInt(head.toLowerCase().split("content-length: ")[1].split("\r\n")[0].trim());
            String body = new String(c.socket.getInputStream().readNBytes(len), StandardCharsets.UTF_8);
            assertTrue(body.contains("chat.unsanctioned-ai.example") && body.contains("proxy.deny"), body);
        }
        try (RawProxyConnection c = new RawProxyConnection(fx.port())) {
            c.send("GET http://chat.unsanctioned-ai.example/ HTTP/1.1\r\nHost: chat.unsanctioned-ai.example\r\n" + auth + "\r\n");
            assertEquals(403, RawProxyConnection.status(c.readHead()));
        }
        String audit = audit();
        assertTrue(audit.contains("\"user\":\"alice\",\"provider\":\"proxy\",\"endpoint\":\"chat.unsanctioned-ai.example\""), audit);
        assertTrue(audit.contains("\"reason\":\"proxy.deny\""), audit);
    }

    @Test
    void bypassedHostsAreNotIntercepted() throws Exception {
        // api.anthropic.com is on the intercept list but bypassed: Hush tunnels it, so it must resolve the real
        // name (impossible here, no internet) instead of answering 200 for its own TLS server
        String[] r = connect("api.anthropic.com:443", auth);
        assertTrue(r[0].equals("502") || r[0].equals("403"), r[1]);
        assertEquals("200", connect("api.openai.com:443", auth)[0]);
    }
}
