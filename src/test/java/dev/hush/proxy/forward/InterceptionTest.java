package dev.hush.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.proxy.tls.CertificateAuthority;
import dev.hush.proxy.tls.LeafMinter;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browser mode end to end on 127.0.0.1: curl and the JDK client go through {@code hush serve} with CONNECT,
 * Hush terminates TLS for intercepted hosts (stubbed with {@code --upstream HOST=URL}), inspects over
 * HTTP/1.1 and HTTP/2, tunnels other hosts unread, and survives bad input.
 */
class InterceptionTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final SecureRandom RANDOM = new SecureRandom();
    @TempDir
    static Path dir;
    static BrowserModeFixture fx;
    static HttpServer otherSite;
    static HttpServer plainSite;
    static final io.vertx.core.Vertx siteVertx = io.vertx.core.Vertx.vertx();
    static X509Certificate otherCa;

    @BeforeAll
    static void start() throws Exception {
        // a "non-AI" HTTPS site with its own CA, which Hush must tunnel without decrypting
        CertificateAuthority other = CertificateAuthority.create(dir.resolve("other"), null);
        otherCa = other.certificate();
        otherSite = siteVertx.createHttpServer(new HttpServerOptions().setSsl(true)
                        .setKeyCertOptions(KeyCertOptions.wrap(new LeafMinter(other).keyManagerFactory("localhost"))))
                .requestHandler(req -> {
                    if (req.path().equals("/big")) {
                        bigDownload(req.response());
                    } else {
                        req.response().end("plain site says hi");
                    }
                })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        plainSite = siteVertx.createHttpServer().requestHandler(req -> req.response().putHeader("x-site", "plain")
                        .end("plain http says " + req.method() + " " + req.uri()))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        fx = new BrowserModeFixture(dir, "", "--tunnel-private", "--tunnel-ports",
                "443,1," + otherSite.actualPort() + "," + plainSite.actualPort());
    }

    static final int BIG_MB = 48;

    /** 48 MiB of a counting pattern, written with back-pressure. */
    static void bigDownload(io.vertx.core.http.HttpServerResponse resp) {
        byte[] mb = new byte[1 << 20];
        for (int i = 0; i < mb.length; i++) {
            mb[i] = (byte) (i * 31 + 7);
        }
        io.vertx.core.buffer.Buffer chunk = io.vertx.core.buffer.Buffer.buffer(mb);
        resp.putHeader("content-length", Long.toString((long) BIG_MB << 20));
        BulkBody.write(resp, chunk, BIG_MB);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
        siteVertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @BeforeEach
    void echo() {
        fx.received.clear();
        fx.responder = (req, body) -> {
            try {
                String text = JSON.readTree(body).at("/messages/0/content").asText();
                req.response().putHeader("content-type", "application/json").end(JSON.createObjectNode()
                        .put("id", "x").set("choices", JSON.createArrayNode().add(JSON.createObjectNode()
                                .set("message", JSON.createObjectNode().put("role", "assistant").put("content", "You said: " + text))))
                        .toString());
            } catch (Exception e) {
                req.response().setStatusCode(500).end();
            }
        };
    }

    static String secret() {
        String abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder("ghp_");
        for (int i = 0; i < 36; i++) {
            b.append(abc.charAt(RANDOM.nextInt(abc.length())));
        }
        return b.toString();
    }

    static String email() {
        return "mara.k" + (1000 + RANDOM.nextInt(9000)) + "@northwind-mail.com";
    }

    static String chat(String text) {
        return "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    @Test
    void curlHttp1SecretIsBlockedAndNeverReachesTheUpstream() throws Exception {
        assumeTrue(BrowserModeFixture.hasCurl(), "curl is not installed");
        String s = secret();
        String[] r = BrowserModeFixture.curl("--http1.1", "-x", fx.proxy(), "--cacert", fx.caPem.toString(),
                "-w", "\n%{http_code} %{http_version}", "-H", "content-type: application/json",
                "-d", chat("deploy with " + s), "https://api.openai.com/v1/chat/completions");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].endsWith("400 1.1"), r[1]);
        assertTrue(r[1].contains("hush_blocked") && r[1].contains("SECRET.GITHUB_TOKEN"), r[1]);
        assertFalse(r[1].contains(s), "the block message must not echo the secret");
        assertTrue(fx.received.isEmpty(), "nothing may reach the upstream: " + fx.received);
    }

    @Test
    void curlHttp2EmailArrivesPseudonymizedAndIsRestored() throws Exception {
        assumeTrue(BrowserModeFixture.hasCurl(), "curl is not installed");
        String e = email();
        String[] r = BrowserModeFixture.curl("--http2", "-x", fx.proxy(), "--cacert", fx.caPem.toString(),
                "-w", "\n%{http_code} %{http_version}", "-H", "content-type: application/json",
                "-d", chat("write to " + e), "https://api.openai.com/v1/chat/completions");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].endsWith("200 2"), r[1]);
        assertEquals(1, fx.received.size());
        String seen = fx.received.get(0).body();
        assertFalse(seen.contains(e), seen);
        assertTrue(seen.contains("<EMAIL_1>"), seen);
        assertTrue(r[1].contains("You said: write to " + e), r[1]);
    }

    @Test
    void javaClientOverHttp2AndHttp1() throws Exception {
        for (HttpClient.Version v : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
            fx.received.clear();
            String e = email();
            HttpResponse<String> r = fx.javaClient(v).send(HttpRequest.newBuilder(URI.create("https://api.openai.com/v1/chat/completions"))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(chat("ping " + e))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(v, r.version());
            assertTrue(r.body().contains("You said: ping " + e), r.body());
            assertFalse(fx.received.get(0).body().contains(e));
            X509Certificate leaf = (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
            assertEquals(fx.ca().getSubjectX500Principal(), leaf.getIssuerX500Principal(), "Hush's leaf for the intercepted host");

            String s = secret();
            HttpResponse<String> b = fx.javaClient(v).send(HttpRequest.newBuilder(URI.create("https://chatgpt.com/backend-api/conversation"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"next\",\"messages\":[{\"content\":{\"content_type\":\"text\",\"parts\":[\"use "
                            + s + "\"]}}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(b.body().contains("Hush blocked"), b.body());
            assertEquals(1, fx.received.size(), "only the allowed request reached the stub");
        }
    }

    @Test
    void gatewayRoutesKeepWorkingOnTheSamePort() throws Exception {
        String e = email();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + fx.port() + "/openai/v1/chat/completions")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chat("mail " + e))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("You said: mail " + e), r.body());
        assertFalse(fx.received.get(0).body().contains(e));
    }

    @Test
    void absoluteFormRequestsAreRelayedOrInspected() throws Exception {
        HttpClient viaProxy = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(java.net.ProxySelector.of(new java.net.InetSocketAddress("127.0.0.1", fx.port()))).build();
        HttpResponse<String> plain = viaProxy.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + plainSite.actualPort() + "/page?q=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, plain.statusCode());
        assertEquals("plain http says GET /page?q=1", plain.body());
        assertEquals("plain", plain.headers().firstValue("x-site").orElse(""));

        String s = secret();
        HttpResponse<String> ai = viaProxy.send(HttpRequest.newBuilder(URI.create("http://api.openai.com/v1/chat/completions"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(chat("key " + s))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(ai.body().contains("Hush blocked"), ai.body());
        assertTrue(fx.received.isEmpty(), "an intercepted host in plain HTTP is inspected too");
        String e = email();
        HttpResponse<String> ok = viaProxy.send(HttpRequest.newBuilder(URI.create("http://api.openai.com/v1/chat/completions"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(chat("to " + e))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("/v1/chat/completions", fx.received.get(0).uri());
        assertFalse(fx.received.get(0).body().contains(e));
        assertTrue(ok.body().contains("You said: to " + e), ok.body());
    }

    @Test
    void otherHostsAreTunnelledWithoutDecryption() throws Exception {
        try (RawProxyConnection c = new RawProxyConnection(fx.port())) {
            c.send("CONNECT localhost:" + otherSite.actualPort() + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(200, RawProxyConnection.status(c.readHead()));
            SSLContext ctx = BrowserModeFixture.trusting(otherCa);
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(c.socket, "localhost", otherSite.actualPort(), false)) {
                tls.startHandshake();
                X509Certificate leaf = (X509Certificate) tls.getSession().getPeerCertificates()[0];
                assertEquals(otherCa.getSubjectX500Principal(), leaf.getIssuerX500Principal(), "the site's own certificate");
                assertNotEquals(fx.ca().getSubjectX500Principal(), leaf.getIssuerX500Principal());
                tls.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.endsWith("plain site says hi"), answer);
            }
        }
    }

    @Test
    void aLargeDownloadThroughABlindTunnelArrivesWhole() throws Exception {
        for (int round = 0; round < 3; round++) {
            try (RawProxyConnection c = new RawProxyConnection(fx.port())) {
                c.send("CONNECT localhost:" + otherSite.actualPort() + " HTTP/1.1\r\n\r\n");
                assertEquals(200, RawProxyConnection.status(c.readHead()));
                try (SSLSocket tls = (SSLSocket) BrowserModeFixture.trusting(otherCa).getSocketFactory()
                        .createSocket(c.socket, "localhost", otherSite.actualPort(), true)) {
                    tls.getOutputStream().write("GET /big HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    InputStream in = tls.getInputStream();
                    byte[] buf = new byte[1 << 16];
                    long total = 0;
                    int r;
                    while ((r = in.read(buf)) >= 0) {
                        total += r;
                    }
                    assertTrue(total > ((long) BIG_MB << 20), "round " + round + ": " + total + " bytes");
                }
            }
        }
    }

    @Test
    void aHandshakeWithoutSniFailsAndTheProxyKeepsServing() throws Exception {
        try (RawProxyConnection c = new RawProxyConnection(fx.port())) {
            c.send("CONNECT api.openai.com:443 HTTP/1.1\r\nHost: api.openai.com:443\r\n\r\n");
            assertEquals(200, RawProxyConnection.status(c.readHead()));
            SSLContext ctx = BrowserModeFixture.trusting(fx.ca());
            SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(c.socket, "127.0.0.1", 443, false);
            SSLParameters p = tls.getSSLParameters();
            p.setServerNames(List.of());
            tls.setSSLParameters(p);
            assertThrows(SSLException.class, tls::startHandshake);
        }
        assertStillServing();
    }

    @Test
    void sniForAnotherHostThanTheConnectIsRefused() throws Exception {
        try (RawProxyConnection c = new RawProxyConnection(fx.port())) {
            c.send("CONNECT api.openai.com:443 HTTP/1.1\r\n\r\n");
            assertEquals(200, RawProxyConnection.status(c.readHead()));
            SSLSocket tls = (SSLSocket) BrowserModeFixture.trusting(fx.ca()).getSocketFactory()
                    .createSocket(c.socket, "chatgpt.com", 443, false);
            tls.startHandshake();
            tls.getOutputStream().write("GET / HTTP/1.1\r\nHost: chatgpt.com\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 421"), answer);
        }
        assertTrue(fx.received.isEmpty());
    }

    @Test
    void garbageAfterConnectIsDroppedAndTheProxyKeepsServing() throws Exception {
        try (RawProxyConnection c = new RawProxyConnection(fx.port())) {
            c.send("CONNECT api.openai.com:443 HTTP/1.1\r\n\r\n");
            assertEquals(200, RawProxyConnection.status(c.readHead()));
            c.send("GET / HTTP/1.1\r\nthis is not a TLS client hello\r\n\r\n");
            assertTrue(c.readToEnd(1 << 16) < (1 << 16), "the connection is closed");
        }
        try (RawProxyConnection c = new RawProxyConnection(fx.port())) {
            c.send("CONNECT no-port-here HTTP/1.1\r\n\r\n");
            assertEquals(400, RawProxyConnection.status(c.readHead()));
        }
        try (RawProxyConnection c = new RawProxyConnection(fx.port())) {
            c.send("\u0001\u0002 garbage \u00ff\r\n\r\n");
            String head = c.readHead();
            assertEquals(400, RawProxyConnection.status(head), head);
        }
        assertStillServing();
    }

    @Test
    void aRefusedTargetGets502() throws Exception {
        try (RawProxyConnection c = new RawProxyConnection(fx.port())) {
            c.send("CONNECT 127.0.0.1:1 HTTP/1.1\r\n\r\n");
            String head = c.readHead();
            assertEquals(502, RawProxyConnection.status(head), head);
        }
        assertStillServing();
    }

    @Test
    void aClientThatHangsMidHandshakeDoesNotStopOthers() throws Exception {
        try (RawProxyConnection c = new RawProxyConnection(fx.port())) {
            c.send("CONNECT api.openai.com:443 HTTP/1.1\r\n\r\n");
            assertEquals(200, RawProxyConnection.status(c.readHead()));
            c.send("\u0016\u0003\u0001\u0002\u0000\u0001"); // a TLS record header and one byte, then nothing
            assertStillServing();
        }
        assertStillServing();
    }

    /** A full intercepted request still works. */
    private void assertStillServing() throws Exception {
        fx.received.clear();
        HttpResponse<String> r = fx.javaClient(HttpClient.Version.HTTP_1_1).send(HttpRequest.newBuilder(
                        URI.create("https://api.openai.com/v1/chat/completions")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chat("still there?"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("You said: still there?"));
    }

    @Test
    void auditRecordsTheCallerByAddressWithoutProxySignIn() throws Exception {
        assertStillServing();
        String audit;
        try (Stream<Path> files = Files.list(dir.resolve("audit"))) {
            audit = files.map(p -> {
                try {
                    return Files.readString(p);
                } catch (Exception e) {
                    return "";
                }
            }).collect(Collectors.joining());
        }
        assertTrue(audit.contains("\"user\":\"ip:127.0.0.1\""), audit);
    }

    static String read(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
