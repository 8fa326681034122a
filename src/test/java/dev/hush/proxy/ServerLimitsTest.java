package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client-side limits with real sockets: a half-sent head or a stalled body is closed after its timeout,
 * connections past {@code maxConnections} are refused, and HTTP/2 announces its stream limit and closes a
 * connection that floods resets. Each test waits on the close itself (end of stream), never on a sleep; the
 * socket read timeout only bounds a broken run.
 */
class ServerLimitsTest {
    GatewayFixture fx;

    /**
     * Loads the server's HTTP/1 and h2c code paths once with default limits, so the first connection of a
     * test with a 200 ms limit is not also the JVM's first (class loading on a busy machine can take longer).
     */
    @BeforeAll
    static void warmUp() throws Exception {
        try (GatewayFixture warm = new GatewayFixture()) {
            warm.upstream.responder = (req, rec) -> Echo.openAiJson(req, "warm");
            assertEquals(200, warm.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi")).statusCode());
            HttpClientAgent client = warm.vertx.httpClientBuilder().with(new HttpClientOptions()
                    .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)).build();
            String body = client.request(new io.vertx.core.http.RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                    .setPort(warm.port).setURI("/openai/v1/chat/completions").putHeader("content-type", "application/json"))
                    .compose(req -> req.send(GatewayChatTest.chat("hi"))).compose(resp -> resp.body()).await().toString();
            assertTrue(body.contains("warm"), body);
            client.close().await();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private Socket connect() throws Exception {
        Socket s = new Socket("127.0.0.1", fx.port);
        s.setSoTimeout(30_000);
        return s;
    }

    /** Reads until the server closes; what it sent before closing. Fails the test on a read timeout. */
    private static String readToClose(Socket s) throws Exception {
        InputStream in = s.getInputStream();
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open", e);
        }
    }

    private static void send(Socket s, String text) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void aHalfSentHeadIsClosedAfterTheHeaderTimeout() throws Exception {
        fx = new GatewayFixture(c -> c.gateway.headerTimeoutMs = 200);
        try (Socket s = connect()) {
            send(s, "POST /openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: appl");
            assertEquals("", readToClose(s), "closed without an answer");
        }
        assertTrue(fx.upstream.received.isEmpty());
        // a prompt client is served under the same limit
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "fine");
        assertEquals(200, fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi")).statusCode());
    }

    @Test
    void aSilentConnectionIsClosedAfterTheHeaderTimeout() throws Exception {
        fx = new GatewayFixture(c -> c.gateway.headerTimeoutMs = 200);
        try (Socket s = connect()) {
            assertEquals("", readToClose(s));
        }
    }

    @Test
    void anAnswerSlowerThanTheHeaderTimeoutStillArrivesOverHttp1AndH2c() throws Exception {
        fx = new GatewayFixture(c -> c.gateway.headerTimeoutMs = 200);
        // the upstream answers after several header timeouts: the connection sends nothing meanwhile
        fx.upstream.responder = (req, rec) -> fx.vertx.setTimer(800, t -> Echo.openAiJson(req, "slow"));
        java.net.http.HttpResponse<String> r = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("You said: slow"));
        HttpClientAgent client = h2c();
        HttpClientConnection conn = client.connect(new io.vertx.core.http.HttpConnectOptions()
                .setHost("127.0.0.1").setPort(fx.port)).await();
        String body = conn.request(new io.vertx.core.http.RequestOptions().setMethod(HttpMethod.POST)
                .setURI("/openai/v1/chat/completions").putHeader("content-type", "application/json"))
                .compose(req -> req.send(GatewayChatTest.chat("hi")))
                .compose(resp -> resp.body()).await().toString();
        assertTrue(body.contains("You said: slow"), body);
        client.close().await();
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheHeaderTimeout() throws Exception {
        fx = new GatewayFixture(c -> c.gateway.headerTimeoutMs = 300);
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "fine");
        try (Socket s = connect()) {
            String body = GatewayChatTest.chat("hi");
            send(s, "POST /openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            String all = readToClose(s);
            assertTrue(all.startsWith("HTTP/1.1 200"), "[" + all + "]");
            assertTrue(all.contains("You said: fine"), all);
        }
    }

    @Test
    void aStalledBodyIsClosedAfterTheBodyTimeout() throws Exception {
        fx = new GatewayFixture(c -> c.gateway.bodyTimeoutMs = 300);
        try (Socket s = connect()) {
            send(s, "POST /openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"model\":\"gpt-4o\",");
            readToClose(s);
        }
        assertTrue(fx.upstream.received.isEmpty());
    }

    @Test
    void connectionsPastTheLimitAreClosedAsTheyOpen() throws Exception {
        fx = new GatewayFixture(c -> c.gateway.maxConnections = 2);
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "fine");
        try (Socket a = connect(); Socket b = connect()) {
            String body = GatewayChatTest.chat("hi");
            String req = "POST /openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body;
            send(a, req);
            byte[] head = new byte[12];
            assertEquals(12, a.getInputStream().readNBytes(head, 0, 12));
            assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));
            send(b, req);
            assertEquals(12, b.getInputStream().readNBytes(head, 0, 12));
            try (Socket c = connect()) {
                // counted when its first head arrives (see ConnectionGuard): closed then, never answered
                send(c, req);
                assertEquals("", readToClose(c), "the third connection is closed unanswered");
            }
            assertEquals(2, fx.upstream.received.size());
        }
    }

    private HttpClientAgent h2c() {
        return fx.vertx.httpClientBuilder().with(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false).setDefaultHost("127.0.0.1").setDefaultPort(fx.port))
                .with(new PoolOptions().setHttp2MaxSize(1)).build();
    }

    @Test
    void http2AnnouncesItsStreamLimit() throws Exception {
        fx = new GatewayFixture(c -> c.gateway.http2MaxConcurrentStreams = 7);
        HttpClientAgent client = h2c();
        HttpClientConnection conn = client.connect(new io.vertx.core.http.HttpConnectOptions()
                .setHost("127.0.0.1").setPort(fx.port)).await();
        CompletableFuture<Long> settings = new CompletableFuture<>();
        conn.remoteSettingsHandler(s -> settings.complete(s.getMaxConcurrentStreams()));
        long announced = conn.remoteSettings().getMaxConcurrentStreams() == 7 ? 7 : settings.get(30, TimeUnit.SECONDS);
        assertEquals(7, announced);
        client.close().await();
    }

    @Test
    void http2ConnectionFloodingResetsIsClosed() throws Exception {
        fx = new GatewayFixture(c -> {
            c.gateway.http2MaxResetsPerWindow = 20;
            c.gateway.http2ResetWindowSeconds = 60;
        });
        fx.upstream.responder = (req, rec) -> { }; // never answers: every stream stays open until reset
        HttpClientAgent client = h2c();
        HttpClientConnection conn = client.connect(new io.vertx.core.http.HttpConnectOptions()
                .setHost("127.0.0.1").setPort(fx.port)).await();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        conn.closeHandler(v -> closed.complete(null));
        int sent = 0;
        // bounded: far more resets than the limit, stopping as soon as the server has closed the connection
        // (the client may get a few more out before the server's GOAWAY reaches it, so no upper bound on sent)
        for (int i = 0; i < 1000 && !closed.isDone(); i++) {
            HttpClientRequest r;
            try {
                r = conn.request(new io.vertx.core.http.RequestOptions().setMethod(HttpMethod.POST)
                        .setURI("/openai/v1/chat/completions").putHeader("content-type", "application/json")).await();
                r.setChunked(true);
                r.write("{").await();
            } catch (Exception e) {
                break; // the connection is going away
            }
            r.reset();
            sent++;
        }
        closed.get(30, TimeUnit.SECONDS); // the client never closes it: only the server's flood guard can
        assertTrue(sent > 20, "closed only after the limit: " + sent);
        client.close().await();
    }
}
