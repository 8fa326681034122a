package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Clients may speak h2c to the gateway; the gateway speaks h2 over TLS (ALPN) to providers. */
class GatewayProtocolsTest {

    @Test
    void h2cFromClientAndTlsAlpnH2ToUpstream() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        List<HttpVersion> seen = new CopyOnWriteArrayList<>();
        List<String> bodies = new CopyOnWriteArrayList<>();
        io.vertx.core.Vertx upVertx = io.vertx.core.Vertx.vertx();
        try {
            HttpServer tlsUpstream = upVertx.createHttpServer(new HttpServerOptions().setSsl(true).setUseAlpn(true)
                    .setKeyCertOptions(cert.keyCertOptions())).requestHandler(req -> req.body().onSuccess(b -> {
                        seen.add(req.version());
                        bodies.add(b.toString());
                        req.response().putHeader("content-type", "application/json")
                                .end("{\"choices\":[{\"message\":{\"content\":\"hi <EMAIL_1>\"}}]}");
                    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
            try (GatewayFixture tls = new GatewayFixture(c -> {
                c.gateway.upstreams.put("openai", "https://localhost:" + tlsUpstream.actualPort());
                c.gateway.upstreamCaFile = cert.certificatePath();
                c.gateway.connectTimeoutMs = 60_000; // a first TLS handshake on a loaded 2-core machine is slow
                c.gateway.idleTimeoutMs = 60_000;
            })) {
                HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
                HttpResponse<String> r = h2.send(HttpRequest.newBuilder(URI.create(tls.url("/openai/v1/chat/completions")))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(GatewayChatTest.chat("mail a@b.io"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                assertTrue(r.body().contains("hi a@b.io"), r.body());
                // a second request upgrades on a fresh connection or reuses the h2 one
                HttpResponse<String> r2 = h2.send(HttpRequest.newBuilder(URI.create(tls.url("/v1/models"))).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(HttpClient.Version.HTTP_2, r2.version(), "client to gateway over h2c");
                assertEquals(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_2), seen, "gateway to provider over TLS h2");
                assertTrue(bodies.get(0).contains("mail <EMAIL_1>"));
            } finally {
                cert.delete();
            }
        } finally {
            upVertx.close();
        }
    }
}
