package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway talks only to the configured upstreams, and only over verified TLS: an untrusted certificate
 * is a 502, and neither the Host header, an absolute request URI, an upstream redirect nor a dot-dot path
 * makes it send a request anywhere else.
 */
class UpstreamTrustTest {
    final Vertx vertx = Vertx.vertx();
    GatewayFixture fx;
    /** A server that must never be reached: what an attacker would like the gateway to call. */
    final List<String> victimHits = new CopyOnWriteArrayList<>();
    HttpServer victim;

    @AfterEach
    void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
        vertx.close().await();
    }

    private int startVictim() {
        victim = vertx.createHttpServer().requestHandler(req -> {
            victimHits.add(req.uri());
            req.response().end("{\"pwned\":true}");
        }).listen(0, "127.0.0.1").await();
        return victim.actualPort();
    }

    private HttpServer tlsUpstream(SelfSignedCertificate cert) {
        return vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()))
                .requestHandler(req -> req.body().onSuccess(b -> Echo.openAiJson(req, "over tls")))
                .listen(0, "127.0.0.1").await();
    }

    @Test
    void anUntrustedUpstreamCertificateIs502AndATrustedOneWorks() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        HttpServer tls = tlsUpstream(cert);
        String url = "https://localhost:" + tls.actualPort();
        fx = new GatewayFixture(c -> c.gateway.upstreams.put("openai", url));
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hello"));
        assertEquals(502, r.statusCode(), r.body());
        assertFalse(r.body().contains("over tls"));
        fx.close();
        // the same server, its certificate now trusted through gateway.upstreamCaFile
        fx = new GatewayFixture(c -> {
            c.gateway.upstreams.put("openai", url);
            c.gateway.upstreamCaFile = cert.certificatePath();
        });
        HttpResponse<String> ok = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hello"));
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("over tls"));
    }

    @Test
    void aCertificateForAnotherNameIs502EvenWhenItsIssuerIsTrusted() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create("api.openai.example");
        HttpServer tls = tlsUpstream(cert);
        fx = new GatewayFixture(c -> {
            c.gateway.upstreams.put("openai", "https://localhost:" + tls.actualPort());
            c.gateway.upstreamCaFile = cert.certificatePath();
        });
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hello"));
        assertEquals(502, r.statusCode(), r.body());
    }

    @Test
    void noTrustAllAnywhereInTheSources() throws Exception {
        Pattern insecure = Pattern.compile("setTrustAll\\(\\s*true|InsecureTrustManagerFactory|setVerifyHost\\(\\s*false"
                + "|X509TrustManager|HostnameVerifier");
        List<String> hits;
        try (Stream<Path> s = Files.walk(Path.of("src", "main"))) {
            hits = s.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return insecure.matcher(Files.readString(p)).find();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).map(Path::toString).collect(Collectors.toList());
        }
        assertEquals(List.of(), hits);
    }

    @Test
    void theHostHeaderDoesNotChooseTheUpstream() throws Exception {
        int victimPort = startVictim();
        fx = new GatewayFixture();
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "fine");
        String reply = raw("POST /openai/v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + victimPort
                + "\r\nContent-Type: application/json\r\nContent-Length: " + GatewayChatTest.chat("hi").length()
                + "\r\nConnection: close\r\n\r\n" + GatewayChatTest.chat("hi"));
        assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
        assertEquals(1, fx.upstream.received.size());
        assertEquals("127.0.0.1:" + fx.upstream.port, fx.upstream.last().headers().get("host"));
        assertEquals(List.of(), victimHits);
    }

    @Test
    void anAbsoluteRequestUriIsNoProxyRequest() throws Exception {
        int victimPort = startVictim();
        fx = new GatewayFixture();
        for (String target : List.of("http://127.0.0.1:" + victimPort + "/openai/v1/chat/completions",
                "http://127.0.0.1:" + victimPort + "/", "127.0.0.1:" + victimPort)) {
            String method = target.startsWith("http") ? "POST" : "CONNECT";
            String reply = raw(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + victimPort
                    + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
            assertTrue(reply.startsWith("HTTP/1.1 4"), target + ": " + reply);
        }
        assertEquals(List.of(), victimHits);
        assertTrue(fx.upstream.received.isEmpty());
    }

    @Test
    void anUpstreamRedirectIsPassedBackNotFollowed() throws Exception {
        int victimPort = startVictim();
        fx = new GatewayFixture();
        fx.upstream.responder = (req, rec) -> req.response().setStatusCode(307)
                .putHeader("Location", "http://127.0.0.1:" + victimPort + "/v1/chat/completions").end();
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hello"));
        assertEquals(307, r.statusCode(), r.body());
        assertEquals(1, fx.upstream.received.size());
        assertEquals(List.of(), victimHits);
    }

    @Test
    void dotDotPathsNeverLeaveTheUpstreamsBasePath() throws Exception {
        fx = new GatewayFixture();
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "fine");
        for (String path : List.of("/openai/../admin", "/openai/v1/../../admin", "/openai/%2e%2e/admin",
                "/openai/v1/%2E%2E/%2e%2e/admin", "/v1/..%2fadmin")) {
            String reply = raw("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
            assertTrue(reply.startsWith("HTTP/1.1 400"), path + ": " + reply);
            assertTrue(reply.contains("hush_bad_target"), reply);
        }
        String trace = raw("TRACE /openai/v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(trace.startsWith("HTTP/1.1 405"), trace);
        assertTrue(fx.upstream.received.isEmpty(), fx.upstream.received.toString());
        // a dot inside a name is no traversal
        String ok = raw("POST /openai/v1/chat/completions?x=../y HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + GatewayChatTest.chat("hi").length() + "\r\nConnection: close\r\n\r\n" + GatewayChatTest.chat("hi"));
        assertTrue(ok.startsWith("HTTP/1.1 200"), ok);
    }

    /** One raw HTTP/1.1 exchange on a plain socket (what a hostile client can send). */
    private String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", fx.port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
